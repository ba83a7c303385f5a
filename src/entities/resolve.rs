//! Resolution of names within one article beyond what `normalize` knows: an acronym
//! the text defines (`Komisi Pemberantasan Korupsi (KPK)`, `International Monetary
//! Fund (IMF)`) joins its expansion under one name, the acronym (the form news uses
//! for such bodies, and the one `normalize` lists for the best-known). Short person
//! names are linked to full names in `entities::link_short_person_names`.

use super::{normalize, normalize_name, Found, Kind};
use regex::Regex;
use std::sync::LazyLock;

/// Small words an acronym leaves out (`Securities and Exchange Commission`: `SEC`).
const ACRONYM_SKIPS: &[&str] = &["dan", "of", "the", "for", "and", "untuk", "&", "di", "on"];

/// The plain acronym of a name of two words or more: the first letter of each word
/// but the small ones, from its key (`Komisi Pemberantasan Korupsi` -> `kpk`,
/// `Securities and Exchange Commission` -> `sec`); empty for one word. Used across the
/// archive, where only this strict form is trusted (a text's own definition, above,
/// may take letters from inside words: `Polri`).
pub fn initials(name: &str) -> String {
    let key = normalize::key(name);
    let words: Vec<&str> = key
        .split(' ')
        .filter(|w| !ACRONYM_SKIPS.contains(w))
        .collect();
    if words.len() < 2 {
        return String::new();
    }
    words.iter().filter_map(|w| w.chars().next()).collect()
}

/// `Long Name (ACR)` pairs defined in `text`, as (key of the long name, acronym).
pub fn defined_acronyms(text: &str) -> Vec<(String, String)> {
    static DEF: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            &format!(
                r"((?:\p{{Lu}}[\p{{L}}'’-]*\s+(?:(?:{})\s+)?){{1,9}}\p{{Lu}}[\p{{L}}'’-]*)\s*\(\s*(\p{{Lu}}[\p{{L}}-]{{1,11}})\s*\)",
                ACRONYM_SKIPS.join("|")
            ),
        )
        .expect("valid pattern")
    });
    let mut out = Vec::new();
    for c in DEF.captures_iter(text) {
        let long = &c[1];
        let acr = &c[2];
        let capitals: Vec<char> = acr.chars().filter(|c| c.is_uppercase()).collect();
        if capitals.len() < 2 {
            continue;
        }
        // The acronym's first letter starts one of the long name's words; the long name
        // is cut to start there (`Ketua Komisi Pemberantasan Korupsi (KPK)`).
        let all: Vec<&str> = long.split_whitespace().collect();
        // Letters of the acronym appear, in order, among the words' initials (`Polri`,
        // `Kemenkeu` are cut from words, not initials); the long name starts at the
        // last word that still allows it (`Ketua Komisi ... (KPK)` -> `Komisi ...`).
        let fits = |words: &[&str]| {
            let initials: Vec<char> = words
                .iter()
                .filter_map(|w| w.chars().next())
                .filter(|c| c.is_uppercase())
                .collect();
            let mut it = initials.iter();
            words.len() >= 2 && capitals.iter().all(|c| it.any(|i| i == c))
        };
        let Some(from) = (0..all.len())
            .rev()
            .find(|&i| all[i].starts_with(capitals[0]) && fits(&all[i..]))
        else {
            continue;
        };
        let words = &all[from..];
        out.push((normalize::key(&words.join(" ")), acr.to_string()));
    }
    out
}

/// Names in `found` that are the expansion of an acronym `text` defines become the
/// acronym (or the canonical name `normalize` gives either form).
pub(crate) fn link_acronyms(text: &str, found: &mut [Found]) {
    let defs = defined_acronyms(text);
    if defs.is_empty() {
        return;
    }
    for f in found.iter_mut().filter(|f| f.kind != Kind::Person) {
        let k = normalize::key(&f.name);
        if let Some((_, acr)) = defs.iter().find(|(long, _)| *long == k) {
            f.name = normalize_name(f.kind, acr);
        }
    }
}

/// Across the archive: a one-word person (`Anies`) counted beside a longer person
/// name it is the first or last word of (`Anies Baswedan`) is that person; the most
/// mentioned such name takes its count. Exact: an article naming both stores only the
/// full name (short names are linked to full names within each article).
///
/// `people` are (name, articles); the result gives, for each, the index of the full
/// name it folds into.
pub fn fold_short_people(people: &[(&str, usize)]) -> Vec<Option<usize>> {
    // A full name counted fewer than 3 times never takes a short one (the test below),
    // and sorting puts every one of them after the others, so leaving them out changes
    // no fold; most names of a broad count are such one-offs, and keying them was most
    // of `/api/entities` (bench/RESULTS.md, 2026-12-05).
    let mut order: Vec<usize> = (0..people.len())
        .filter(|&j| people[j].1 >= 3 && !people[j].0.is_empty())
        .collect();
    order.sort_by(|&a, &b| people[b].1.cmp(&people[a].1));
    // Each key once: a broad count holds tens of thousands of names.
    let keys: Vec<String> = people
        .iter()
        .map(|&(name, n)| {
            if name.is_empty() || (n < 2 && name.contains(' ')) {
                String::new()
            } else {
                normalize::key(name)
            }
        })
        .collect();
    // First and last words of full names, each to its most mentioned full name. All
    // keys below are slices of `keys`: no string is built per name.
    let mut by_word: rustc_hash::FxHashMap<&str, usize> = Default::default();
    // Full names by their first word, for short first names (`Sandi`).
    let mut by_first: std::collections::BTreeMap<&str, Vec<usize>> = Default::default();
    let mut by_part: rustc_hash::FxHashMap<&str, Option<usize>> = Default::default();
    for &j in &order {
        let k = keys[j].as_str();
        let spaces: Vec<usize> = k.match_indices(' ').map(|(at, _)| at).collect();
        let (Some(&first_end), Some(&last_start)) = (spaces.first(), spaces.last()) else {
            continue;
        };
        for w in [&k[..first_end], &k[last_start + 1..]] {
            by_word.entry(w).or_insert(j);
        }
        by_first.entry(&k[..first_end]).or_default().push(j);
        // `Sri Mulyani` for `Sri Mulyani Indrawati`: the leading or trailing words of a
        // longer name (None when two longer names share them).
        let words = spaces.len() + 1;
        for n in 2..words {
            for part in [&k[..spaces[n - 1]], &k[spaces[words - n - 1] + 1..]] {
                by_part
                    .entry(part)
                    .and_modify(|e| {
                        if *e != Some(j) {
                            *e = None
                        }
                    })
                    .or_insert(Some(j));
            }
        }
    }
    let mut out = vec![None; people.len()];
    for (i, &(name, n)) in people.iter().enumerate() {
        // A long name in one article moves no count that matters (and a broad count
        // holds tens of thousands of them).
        let key = &keys[i];
        if key.is_empty() {
            continue;
        }
        if name.contains(' ') {
            out[i] = by_part
                .get(key.as_str())
                .copied()
                .flatten()
                .filter(|&j| people[j].1 * 4 >= n);
            continue;
        }
        // Only into a name that is itself common: not a one-off headline fragment.
        out[i] = by_word
            .get(key.as_str())
            .copied()
            .filter(|&j| people[j].1 >= 3 && people[j].1 * 4 >= n)
            .or_else(|| {
                // Short first names need four letters, and a name in one article
                // is not worth the look-up.
                if n < 2 || key.len() < 4 {
                    return None;
                }
                // `Sandi` for `Sandiaga Uno`: a short form of the first name, when one
                // full name alone starts that way and is about as common.
                let mut fits = by_first
                    .range::<str, _>((
                        std::ops::Bound::Excluded(key.as_str()),
                        std::ops::Bound::Unbounded,
                    ))
                    .take_while(|(first, _)| first.starts_with(key.as_str()))
                    .filter(|(first, _)| is_first_name_prefix(key, first))
                    .flat_map(|(_, js)| js.iter().copied());
                match (fits.next(), fits.next()) {
                    (Some(j), None) if people[j].1 * 2 >= n => Some(j),
                    _ => None,
                }
            });
    }
    // A name folds into one that does not fold itself (`Sri Mulyani` -> `Sri Mulyani
    // Indrawati`, never on into a longer one that took the latter).
    for i in 0..out.len() {
        let mut seen = 0;
        while let Some(j) = out[i] {
            match out[j] {
                Some(k) if seen < 8 => {
                    out[i] = Some(k);
                    seen += 1;
                }
                _ => break,
            }
        }
    }
    out
}

/// `sandi` and `sandiaga uno`: a one-word key of four letters or more that begins, but
/// is not, the first word of a longer name's key (the Indonesian habit of calling
/// people by a short first name). Callers also require the long name to be the only
/// one that fits, since `Andi` begins `Andika` and `Andini`.
pub fn is_first_name_prefix(short: &str, full_key: &str) -> bool {
    let first = full_key.split(' ').next().unwrap_or("");
    short.chars().count() >= 4
        && !short.contains(' ')
        && first.len() > short.len()
        && first.starts_with(short)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_initials() {
        assert_eq!(initials("Komisi Pemberantasan Korupsi"), "kpk");
        assert_eq!(initials("Securities and Exchange Commission"), "sec");
        assert_eq!(initials("Susilo Bambang Yudhoyono"), "sby");
        assert_eq!(initials("Golkar"), "");
    }

    #[test]
    fn acronyms_defined_in_text() {
        let d = defined_acronyms(
            "Ketua Komisi Pemberantasan Korupsi (KPK) Firli Bahuri dan the International Monetary Fund (IMF) said. Jakarta (ANTARA)",
        );
        assert_eq!(
            d,
            vec![
                (
                    "komisi pemberantasan korupsi".to_string(),
                    "KPK".to_string()
                ),
                ("international monetary fund".to_string(), "IMF".to_string()),
            ]
        );
    }

    #[test]
    fn short_people_fold_into_common_full_names() {
        let people = [
            ("Anies Baswedan", 120),
            ("Anies", 40),
            ("Syahrini", 90),
            ("Syahrini Nekat Serang", 1),
            ("Budi", 5),
            ("Sandiaga Uno", 47),
            ("Sandi", 44),
            ("Andi", 30),
            ("Andika Perkasa", 20),
            ("Andini Putri", 20),
            ("Sri Mulyani", 67),
            ("Sri Mulyani Indrawati", 43),
            ("Kim Jong", 10),
            ("Kim Jong Un", 50),
            ("Kim Jong Il", 20),
        ];
        assert_eq!(
            fold_short_people(&people),
            vec![
                None,
                Some(0),
                None,
                None,
                None,
                None,
                Some(5),
                None,
                None,
                None,
                Some(11),
                None,
                None,
                None,
                None
            ]
        );
    }

    #[test]
    fn expansions_take_the_acronym() {
        let mut found = vec![Found {
            kind: Kind::Org,
            name: "Badan Siber dan Sandi Negara".into(),
            in_title: false,
        }];
        link_acronyms("Badan Siber dan Sandi Negara (BSSN) menyatakan", &mut found);
        assert_eq!(found[0].name, "BSSN");
    }
}
