//! Body extraction quality on the development half of the ScrapingHub article
//! extraction benchmark (`../shared/extraction/aeb-dev`, 92 English news pages from
//! many sites): the real binary parses every page, and the bodies are scored the way
//! the benchmark's `evaluate.py` scores them (4-token shingles, per-page precision
//! and recall, averaged over pages). The floors sit just under what warta reaches
//! (bench/RESULTS.md), above every published extractor in the folder's `output/`, so
//! a change that loses body text or lets boilerplate in fails here.

mod common;
use common::*;
use std::collections::HashMap;

const F1_FLOOR: f64 = 0.972;
const PRECISION_FLOOR: f64 = 0.976;
const RECALL_FLOOR: f64 = 0.967;

/// Word tokens as the benchmark's `\w+` finds them.
fn tokens(text: &str) -> Vec<&str> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|t| !t.is_empty())
        .collect()
}

/// Counts of the 4-token shingles of a text (one short shingle for a short text).
fn shingles(text: &str) -> HashMap<Vec<&str>, usize> {
    let t = tokens(text);
    let mut out: HashMap<Vec<&str>, usize> = HashMap::new();
    if t.is_empty() {
        return out;
    }
    for i in 0..t.len().saturating_sub(3).max(1) {
        *out.entry(t[i..(i + 4).min(t.len())].to_vec()).or_default() += 1;
    }
    out
}

/// Normalised true positives, false positives and false negatives of one page.
fn tp_fp_fn(truth: &str, pred: &str) -> (f64, f64, f64) {
    let (a, b) = (shingles(truth), shingles(pred));
    let (mut tp, mut fp, mut fn_) = (0.0, 0.0, 0.0);
    for key in a.keys().chain(b.keys().filter(|k| !a.contains_key(*k))) {
        let (t, p) = (
            *a.get(key).unwrap_or(&0) as f64,
            *b.get(key).unwrap_or(&0) as f64,
        );
        tp += t.min(p);
        fp += (p - t).max(0.0);
        fn_ += (t - p).max(0.0);
    }
    let s = tp + fp + fn_;
    if s > 0.0 {
        (tp / s, fp / s, fn_ / s)
    } else {
        (0.0, 0.0, 0.0)
    }
}

#[test]
fn body_f1_on_the_extraction_benchmark_stays_above_the_best_extractors() {
    let Some(dev) = shared()
        .map(|s| s.join("extraction/aeb-dev"))
        .filter(|d| d.join("ground-truth.json").is_file())
    else {
        skip_unless_ci("../shared/extraction/aeb-dev is missing");
        return;
    };
    let truth: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dev.join("ground-truth.json")).unwrap())
            .unwrap();
    let truth = truth.as_object().unwrap();
    let mut pages: Vec<_> = std::fs::read_dir(dev.join("html"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    pages.sort();
    assert_eq!(pages.len(), truth.len(), "one page per ground-truth entry");
    let (arts, run) = parse_json(&pages);
    run.assert_no_bug("parse of the aeb-dev pages");
    let mut bodies: HashMap<String, String> = HashMap::new();
    for a in &arts {
        let path = a["path"].as_str().unwrap();
        let key = path.rsplit('/').next().unwrap().split('.').next().unwrap();
        bodies
            .entry(key.to_string())
            .or_insert_with(|| a["body"].as_str().unwrap_or("").to_string());
    }
    let (mut ps, mut rs) = (Vec::new(), Vec::new());
    for (key, page) in truth {
        let t = page["articleBody"].as_str().unwrap_or("");
        let p = bodies.get(key).map(String::as_str).unwrap_or("");
        let (tp, fp, fn_) = tp_fp_fn(t, p);
        let both_empty = fp == 0.0 && fn_ == 0.0;
        if tp + fp > 0.0 || both_empty {
            ps.push(if both_empty { 1.0 } else { tp / (tp + fp) });
        }
        if tp + fn_ > 0.0 || both_empty {
            rs.push(if both_empty { 1.0 } else { tp / (tp + fn_) });
        }
    }
    let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len() as f64;
    let (p, r) = (mean(&ps), mean(&rs));
    let f1 = 2.0 * p * r / (p + r);
    eprintln!(
        "aeb-dev: F1 {f1:.4} P {p:.4} R {r:.4} ({} of {} pages gave a body)",
        bodies.len(),
        truth.len()
    );
    assert!(
        f1 >= F1_FLOOR,
        "body F1 {f1:.4} fell below {F1_FLOOR} (P {p:.4}, R {r:.4})"
    );
    assert!(
        p >= PRECISION_FLOOR,
        "body precision {p:.4} fell below {PRECISION_FLOOR}"
    );
    assert!(
        r >= RECALL_FLOOR,
        "body recall {r:.4} fell below {RECALL_FLOOR}"
    );
}

#[test]
fn the_scorer_counts_shingles_like_the_benchmark() {
    assert_eq!(tp_fp_fn("a b c d e", "a b c d e"), (1.0, 0.0, 0.0));
    // Truth has shingles abcd, bcde; the prediction abcd, bcdx: one of each kind.
    let (tp, fp, fn_) = tp_fp_fn("a b c d e", "a b c d x");
    assert!((tp - 1.0 / 3.0).abs() < 1e-9 && (fp - 1.0 / 3.0).abs() < 1e-9);
    assert!((fn_ - 1.0 / 3.0).abs() < 1e-9);
    assert_eq!(tp_fp_fn("", ""), (0.0, 0.0, 0.0));
    assert_eq!(
        tokens("Don’t stop_me, 3.5"),
        ["Don", "t", "stop_me", "3", "5"]
    );
}
