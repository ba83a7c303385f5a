//! Labelled NER data and its scoring: reads `token<TAB>BIO-label` files (one token a
//! line, a blank line between sentences), turns BIO labels into spans the CoNLL way
//! (an `I-X` that does not continue an `X` span opens a new one) and counts
//! precision, recall and F1 per type and micro-averaged over exact span matches.

use anyhow::{bail, Result};
use std::collections::BTreeMap;

/// One labelled sentence.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sentence {
    pub tokens: Vec<String>,
    pub labels: Vec<String>,
}

/// Reads `token<TAB>label` lines; a blank line ends a sentence. A line without a tab
/// (or with an empty token or label) is an error naming its line number.
pub fn read_bio(text: &str) -> Result<Vec<Sentence>> {
    let mut out = Vec::new();
    let mut cur = Sentence::default();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            if !cur.tokens.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            continue;
        }
        let Some((tok, label)) = line.rsplit_once('\t') else {
            bail!("line {}: expected `token<TAB>label`", i + 1);
        };
        let (tok, label) = (tok.trim(), label.trim());
        if tok.is_empty() || label.is_empty() {
            bail!("line {}: empty token or label", i + 1);
        }
        cur.tokens.push(tok.to_string());
        cur.labels.push(label.to_string());
    }
    if !cur.tokens.is_empty() {
        out.push(cur);
    }
    Ok(out)
}

/// Maps NER-PROSA labels to NERGrit's: PPL to PERSON, PLC to PLACE, IND to
/// ORGANISATION; every other type (EVT, FNB) becomes `O`.
pub fn map_nerp_label(label: &str) -> String {
    let Some((prefix, ty)) = label.split_once('-') else {
        return "O".to_string();
    };
    let ty = match ty {
        "PPL" => "PERSON",
        "PLC" => "PLACE",
        "IND" => "ORGANISATION",
        _ => return "O".to_string(),
    };
    format!("{prefix}-{ty}")
}

/// A labelled span: tokens `start..end` of one type.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    pub kind: String,
}

/// Spans of a BIO label sequence, CoNLL style. Labels other than `B-X`/`I-X` count as `O`.
pub fn spans<S: AsRef<str>>(labels: &[S]) -> Vec<Span> {
    let mut out: Vec<Span> = Vec::new();
    let mut open: Option<Span> = None;
    for (i, label) in labels.iter().enumerate() {
        let label = label.as_ref();
        let (prefix, kind) = match label.split_once('-') {
            Some((p @ ("B" | "I"), k)) if !k.is_empty() => (p, k),
            _ => ("O", ""),
        };
        let continues = prefix == "I" && open.as_ref().is_some_and(|s| s.kind == kind);
        if continues {
            if let Some(s) = open.as_mut() {
                s.end = i + 1;
            }
            continue;
        }
        if let Some(s) = open.take() {
            out.push(s);
        }
        if prefix != "O" {
            open = Some(Span {
                start: i,
                end: i + 1,
                kind: kind.to_string(),
            });
        }
    }
    if let Some(s) = open {
        out.push(s);
    }
    out
}

/// Span counts for one type.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub gold: usize,
    pub predicted: usize,
    pub correct: usize,
}

impl Counts {
    pub fn precision(&self) -> f64 {
        ratio(self.correct, self.predicted)
    }
    pub fn recall(&self) -> f64 {
        ratio(self.correct, self.gold)
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// Counts per type and overall (micro-averaged).
#[derive(Debug, Clone, Default)]
pub struct Scores {
    pub by_type: BTreeMap<String, Counts>,
    pub overall: Counts,
}

impl Scores {
    /// Adds one sentence's gold and predicted labels.
    pub fn add<S: AsRef<str>, T: AsRef<str>>(&mut self, gold: &[S], predicted: &[T]) {
        let g = spans(gold);
        let p = spans(predicted);
        for s in &g {
            self.by_type.entry(s.kind.clone()).or_default().gold += 1;
            self.overall.gold += 1;
        }
        for s in &p {
            self.by_type.entry(s.kind.clone()).or_default().predicted += 1;
            self.overall.predicted += 1;
            if g.contains(s) {
                self.by_type.entry(s.kind.clone()).or_default().correct += 1;
                self.overall.correct += 1;
            }
        }
    }

    /// Type-macro F1 (IndoNLU's metric for NERGrit): the mean of the per-type F1 over
    /// the types the gold data has.
    pub fn macro_f1(&self) -> f64 {
        let f: Vec<f64> = self
            .by_type
            .values()
            .filter(|c| c.gold > 0)
            .map(Counts::f1)
            .collect();
        if f.is_empty() {
            0.0
        } else {
            f.iter().sum::<f64>() / f.len() as f64
        }
    }

    /// The report `warta eval-ner` prints; the line before last is the type-macro F1,
    /// the last line is the micro `f1 0.xxx`.
    pub fn report(&self) -> String {
        let mut out = format!(
            "{:<14} {:>9} {:>9} {:>9} {:>8}\n",
            "type", "precision", "recall", "f1", "gold"
        );
        let rows = self
            .by_type
            .iter()
            .map(|(k, c)| (k.as_str(), c))
            .chain([("overall", &self.overall)]);
        for (name, c) in rows {
            out.push_str(&format!(
                "{:<14} {:>9.3} {:>9.3} {:>9.3} {:>8}\n",
                name,
                c.precision(),
                c.recall(),
                c.f1(),
                c.gold
            ));
        }
        out.push_str(&format!("macro f1 {:.3}\n", self.macro_f1()));
        out.push_str(&format!("f1 {:.3}", self.overall.f1()));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn macro_f1_is_the_mean_over_gold_types() {
        let mut s = Scores::default();
        // PER found, LOC missed: micro F1 2/3, macro (1 + 0) / 2.
        s.add(&["B-PER", "O", "B-LOC"], &["B-PER", "O", "O"]);
        assert!((s.macro_f1() - 0.5).abs() < 1e-9);
        assert!((s.overall.f1() - 2.0 / 3.0).abs() < 1e-9);
        assert!(s.report().contains("\nmacro f1 0.500\nf1 0.667"));
    }

    #[test]
    fn conll_spans() {
        let l = ["B-PER", "I-PER", "O", "I-LOC", "I-LOC", "B-LOC", "I-PER"];
        let s = spans(&l);
        let got: Vec<(usize, usize, &str)> = s
            .iter()
            .map(|s| (s.start, s.end, s.kind.as_str()))
            .collect();
        assert_eq!(
            got,
            vec![(0, 2, "PER"), (3, 5, "LOC"), (5, 6, "LOC"), (6, 7, "PER")]
        );
    }

    #[test]
    fn scores_exact_match_only() {
        let mut s = Scores::default();
        s.add(
            &["B-PER", "I-PER", "O", "B-LOC"],
            &["B-PER", "O", "O", "B-LOC"],
        );
        assert_eq!(
            s.overall,
            Counts {
                gold: 2,
                predicted: 2,
                correct: 1
            }
        );
        assert!((s.overall.f1() - 0.5).abs() < 1e-9);
    }

    #[test]
    fn nerp_mapping() {
        assert_eq!(map_nerp_label("B-PPL"), "B-PERSON");
        assert_eq!(map_nerp_label("I-IND"), "I-ORGANISATION");
        assert_eq!(map_nerp_label("B-EVT"), "O");
    }

    #[test]
    fn bad_line_is_an_error() {
        assert!(read_bio("a\tO\nbroken\n")
            .unwrap_err()
            .to_string()
            .contains("line 2"));
    }
}
