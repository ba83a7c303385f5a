//! Query strings read into the command line's own argument types (so a page, the API
//! and the CLI run the same code), with the server's limits. Anything unreadable, out
//! of range or unknown is a 400 that says which parameter and why.

use super::Failure;
use crate::cli::{
    EntitiesArgs, EntityType, Filters, MatchMode, NameFilters, Period, SearchArgs, Sort,
    TimelineArgs,
};

/// Longest query the server takes, in characters.
pub const MAX_QUERY_CHARS: usize = 4_000;
/// Most hits (or entities) one request may ask for.
pub const MAX_LIMIT: usize = 100;

/// The parameters of one query string, each name at most once.
pub struct Params {
    pairs: Vec<(String, String)>,
}

impl Params {
    /// Reads a raw query string, refusing names outside `known` and repeated names.
    pub fn read(raw: Option<&str>, known: &[&str]) -> Result<Params, Failure> {
        let pairs: Vec<(String, String)> = serde_urlencoded::from_str(raw.unwrap_or(""))
            .map_err(|e| Failure::bad_request(format!("cannot read the query string: {e}")))?;
        for (i, (k, _)) in pairs.iter().enumerate() {
            if !known.contains(&k.as_str()) {
                return Err(Failure::bad_request(format!(
                    "unknown parameter `{}` (this endpoint takes: {})",
                    crate::search::query::echo(k),
                    known.join(", ")
                )));
            }
            if pairs[..i].iter().any(|(p, _)| p == k) {
                return Err(Failure::bad_request(format!(
                    "parameter `{k}` given more than once"
                )));
            }
        }
        Ok(Params { pairs })
    }

    /// A parameter's value; an empty one counts as absent (an empty form field).
    pub fn get(&self, name: &str) -> Option<&str> {
        self.pairs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.trim())
            .filter(|v| !v.is_empty())
    }

    fn string(&self, name: &str) -> Option<String> {
        self.get(name).map(str::to_string)
    }

    /// The query text, at most [`MAX_QUERY_CHARS`] characters.
    pub fn query(&self) -> Result<String, Failure> {
        let q = self.string("q").unwrap_or_default();
        if q.chars().count() > MAX_QUERY_CHARS {
            return Err(Failure::bad_request(format!(
                "parameter `q`: the query is longer than {MAX_QUERY_CHARS} characters"
            )));
        }
        Ok(q)
    }

    /// A whole number in `min..=max`, or `default` when absent.
    pub fn number(
        &self,
        name: &str,
        default: usize,
        min: usize,
        max: usize,
    ) -> Result<usize, Failure> {
        let Some(v) = self.get(name) else {
            return Ok(default);
        };
        match v.parse::<usize>() {
            Ok(n) if (min..=max).contains(&n) => Ok(n),
            _ => Err(Failure::bad_request(format!(
                "parameter `{name}` must be a whole number from {min} to {max} (got `{}`)",
                crate::search::query::echo(v)
            ))),
        }
    }

    /// A yes/no flag: `1`, `true`, `on`, `yes` or `0`, `false`, `off`, `no`.
    pub fn flag(&self, name: &str) -> Result<bool, Failure> {
        match self.get(name) {
            None => Ok(false),
            Some("1" | "true" | "on" | "yes") => Ok(true),
            Some("0" | "false" | "off" | "no") => Ok(false),
            Some(v) => Err(Failure::bad_request(format!(
                "parameter `{name}` must be true or false (got `{}`)",
                crate::search::query::echo(v)
            ))),
        }
    }

    /// One of a few words.
    fn choice<T: Copy>(&self, name: &str, options: &[(&str, T)]) -> Result<Option<T>, Failure> {
        let Some(v) = self.get(name) else {
            return Ok(None);
        };
        options
            .iter()
            .find(|(w, _)| w.eq_ignore_ascii_case(v))
            .map(|(_, t)| Some(*t))
            .ok_or_else(|| {
                let words: Vec<&str> = options.iter().map(|(w, _)| *w).collect();
                Failure::bad_request(format!(
                    "parameter `{name}` must be one of {} (got `{}`)",
                    words.join(", "),
                    crate::search::query::echo(v)
                ))
            })
    }

    fn filters(&self) -> Filters {
        Filters {
            from: self.string("from"),
            to: self.string("to"),
            source: self.string("source"),
        }
    }

    fn names(&self) -> NameFilters {
        NameFilters {
            person: self.string("person"),
            place: self.string("place"),
            org: self.string("org"),
        }
    }
}

/// The parameters of a search (the API's and the search page's).
pub const SEARCH: &[&str] = &[
    "q",
    "from",
    "to",
    "source",
    "person",
    "place",
    "org",
    "limit",
    "offset",
    "sort",
    "match",
    "all",
    "exact_total",
];

/// `warta search`'s arguments from a query string.
pub fn search(p: &Params) -> Result<SearchArgs, Failure> {
    let q = p.query()?;
    Ok(SearchArgs {
        query: vec![q],
        filters: p.filters(),
        names: p.names(),
        limit: p.number("limit", 10, 1, MAX_LIMIT)?,
        offset: p.number("offset", 0, 0, crate::search::MAX_WINDOW)?,
        sort: p
            .choice(
                "sort",
                &[
                    ("relevance", Sort::Relevance),
                    ("newest", Sort::Newest),
                    ("oldest", Sort::Oldest),
                ],
            )?
            .unwrap_or(Sort::Relevance),
        match_mode: p.choice("match", &[("all", MatchMode::All), ("any", MatchMode::Any)])?,
        all: p.flag("all")?,
        exact_total: p.flag("exact_total")?,
        json: true,
    })
}

/// The parameters of `/api/entities`.
pub const ENTITIES: &[&str] = &["q", "type", "from", "to", "source", "top", "with"];

pub fn entities(p: &Params) -> Result<EntitiesArgs, Failure> {
    Ok(EntitiesArgs {
        query: vec![p.query()?],
        kind: p.choice(
            "type",
            &[
                ("person", EntityType::Person),
                ("place", EntityType::Place),
                ("org", EntityType::Org),
            ],
        )?,
        filters: p.filters(),
        top: p.number("top", 20, 1, MAX_LIMIT)?,
        with: p.string("with"),
        json: true,
    })
}

/// The parameters of `/api/timeline`.
pub const TIMELINE: &[&str] = &["q", "by", "from", "to", "source", "person", "place", "org"];

pub fn timeline(p: &Params) -> Result<TimelineArgs, Failure> {
    Ok(TimelineArgs {
        query: vec![p.query()?],
        by: p
            .choice(
                "by",
                &[
                    ("year", Period::Year),
                    ("month", Period::Month),
                    ("day", Period::Day),
                ],
            )?
            .unwrap_or(Period::Month),
        filters: p.filters(),
        names: p.names(),
        json: true,
    })
}

/// The query string that asks for this search again (defaults left out), with
/// `change` applied to a copy first: the links of the search page.
pub fn search_url(args: &SearchArgs, change: impl FnOnce(&mut SearchArgs)) -> String {
    let mut a = args.clone();
    change(&mut a);
    let mut pairs: Vec<(&str, String)> = Vec::new();
    let q = a.query.join(" ");
    if !q.is_empty() {
        pairs.push(("q", q));
    }
    for (k, v) in filter_params(&a) {
        if let Some(v) = v {
            pairs.push((k, v.clone()));
        }
    }
    match a.sort {
        Sort::Relevance => {}
        Sort::Newest => pairs.push(("sort", "newest".into())),
        Sort::Oldest => pairs.push(("sort", "oldest".into())),
    }
    match a.match_mode {
        None => {}
        Some(MatchMode::All) => pairs.push(("match", "all".into())),
        Some(MatchMode::Any) => pairs.push(("match", "any".into())),
    }
    if a.all {
        pairs.push(("all", "1".into()));
    }
    if a.limit != 10 {
        pairs.push(("limit", a.limit.to_string()));
    }
    if a.offset != 0 {
        pairs.push(("offset", a.offset.to_string()));
    }
    format!(
        "/?{}",
        serde_urlencoded::to_string(&pairs).unwrap_or_default()
    )
}

/// A path segment, percent-encoded (entity names and ids in links).
pub fn segment(s: &str) -> String {
    // A form-encoded value with `+` for space; in a path `+` is literal, so use %20.
    serde_urlencoded::to_string([("", s)])
        .unwrap_or_default()
        .trim_start_matches('=')
        .replace('+', "%20")
}

/// The filters of a search as URL parameters: their names and values.
pub fn filter_params(a: &SearchArgs) -> [(&'static str, &Option<String>); 6] {
    [
        ("from", &a.filters.from),
        ("to", &a.filters.to),
        ("source", &a.filters.source),
        ("person", &a.names.person),
        ("place", &a.names.place),
        ("org", &a.names.org),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_parameters_say_which_and_why() {
        let read = |s: &str| Params::read(Some(s), SEARCH).and_then(|p| search(&p));
        assert!(read("q=banjir&limit=5").is_ok());
        for (q, says) in [
            ("q=a&limit=0", "`limit`"),
            ("q=a&limit=101", "`limit`"),
            ("q=a&limit=x", "`limit`"),
            ("q=a&sort=up", "`sort`"),
            ("q=a&bogus=1", "`bogus`"),
            ("q=a&q=b", "more than once"),
            ("q=a&all=maybe", "`all`"),
        ] {
            let e = read(q).err().unwrap_or_else(|| panic!("{q} accepted"));
            assert_eq!(e.status, 400);
            assert!(e.message.contains(says), "{q}: {}", e.message);
        }
        let long = format!("q={}", "a".repeat(MAX_QUERY_CHARS + 1));
        assert!(read(&long).is_err());
    }

    #[test]
    fn urls_round_trip() {
        let p = Params::read(
            Some("q=kim+%26+putin&person=Kim%20Jong%20Un&sort=newest&offset=10"),
            SEARCH,
        )
        .unwrap();
        let a = search(&p).unwrap();
        let url = search_url(&a, |_| {});
        let again = search(&Params::read(url.strip_prefix("/?"), SEARCH).unwrap()).unwrap();
        assert_eq!(again.query, ["kim & putin"]);
        assert_eq!(again.names.person.as_deref(), Some("Kim Jong Un"));
        assert_eq!(again.offset, 10);
        assert_eq!(again.sort, Sort::Newest);
        assert_eq!(segment("Kim Jong/Un"), "Kim%20Jong%2FUn");
    }
}
