//! Tagger speed on one core: `cargo bench --bench tagger`.
//!
//! Tags the NERGrit valid sentences (from `../shared`, or the small fixture in
//! `tests/fixtures/ner/` when that is missing) over and over for a few seconds with the
//! built-in model and prints tokens per second for the tagger alone (features +
//! Viterbi) and for the whole `mentions` path (tokenising and sentence splitting too).
//! The built-in model caches per-word weights (`tagger::Tagger`), and a few hundred
//! sentences repeated fit in the cache, so the tagger is timed three ways: computing
//! every feature (`Model::tag_uncached`), with an empty cache at each pass (words still
//! repeat within a pass, as they do in news), and with the cache warm.

use std::time::{Duration, Instant};
use warta::entities::{eval, mentions, tagger};

fn main() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let shared = dir.join("../shared/ner/nergrit/valid.txt");
    let path = if shared.exists() {
        shared
    } else {
        dir.join("tests/fixtures/ner/tiny.txt")
    };
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    let sentences = eval::read_bio(&text).unwrap_or_default();
    if sentences.is_empty() {
        eprintln!("no sentences in {}", path.display());
        std::process::exit(1);
    }
    let model = tagger::builtin();
    let per_pass: usize = sentences.iter().map(|s| s.tokens.len()).sum();
    println!(
        "data: {} ({} sentences, {} tokens)",
        path.display(),
        sentences.len(),
        per_pass
    );

    let rate = run_for(Duration::from_secs(3), per_pass, || {
        for s in &sentences {
            std::hint::black_box(model.tag_uncached(&s.tokens));
        }
    });
    println!("tagger, every feature computed: {rate:.0} tokens/s");
    let rate = run_for(Duration::from_secs(3), per_pass, || {
        let mut t = tagger::Tagger::new(model);
        for s in &sentences {
            std::hint::black_box(t.tag(&s.tokens));
        }
    });
    println!("tagger, cache emptied each pass: {rate:.0} tokens/s");
    let rate = run_for(Duration::from_secs(3), per_pass, || {
        for s in &sentences {
            std::hint::black_box(model.tag(&s.tokens));
        }
    });
    println!("tagger, cache warm: {rate:.0} tokens/s");

    let joined: Vec<String> = sentences.iter().map(|s| s.tokens.join(" ")).collect();
    let rate = run_for(Duration::from_secs(3), per_pass, || {
        for s in &joined {
            std::hint::black_box(mentions(s));
        }
    });
    println!("mentions (tokenise + split + tag): {rate:.0} tokens/s");
}

/// Runs `pass` until `budget` is spent; tokens per second.
fn run_for(budget: Duration, tokens_per_pass: usize, mut pass: impl FnMut()) -> f64 {
    pass(); // warm up (and load the model)
    let start = Instant::now();
    let mut passes = 0usize;
    while start.elapsed() < budget {
        pass();
        passes += 1;
    }
    (passes * tokens_per_pass) as f64 / start.elapsed().as_secs_f64()
}
