//! Everything warta prints: warnings and errors on stderr, human-readable results
//! (colour only on a terminal), one-line JSON for scripts, the progress bar.
//!
//! Article text, file names and queries are untrusted: a scraped page can hold escape
//! sequences that would retitle the terminal, clear it or plant links. Every string of
//! human output goes through [`line`] or [`text`], which show control characters as
//! visible symbols instead (JSON escapes them already).

use crate::aggregate::{EntitiesReport, Timeline};
use crate::article::Article;
use crate::index::update::Summary;
use crate::search::Response;
use crate::stats::Stats;
use serde::Serialize;
use std::io::{IsTerminal, Write};

/// A control character made visible, one character for one (so character offsets into
/// the text, such as highlights, stay right): C0 controls become their Unicode control
/// pictures (ESC is `␛`), DEL `␡`, C1 controls and the bidirectional overrides that can
/// reorder what a terminal shows `�`.
fn visible(c: char) -> char {
    match c {
        '\0'..='\u{1f}' => char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}'),
        '\u{7f}' => '\u{2421}',
        '\u{80}'..='\u{9f}'
        | '\u{202a}'..='\u{202e}'
        | '\u{2066}'..='\u{2069}'
        | '\u{200e}'
        | '\u{200f}'
        | '\u{061c}' => '\u{fffd}',
        c => c,
    }
}

fn needs_cleaning(s: &str, keep_newlines: bool) -> bool {
    s.chars()
        .any(|c| visible(c) != c && !(keep_newlines && c == '\n') || c == '\t')
}

/// A one-line string safe for the terminal: control characters made visible, tabs and
/// line breaks as spaces.
pub fn line(s: &str) -> std::borrow::Cow<'_, str> {
    if !needs_cleaning(s, false) {
        return s.into();
    }
    s.chars()
        .map(|c| match c {
            '\t' | '\n' | '\r' => ' ',
            c => visible(c),
        })
        .collect::<String>()
        .into()
}

/// A multi-line text safe for the terminal: line breaks kept, every other control
/// character made visible.
pub fn text(s: &str) -> std::borrow::Cow<'_, str> {
    if !needs_cleaning(s, true) {
        return s.into();
    }
    s.chars()
        .map(|c| match c {
            '\n' => '\n',
            '\t' => ' ',
            c => visible(c),
        })
        .collect::<String>()
        .into()
}

/// `warning: PATH: reason` on stderr.
pub fn warning(msg: &str) {
    eprintln!("warning: {}", line(msg));
}

/// `error: ...` on stderr: the error and its causes on one line, never a backtrace.
pub fn error(e: &anyhow::Error) {
    let mut msg = e.to_string();
    for cause in e.chain().skip(1) {
        let c = cause.to_string();
        if !msg.contains(&c) {
            msg.push_str(": ");
            msg.push_str(&c);
        }
    }
    eprintln!("error: {}", line(&msg));
}

/// One JSON object on one line of stdout.
pub fn json_line<T: Serialize>(v: &T) -> anyhow::Result<()> {
    std::io::stdout().lock().write_all(&json_bytes(v)?)?;
    Ok(())
}

/// The bytes `json_line` prints: one JSON object and a line break (`warta serve`'s
/// API answers with them too, so the API and `--json` cannot drift apart).
pub fn json_bytes<T: Serialize>(v: &T) -> anyhow::Result<Vec<u8>> {
    let mut out = serde_json::to_vec(v)?;
    out.push(b'\n');
    Ok(out)
}

/// An article with every path it was read from (for `show --json`).
#[derive(Serialize)]
pub struct ShownArticle<'a> {
    #[serde(flatten)]
    pub article: &'a Article,
    pub paths: &'a [String],
    /// Ids of the other articles in its near-duplicate group.
    pub copies: &'a [String],
}

struct Style {
    on: bool,
}

impl Style {
    fn stdout() -> Style {
        Style {
            on: std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
        }
    }
    fn paint(&self, code: &str, s: &str) -> String {
        if self.on {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }
}

/// An article, for reading.
pub fn article(a: &Article) {
    shown_article(a, &[], &[]);
}

/// An article with the other paths it was read from and its near-duplicate copies.
pub fn shown_article(a: &Article, paths: &[String], copies: &[String]) {
    let st = Style::stdout();
    println!("{}", st.paint("1", &line(&a.title)));
    let when = a
        .published
        .map(|p| p.to_rfc3339())
        .unwrap_or_else(|| "-".into());
    let field = |label: &str, value: &str| println!("{label:<9} {}", line(value));
    field("id:", &a.id);
    field("source:", &a.source);
    println!("published: {when}");
    if !a.authors.is_empty() {
        field("authors:", &a.authors.join(", "));
    }
    if let Some(w) = &a.wire {
        field("wire:", w);
    }
    if let Some(d) = &a.dateline {
        field("dateline:", d);
    }
    if let Some(u) = &a.url {
        field("url:", u);
    }
    field("path:", &a.path);
    field("lang:", &a.lang);
    let e = &a.entities;
    for (label, names) in [
        ("people", &e.person),
        ("places", &e.place),
        ("orgs", &e.org),
    ] {
        if !names.is_empty() {
            field(label, &names.join(", "));
        }
    }
    if paths.len() > 1 {
        field("also in:", &paths[1..].join(", "));
    }
    if !copies.is_empty() {
        field("copies:", &copies.join(", "));
    }
    println!();
    for p in a.paragraphs() {
        println!("{}\n", text(p));
    }
    for c in &a.captions {
        println!("[caption] {}\n", line(c));
    }
}

/// Search results, for reading.
pub fn search_results(r: &Response, offset: usize) {
    let st = Style::stdout();
    if r.fallback {
        println!("{}", st.paint("2", "no article has every word; showing articles with any of them (--match all to insist)"));
    }
    if r.hits.is_empty() {
        let q = crate::search::query::echo(&r.query);
        if r.total > offset {
            println!("no results for {} on this page", line(&q));
        } else if r.total > 0 {
            println!(
                "no results for {} past --offset {offset}: it has {}{} in all",
                line(&q),
                r.total,
                if r.total_exact { "" } else { "+" }
            );
        } else {
            println!("no results for {}", line(&q));
        }
        return;
    }
    for (i, h) in r.hits.iter().enumerate() {
        let date = h
            .published
            .as_deref()
            .map(|p| &p[..p.len().min(10)])
            .unwrap_or("----------");
        let title = if h.title.is_empty() {
            "(untitled)"
        } else {
            &h.title
        };
        println!(
            "{:>3}. {}  {}  {}",
            offset + i + 1,
            date,
            st.paint("36", &line(&h.source)),
            st.paint("1", &line(title))
        );
        println!("     {}", highlight(&line(&h.snippet), &h.highlights, &st));
        let copies = if h.copies > 1 {
            format!("  (+{} copies; --all shows them)", h.copies - 1)
        } else {
            String::new()
        };
        println!(
            "     {}",
            st.paint("2", &format!("id {}{copies}", line(&h.id)))
        );
    }
    let shown = offset + r.hits.len();
    println!(
        "{}",
        st.paint(
            "2",
            &format!(
                "{}-{} of {}{} results",
                offset + 1,
                shown,
                r.total,
                if r.total_exact { "" } else { "+" }
            )
        )
    );
}

fn highlight(text: &str, ranges: &[(usize, usize)], st: &Style) -> String {
    if !st.on {
        return text.to_string();
    }
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::new();
    let mut pos = 0;
    for &(s, e) in ranges {
        if s < pos || e > chars.len() {
            continue;
        }
        out.extend(&chars[pos..s]);
        out.push_str(&st.paint("1;33", &chars[s..e].iter().collect::<String>()));
        pos = e;
    }
    out.extend(&chars[pos..]);
    out
}

/// The one summary line of `warta index`.
pub fn index_summary(s: &Summary, total: usize, _quiet: bool) {
    println!(
        "{} new, {} updated, {} unchanged, {} removed, {} skipped; {} articles read, {} in the archive",
        s.new, s.updated, s.unchanged, s.removed, s.skipped, s.articles_added, total
    );
}

/// Statistics, for reading.
pub fn stats(s: &Stats) {
    println!("archive:   {}", line(&s.path));
    println!("articles:  {}", s.articles);
    println!("files:     {}", s.files);
    println!(
        "span:      {} .. {}",
        s.earliest.as_deref().unwrap_or("-"),
        s.latest.as_deref().unwrap_or("-")
    );
    let langs: Vec<String> = s
        .languages
        .iter()
        .map(|(k, v)| format!("{k} {v}"))
        .collect();
    println!("languages: {}", langs.join(", "));
    println!(
        "copies:    {} (near-duplicates of another article)",
        s.copies
    );
    println!("size:      {:.1} MB", s.index_bytes as f64 / 1e6);
    println!("updated:   {}", s.last_update.as_deref().unwrap_or("-"));
    println!("outlets:");
    for o in &s.outlets {
        println!("  {:>7}  {}", o.articles, line(&o.name));
    }
    if let Some(space) = &s.space {
        space_table(space);
    }
}

/// The `stats --space` table, in MB.
fn space_table(space: &crate::stats::Space) {
    let mb = |b: u64| format!("{:.1}", b as f64 / 1e6);
    println!("space (MB):");
    println!(
        "  {:<16} {:>8} {:>8} {:>8} {:>8} {:>8} {:>8}",
        "field", "total", "terms", "postings", "positions", "fast", "norms"
    );
    for r in &space.fields {
        println!(
            "  {:<16} {:>8} {:>8} {:>8} {:>8} {:>8} {:>8}",
            r.field,
            mb(r.total()),
            mb(r.terms),
            mb(r.postings),
            mb(r.positions),
            mb(r.fast),
            mb(r.norms)
        );
    }
    println!("  {:<16} {:>8}", "stored documents", mb(space.store));
    if space.deletes > 0 {
        println!("  {:<16} {:>8}", "deletes", mb(space.deletes));
    }
    let sizes: Vec<String> = space.segments.iter().map(|n| n.to_string()).collect();
    println!(
        "segments: {} (documents: {})",
        space.segments.len(),
        sizes.join(" ")
    );
}

/// A progress bar on stderr (files, articles, MB/s, ETA), shown only on a terminal
/// and without --quiet.
pub struct Progress {
    quiet: bool,
    bar: std::sync::OnceLock<indicatif::ProgressBar>,
    files: std::sync::atomic::AtomicU64,
    articles: std::sync::atomic::AtomicU64,
    total_files: std::sync::atomic::AtomicU64,
}

impl Progress {
    pub fn new(quiet: bool) -> Progress {
        Progress {
            quiet,
            bar: std::sync::OnceLock::new(),
            files: 0.into(),
            articles: 0.into(),
            total_files: 0.into(),
        }
    }
}

impl crate::index::update::Progress for Progress {
    fn start(&self, total_files: u64, total_bytes: u64) {
        use std::sync::atomic::Ordering::Relaxed;
        self.total_files.store(total_files, Relaxed);
        if self.quiet || !std::io::stderr().is_terminal() || total_files == 0 {
            return;
        }
        let bar = indicatif::ProgressBar::new(total_bytes);
        let style = indicatif::ProgressStyle::with_template(
            "{bar:30} {msg}  {binary_bytes_per_sec}  eta {eta}",
        )
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar());
        bar.set_style(style);
        let _ = self.bar.set(bar);
    }

    fn file_done(&self, bytes: u64, articles: u64) {
        use std::sync::atomic::Ordering::Relaxed;
        let files = self.files.fetch_add(1, Relaxed) + 1;
        let arts = self.articles.fetch_add(articles, Relaxed) + articles;
        if let Some(b) = self.bar.get() {
            b.inc(bytes);
            b.set_message(format!(
                "{files}/{} files, {arts} articles",
                self.total_files.load(Relaxed)
            ));
        }
    }

    fn finish(&self) {
        if let Some(b) = self.bar.get() {
            b.finish_and_clear();
        }
    }
}

/// Entity counts, for reading.
pub fn entities(r: &EntitiesReport) {
    let scope = match &r.with {
        Some(w) => format!("{} articles naming {}", r.articles, line(w)),
        None => format!("{} articles", r.articles),
    };
    println!("{scope}");
    for e in &r.entities {
        println!("  {:>6}  {:<7} {}", e.articles, e.kind, line(&e.name));
    }
}

/// A timeline, for reading: one line a period with a bar.
pub fn timeline(t: &Timeline) {
    let max = t
        .periods
        .iter()
        .map(|p| p.articles)
        .max()
        .unwrap_or(0)
        .max(1);
    for p in &t.periods {
        let bar = "#".repeat((p.articles * 50).div_ceil(max));
        println!("{:<10} {:>6}  {bar}", p.period, p.articles);
    }
    let undated = if t.undated > 0 {
        format!(" ({} without a date)", t.undated)
    } else {
        String::new()
    };
    println!("{} articles{undated}", t.articles);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_made_visible_one_for_one() {
        let evil = "Judul\x1b]0;x\x07\x1b[2J\u{202e}cba\u{9b}\x7f";
        let shown = line(evil);
        assert_eq!(shown, "Judul␛]0;x␇␛[2J\u{fffd}cba\u{fffd}␡");
        assert_eq!(shown.chars().count(), evil.chars().count());
        assert_eq!(line("a\tb\nc"), "a b c");
        assert_eq!(text("satu\n\ndua\x1b"), "satu\n\ndua␛");
        assert!(matches!(
            line("biasa saja, é ü"),
            std::borrow::Cow::Borrowed(_)
        ));
    }
}
