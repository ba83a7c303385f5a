//! The HTML pages, rendered on the server with maud (every value escaped unless marked
//! otherwise, and nothing here marks article text otherwise). They work without
//! JavaScript; `assets/app.js` only adds the `/` shortcut.
//!
//! Pages: search (`/`), article (`/article/ID`), entity (`/entity/KIND/NAME`) and
//! archive (`/archive`).

use super::params::{self, segment, Params};
use super::{cached, Failure, Lane, Reply, State};
use crate::aggregate::{self, Timeline};
use crate::article::Article;
use crate::cli::{NameFilters, Period, SearchArgs, TimelineArgs};
use crate::commands;
use crate::index::Archive;
use crate::search::{self, query::Match, Hit, Request};
use axum::extract::{Path, RawQuery};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use maud::{html, Markup, DOCTYPE};
use std::sync::Arc;

type Shared = axum::extract::State<Arc<State>>;

/// A whole page around `body`; `form` goes inside the search form (the filters a new
/// query keeps).
fn layout(title: &str, q: &str, form: Markup, body: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="color-scheme" content="light dark";
                title { (title) " · warta" }
                link rel="stylesheet" href="/assets/style.css";
                link rel="icon" href="/assets/icon.svg" type="image/svg+xml";
                script src="/assets/app.js" defer {}
            }
            body {
                header.top {
                    a.brand href="/" { "warta" }
                    form.searchbox action="/" method="get" role="search" {
                        input #q type="search" name="q" value=(q)
                            placeholder="Search the archive (press / )" aria-label="Search"
                            maxlength=(params::MAX_QUERY_CHARS);
                        (form)
                        button type="submit" { "Search" }
                    }
                    nav { a href="/archive" { "Archive" } }
                }
                main { (body) }
            }
        }
    }
}

fn page(status: StatusCode, m: Markup) -> Reply {
    Reply {
        status,
        content_type: "text/html; charset=utf-8",
        body: m.into_string().into(),
    }
}

/// A page that explains what went wrong.
fn failure_page(f: &Failure) -> Response {
    let title = if f.status == StatusCode::NOT_FOUND {
        "Not found"
    } else if f.status.is_client_error() {
        "Cannot search for that"
    } else {
        "Something went wrong"
    };
    page(
        f.status,
        layout(
            title,
            "",
            html! {},
            html! {
                section.notice.error {
                    h1 { (title) }
                    p { (f.message) }
                    p { a href="/" { "Start a new search" } }
                }
            },
        ),
    )
    .into_response()
}

fn respond(r: Result<Reply, Failure>) -> Response {
    match r {
        Ok(reply) => reply.into_response(),
        Err(f) => failure_page(&f),
    }
}

/// A publication time as `2022-11-04 16:31`, its zone as `+07:00`.
fn when(rfc3339: Option<&str>) -> (String, String) {
    let Some(s) = rfc3339 else {
        return ("undated".into(), String::new());
    };
    match chrono::DateTime::parse_from_rfc3339(s) {
        Ok(d) => (
            d.format("%Y-%m-%d %H:%M").to_string(),
            d.format("%:z").to_string(),
        ),
        Err(_) => (s.to_string(), String::new()),
    }
}

/// A snippet with its highlighted character ranges in `<mark>`.
fn snippet(text: &str, ranges: &[(usize, usize)]) -> Markup {
    let chars: Vec<char> = text.chars().collect();
    let mut parts: Vec<(bool, String)> = Vec::new();
    let mut pos = 0;
    for &(s, e) in ranges {
        if s < pos || e > chars.len() || s >= e {
            continue;
        }
        parts.push((false, chars[pos..s].iter().collect()));
        parts.push((true, chars[s..e].iter().collect()));
        pos = e;
    }
    parts.push((false, chars[pos..].iter().collect()));
    html! {
        @for (marked, t) in &parts {
            @if *marked { mark { (t) } } @else { (t) }
        }
    }
}

/// Links to an entity's page.
fn entity_link(kind: &str, name: &str) -> String {
    format!("/entity/{kind}/{}", segment(name))
}

fn article_link(id: &str) -> String {
    format!("/article/{}", segment(id))
}

/// Whether a URL may be a link: http(s) only (never `javascript:` or `data:`).
fn safe_url(url: &str) -> bool {
    let lower = url.trim_start().to_ascii_lowercase();
    (lower.starts_with("http://") || lower.starts_with("https://")) && !url.contains(['\n', '\r'])
}

/// The search page: `/?q=...` with the filters, sort and page of `warta search`.
pub async fn search(state: Shared, RawQuery(raw): RawQuery) -> Response {
    let args = Params::read(raw.as_deref(), params::SEARCH).and_then(|p| params::search(&p));
    let args = match args {
        Ok(a) => a,
        Err(f) => return failure_page(&f),
    };
    let key = format!("page search {args:?}");
    respond(
        cached(&state, Lane::Page, key, move |s| {
            render_search(s.archive()?, &args)
        })
        .await,
    )
}

fn has_filters(a: &SearchArgs) -> bool {
    a.filters.from.is_some()
        || a.filters.to.is_some()
        || a.filters.source.is_some()
        || a.names.person.is_some()
        || a.names.place.is_some()
        || a.names.org.is_some()
}

/// The filters of a search as hidden fields, so a new query from the box keeps them.
fn hidden_filters(a: &SearchArgs) -> Markup {
    let fields = super::params::filter_params(a);
    html! {
        @for (k, v) in fields {
            @if let Some(v) = v { input type="hidden" name=(k) value=(v); }
        }
        @match a.sort {
            crate::cli::Sort::Newest => { input type="hidden" name="sort" value="newest"; }
            crate::cli::Sort::Oldest => { input type="hidden" name="sort" value="oldest"; }
            crate::cli::Sort::Relevance => {}
        }
    }
}

/// The active filters, each with a link that removes it.
fn filter_chips(a: &SearchArgs) -> Markup {
    type Clear = fn(&mut SearchArgs);
    let chips: [(&str, &Option<String>, Clear); 6] = [
        ("from", &a.filters.from, |a| a.filters.from = None),
        ("to", &a.filters.to, |a| a.filters.to = None),
        ("outlet", &a.filters.source, |a| a.filters.source = None),
        ("person", &a.names.person, |a| a.names.person = None),
        ("place", &a.names.place, |a| a.names.place = None),
        ("org", &a.names.org, |a| a.names.org = None),
    ];
    html! {
        @if has_filters(a) {
            ul.chips aria-label="Filters" {
                @for (label, v, clear) in chips {
                    @if let Some(v) = v {
                        li { a href=(params::search_url(a, |x| { clear(x); x.offset = 0; })) title="Remove this filter" {
                            span.k { (label) ": " } (v) " ✕"
                        } }
                    }
                }
            }
        }
    }
}

fn render_search(archive: &Archive, args: &SearchArgs) -> Result<Reply, Failure> {
    let q = args.query.join(" ");
    let form = hidden_filters(args);
    if q.trim().is_empty() {
        let body = if has_filters(args) {
            browse(archive, args)?
        } else {
            home(archive)?
        };
        let title = if has_filters(args) {
            "Browse"
        } else {
            "Search"
        };
        return Ok(page(StatusCode::OK, layout(title, "", form, body)));
    }
    let resp = match commands::search_response(archive, args) {
        Ok(r) => r,
        Err(e) => {
            let f = Failure::from(e);
            if f.status != StatusCode::BAD_REQUEST {
                return Err(f);
            }
            let body = html! {
                (filter_chips(args))
                section.notice.error {
                    h1 { "Nothing to search for" }
                    p { (f.message) }
                    p { "Type words to find, a \"quoted phrase\", or use "
                        code { "OR" } ", " code { "-word" } " and " code { "title:word" } "." }
                }
            };
            return Ok(page(StatusCode::BAD_REQUEST, layout(&q, &q, form, body)));
        }
    };
    // Facets and the timeline count the same articles the ranking matched.
    let mut counting = commands::search_request(args);
    if resp.fallback {
        counting.match_mode = Some(Match::Any);
    }
    let facets = if resp.total > 0 {
        Some(facets(archive, &counting, args)?)
    } else {
        None
    };
    let total = format!("{}{}", resp.total, if resp.total_exact { "" } else { "+" });
    let body = html! {
        (filter_chips(args))
        @if resp.fallback {
            p.notice { "No article has every word; these have some of them. "
                a href=(params::search_url(args, |a| { a.match_mode = Some(crate::cli::MatchMode::All); a.offset = 0; })) { "Insist on every word" } }
        }
        @if resp.hits.is_empty() {
            section.notice {
                h1 { "No results" }
                @if resp.total > 0 {
                    p { "This page is past the end: the search has " (total) " results. "
                        a href=(params::search_url(args, |a| a.offset = 0)) { "Back to the first page" } }
                } @else {
                    p { "No article matches " q { (q) } @if has_filters(args) { " with these filters" } "." }
                    @if has_filters(args) {
                        p { a href=(params::search_url(args, |a| { a.filters = crate::cli::Filters { from: None, to: None, source: None }; a.names = NameFilters { person: None, place: None, org: None }; a.offset = 0; })) { "Search without the filters" } }
                    }
                    p { "Fewer or other words may help, or " code { "OR" } " between them." }
                }
            }
        } @else {
            div.results-layout {
                section.results {
                    p.count { (args.offset + 1) "–" (args.offset + resp.hits.len()) " of " (total) " results"
                        " · sort: "
                        @for (label, s) in [("relevance", crate::cli::Sort::Relevance), ("newest", crate::cli::Sort::Newest), ("oldest", crate::cli::Sort::Oldest)] {
                            @if args.sort == s { strong { (label) } " " } @else { a href=(params::search_url(args, |a| { a.sort = s; a.offset = 0; })) { (label) } " " }
                        }
                    }
                    @if let Some((_, _, _, t)) = &facets { (timeline_chart(t, args)) }
                    ol.hits start=(args.offset + 1) {
                        @for h in &resp.hits { (hit(h)) }
                    }
                    (pager(args, resp.total))
                }
                @if let Some((outlets, people, rest, _)) = &facets {
                    aside.facets {
                        (facet_list("Outlets", outlets, args, "source"))
                        (facet_list("People", people, args, "person"))
                        (facet_list("Places", &rest.0, args, "place"))
                        (facet_list("Organisations", &rest.1, args, "org"))
                    }
                }
            }
        }
    };
    Ok(page(StatusCode::OK, layout(&q, &q, form, body)))
}

type Counts = Vec<(String, usize)>;

/// Outlets, people, (places, orgs) and the timeline of the matching articles.
fn facets(
    archive: &Archive,
    req: &Request,
    args: &SearchArgs,
) -> Result<(Counts, Counts, (Counts, Counts), Timeline), Failure> {
    let (f, days) = super::facets::count(archive, req, 8)?;
    let [outlets, people, places, orgs] = f.lists;
    if let Some(days) = days {
        // As `timeline` below, from the days counted with the facets.
        let query = args.query.join(" ");
        let mut t = days.timeline(&query, aggregate::By::Month);
        if t.periods.len() > 72 {
            t = days.timeline(&query, aggregate::By::Year);
        } else if t.periods.len() == 1 {
            t = days.timeline(&query, aggregate::By::Day);
        }
        return Ok((outlets, people, (places, orgs), t));
    }
    let t = timeline(
        archive,
        &args.query,
        &args.filters,
        &args.names,
        req.match_mode,
    )?;
    Ok((outlets, people, (places, orgs), t))
}

/// A timeline by month, or by year when it spans many years, or by day within a month.
fn timeline(
    archive: &Archive,
    query: &[String],
    filters: &crate::cli::Filters,
    names: &NameFilters,
    mode: Option<Match>,
) -> Result<Timeline, Failure> {
    let mut args = TimelineArgs {
        query: query.to_vec(),
        by: Period::Month,
        filters: filters.clone(),
        names: names.clone(),
        json: false,
    };
    let run = |args: &TimelineArgs| -> Result<Timeline, Failure> {
        if mode == Some(Match::Any) {
            // The fallback: count what the ranking matched (any word).
            let mut req = commands::counting_request(&args.query, &args.filters);
            req.person = args.names.person.clone();
            req.place = args.names.place.clone();
            req.org = args.names.org.clone();
            req.match_mode = Some(Match::Any);
            let by = match args.by {
                Period::Year => aggregate::By::Year,
                Period::Month => aggregate::By::Month,
                Period::Day => aggregate::By::Day,
            };
            return Ok(aggregate::timeline(archive, &req, by)?);
        }
        Ok(commands::timeline_of(archive, args)?)
    };
    let t = run(&args)?;
    if t.periods.len() > 72 {
        args.by = Period::Year;
        return run(&args);
    }
    if t.periods.len() == 1 {
        args.by = Period::Day;
        return run(&args);
    }
    Ok(t)
}

/// The timeline as bars; each bar links to the search narrowed to its period.
fn timeline_chart(t: &Timeline, args: &SearchArgs) -> Markup {
    const W: usize = 600;
    const H: usize = 80;
    let n = t.periods.len();
    if n == 0 {
        return html! {};
    }
    let max = t
        .periods
        .iter()
        .map(|p| p.articles)
        .max()
        .unwrap_or(1)
        .max(1);
    let slot = W as f64 / n as f64;
    let bar = (slot * 0.8).max(1.0);
    html! {
        figure.timeline {
            svg viewBox={ "0 0 " (W) " " (H + 2) } role="img" aria-label="Matches over time; a bar narrows the search to its period" preserveAspectRatio="none" {
                @for (i, p) in t.periods.iter().enumerate() {
                    @let h = if p.articles == 0 { 0.0 } else { (p.articles as f64 / max as f64 * H as f64).max(2.0) };
                    a href=(params::search_url(args, |a| { a.filters.from = Some(p.period.clone()); a.filters.to = Some(p.period.clone()); a.offset = 0; })) class="bar" {
                        title { (p.period) ": " (p.articles) }
                        rect class="hit" x=(format!("{:.1}", i as f64 * slot)) y="0" width=(format!("{:.1}", slot)) height=(H + 2) {}
                        rect x=(format!("{:.1}", i as f64 * slot + (slot - bar) / 2.0)) y=(format!("{:.1}", H as f64 - h + 1.0)) width=(format!("{:.1}", bar)) height=(format!("{:.1}", h)) {}
                    }
                }
            }
            figcaption {
                span { (t.periods[0].period) }
                span { "by " (t.by) @if t.undated > 0 { " · " (t.undated) " undated" } }
                span { (t.periods[n - 1].period) }
            }
        }
    }
}

fn facet_list(title: &str, items: &Counts, args: &SearchArgs, key: &str) -> Markup {
    let current = match key {
        "source" => &args.filters.source,
        "person" => &args.names.person,
        "place" => &args.names.place,
        _ => &args.names.org,
    };
    let set = |a: &mut SearchArgs, v: Option<String>| {
        a.offset = 0;
        match key {
            "source" => a.filters.source = v,
            "person" => a.names.person = v,
            "place" => a.names.place = v,
            _ => a.names.org = v,
        }
    };
    html! {
        @if !items.is_empty() {
            section.facet {
                h2 { (title) }
                ul {
                    @for (name, n) in items {
                        @let on = current.as_deref().is_some_and(|c| c.eq_ignore_ascii_case(name));
                        li.on[on] {
                            @if on {
                                a href=(params::search_url(args, |a| set(a, None))) title="Remove this filter" { "✕ " (name) }
                            } @else {
                                a href=(params::search_url(args, |a| set(a, Some(name.clone())))) title="Only articles with this" { (name) }
                            }
                            span.n { (n) }
                        }
                    }
                }
            }
        }
    }
}

fn hit(h: &Hit) -> Markup {
    let (date, _) = when(h.published.as_deref());
    let title = if h.title.trim().is_empty() {
        "(untitled)"
    } else {
        h.title.as_str()
    };
    html! {
        li.hit {
            h3 { a href=(article_link(&h.id)) { (title) } }
            p.meta {
                span.outlet { (h.source) } " · " time { (date) }
                @if h.copies > 1 { " · " span.copies title="Near-duplicate copies of this story" { (h.copies) " copies" } }
            }
            p.snippet { (snippet(&h.snippet, &h.highlights)) }
        }
    }
}

fn pager(args: &SearchArgs, total: usize) -> Markup {
    let end = (args.offset + args.limit).min(search::MAX_WINDOW);
    html! {
        nav.pager {
            @if args.offset > 0 {
                a rel="prev" href=(params::search_url(args, |a| a.offset = a.offset.saturating_sub(a.limit))) { "← Previous" }
            }
            @if total > end && end + args.limit <= search::MAX_WINDOW {
                a rel="next" href=(params::search_url(args, |a| a.offset += a.limit)) { "Next →" }
            }
        }
    }
}

/// The start page: what the archive holds and how to search it.
fn home(archive: &Archive) -> Result<Markup, Failure> {
    let n = crate::stats::article_count(archive)?;
    Ok(html! {
        section.home {
            h1 { "Search " (n) " articles" }
            @if n == 0 {
                p { "The archive is empty: run " code { "warta index FOLDER" } "; new articles show here as they are committed." }
            }
            p { "Words find articles with every word (or, failing that, any). Also: "
                code { "\"a phrase\"" } ", " code { "OR" } ", " code { "-word" } ", "
                code { "title:word" } ", " code { "date:[2022 TO 2023]" } "." }
            p { a href="/archive" { "What the archive holds" } }
        }
    })
}

/// The newest articles matching the filters (a search with filters but no words).
fn browse(archive: &Archive, args: &SearchArgs) -> Result<Markup, Failure> {
    let req = commands::search_request(args);
    let (total, articles) = latest(archive, &req, 20)?;
    Ok(html! {
        (filter_chips(args))
        h1 { (total) " articles, newest first" }
        (article_list(&articles))
    })
}

/// The `n` newest articles matching the request's filters (its query is ignored), and
/// how many match.
fn latest(archive: &Archive, req: &Request, n: usize) -> anyhow::Result<(usize, Vec<Article>)> {
    let searcher = archive.reader()?.searcher();
    let q = search::with_filters(archive, req, &*archive.all_articles())?;
    let collector = (
        tantivy::collector::Count,
        crate::index::read::by_published(n, tantivy::Order::Desc),
    );
    let (total, top) = searcher.search(&q, &collector)?;
    let mut out = Vec::new();
    for (_, addr) in top {
        let d: tantivy::TantivyDocument = searcher.doc(addr)?;
        out.push(archive.f.to_article(&d).0);
    }
    Ok((total, out))
}

fn article_list(articles: &[Article]) -> Markup {
    html! {
        ul.list {
            @for a in articles {
                @let (date, _) = when(a.published.map(|p| p.to_rfc3339()).as_deref());
                li {
                    a href=(article_link(&a.id)) { @if a.title.trim().is_empty() { "(untitled)" } @else { (a.title) } }
                    span.meta { " " (a.source) " · " (date) }
                }
            }
        }
    }
}

/// `/article/ID`: the article, its copies and similar stories.
pub async fn article(state: Shared, Path(id): Path<String>) -> Response {
    let key = format!("page article {id:?}");
    respond(
        cached(&state, Lane::Page, key, move |s| {
            render_article(s.archive()?, &id)
        })
        .await,
    )
}

fn render_article(archive: &Archive, id: &str) -> Result<Reply, Failure> {
    let shown = commands::shown(archive, id)?;
    let a = &shown.article;
    let searcher = archive.reader().map_err(Failure::from)?.searcher();
    let copies: Vec<Article> = shown
        .copies
        .iter()
        .take(20)
        .filter_map(|c| archive.find(&searcher, c).map(|f| f.article))
        .collect();
    let similar = search::similar(archive, &a.id, 6)
        .map(|r| r.hits)
        .unwrap_or_default();
    let (date, zone) = when(a.published.map(|p| p.to_rfc3339()).as_deref());
    let title = if a.title.trim().is_empty() {
        "(untitled)"
    } else {
        a.title.as_str()
    };
    let body = html! {
        article.story {
            h1 { (title) }
            p.meta {
                span.outlet { (a.source) } " · "
                time { (date) @if !zone.is_empty() { " (UTC" (zone) ")" } }
                @if !a.authors.is_empty() { " · by " (a.authors.join(", ")) }
            }
            @if a.dateline.is_some() || a.wire.is_some() {
                p.meta {
                    @if let Some(d) = &a.dateline { "Dateline: " (d) }
                    @if a.dateline.is_some() && a.wire.is_some() { " · " }
                    @if let Some(w) = &a.wire { "Wire: " (w) }
                }
            }
            div.text {
                @for p in a.paragraphs() { p { (p) } }
            }
            @if !a.captions.is_empty() {
                section.captions {
                    h2 { "Captions" }
                    @for c in &a.captions { figure { figcaption { (c) } } }
                }
            }
        }
        aside.details {
            @for (label, kind, names) in [("People", "person", &a.entities.person), ("Places", "place", &a.entities.place), ("Organisations", "org", &a.entities.org)] {
                @if !names.is_empty() {
                    section { h2 { (label) } ul.names { @for n in names { li { a href=(entity_link(kind, n)) { (n) } } } } }
                }
            }
            section {
                h2 { "Source" }
                dl {
                    dt { "Id" } dd { code { (a.id) } }
                    dt { "Language" } dd { (a.lang) }
                    @if let Some(u) = &a.url {
                        dt { "URL" }
                        dd { @if safe_url(u) { a href=(u) rel="noopener noreferrer" target="_blank" { (u) } } @else { (u) } }
                    }
                    dt { "Files" }
                    dd { ul.files { @for p in &shown.paths { li { code { (p) } } } } }
                }
                p { a href={ "/api/article/" (segment(&a.id)) } { "JSON" } }
            }
            @if !copies.is_empty() {
                section { h2 { "Copies (" (shown.copies.len()) ")" } (article_list(&copies)) }
            }
            @if !similar.is_empty() {
                section { h2 { "Similar stories" }
                    ul.list { @for h in &similar {
                        li { a href=(article_link(&h.id)) { @if h.title.trim().is_empty() { "(untitled)" } @else { (h.title) } }
                             span.meta { " " (h.source) " · " (when(h.published.as_deref()).0) } }
                    } }
                }
            }
        }
    };
    Ok(page(
        StatusCode::OK,
        layout(title, "", html! {}, html! { div.article-layout { (body) } }),
    ))
}

/// `/entity/KIND/NAME`: mentions over time, who and what appears with it, its latest
/// articles.
pub async fn entity(state: Shared, Path((kind, name)): Path<(String, String)>) -> Response {
    let kind = match kind.as_str() {
        "person" | "place" | "org" => kind,
        _ => {
            return failure_page(&Failure::new(
                StatusCode::NOT_FOUND,
                "an entity is a person, place or org: /entity/person/NAME",
            ))
        }
    };
    let key = format!("page entity {kind:?} {name:?}");
    respond(
        cached(&state, Lane::Heavy, key, move |s| {
            render_entity(s.archive()?, &kind, &name)
        })
        .await,
    )
}

fn render_entity(archive: &Archive, kind: &str, name: &str) -> Result<Reply, Failure> {
    let mut names = NameFilters {
        person: None,
        place: None,
        org: None,
    };
    match kind {
        "person" => names.person = Some(name.to_string()),
        "place" => names.place = Some(name.to_string()),
        _ => names.org = Some(name.to_string()),
    }
    let no_filters = crate::cli::Filters {
        from: None,
        to: None,
        source: None,
    };
    let t = timeline(archive, &[], &no_filters, &names, None)?;
    let with = aggregate::entities(
        archive,
        &Request::default(),
        &aggregate::TYPES,
        Some(name),
        15,
    )?;
    let req = Request {
        person: names.person.clone(),
        place: names.place.clone(),
        org: names.org.clone(),
        ..Default::default()
    };
    let (total, articles) = latest(archive, &req, 10)?;
    // The search page over this entity: links of the timeline narrow it.
    let args = SearchArgs {
        query: vec![],
        filters: no_filters,
        names,
        limit: 10,
        offset: 0,
        sort: crate::cli::Sort::Newest,
        match_mode: None,
        all: false,
        exact_total: false,
        json: false,
    };
    let label = match kind {
        "person" => "Person",
        "place" => "Place",
        _ => "Organisation",
    };
    let body = html! {
        h1 { (name) " " small { (label) } }
        @if total == 0 {
            section.notice { p { "No article in the archive names " q { (name) } " as a " (kind) "." } }
        } @else {
            p.count { (total) " articles · " a href=(params::search_url(&args, |_| {})) { "browse them all" } }
            h2 { "Mentions over time" }
            (timeline_chart(&t, &args))
            div.results-layout {
                section.results { h2 { "Latest articles" } (article_list(&articles)) }
                aside.facets {
                    section.facet {
                        h2 { "Appears with" }
                        ul { @for e in &with.entities {
                            li { a href=(entity_link(e.kind, &e.name)) { (e.name) } " " span.kind { (e.kind) } span.n { (e.articles) } }
                        } }
                    }
                }
            }
        }
    };
    Ok(page(StatusCode::OK, layout(name, "", html! {}, body)))
}

/// `/archive`: what `warta stats` shows.
pub async fn archive(state: Shared) -> Response {
    respond(
        cached(&state, Lane::Heavy, "page archive".into(), move |s| {
            let st = crate::stats::collect(s.archive()?, false)?;
            let body = html! {
                h1 { "The archive" }
                dl.stats {
                    dt { "Articles" } dd { (st.articles) }
                    dt { "Files" } dd { (st.files) }
                    dt { "Span" } dd { (st.earliest.as_deref().unwrap_or("-")) " – " (st.latest.as_deref().unwrap_or("-")) }
                    dt { "Copies" } dd { (st.copies) " near-duplicates of another article" }
                    dt { "Languages" } dd { @for (k, v) in &st.languages { (k) " " (v) "  " } }
                    dt { "Size" } dd { (format!("{:.1}", st.index_bytes as f64 / 1e6)) " MB" }
                    dt { "Updated" } dd { (st.last_update.as_deref().unwrap_or("-")) }
                    dt { "Folder" } dd { code { (st.path) } }
                }
                h2 { "Outlets" }
                table.outlets {
                    thead { tr { th { "Outlet" } th { "Articles" } } }
                    tbody { @for o in &st.outlets {
                        tr { td { a href={ "/?source=" (segment(&o.name)) } { (o.name) } } td.n { (o.articles) } }
                    } }
                }
            };
            Ok(page(StatusCode::OK, layout("Archive", "", html! {}, body)))
        })
        .await,
    )
}

pub async fn not_found() -> Response {
    failure_page(&Failure::new(
        StatusCode::NOT_FOUND,
        "There is no page here.",
    ))
}
