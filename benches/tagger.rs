//! Tagger speed on one core: `cargo bench --bench tagger`.
//!
//! Tags the NERGrit valid sentences (from `../shared`, or the small fixture in
//! `tests/fixtures/ner/` when that is missing) over and over for a few seconds with the
//! built-in model and prints tokens per second for the tagger alone (features +
//! Viterbi) and for the whole `mentions` path (tokenising and sentence splitting too).
//! The built-in model caches per-word weights (`tagger::Tagger`), and a few hundred
//! sentences repeated fit in the cache, so the tagger is timed three ways: computing
//! every feature (`Model::tag_uncached`), with an empty cache at each pass (words still
//! repeat within a pass, as they do in news), and with the cache warm. Then the
//! sentences of real articles (IndoSum, from `../shared`) are tagged once each way.
//!
//! `cargo bench --bench tagger -- once uncached|cached` tags the article sentences once,
//! for counting instructions:
//! `valgrind --tool=callgrind --toggle-collect='*tag_once*' target/release/deps/tagger-HASH once cached`.

use std::path::Path;
use std::time::{Duration, Instant};
use warta::entities::{eval, mentions, tagger, tokenize};

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let args: Vec<String> = std::env::args().collect();
    if let [_, once, how, ..] = &args[..] {
        if once == "once" {
            let sentences = article_sentences(dir);
            let model = tagger::builtin();
            let mut t = tagger::Tagger::new(model);
            let n = tag_once(&sentences, |s| match how.as_str() {
                "uncached" => model.tag_uncached(s),
                _ => t.tag(s),
            });
            println!("{n} labels");
            return;
        }
    }
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

    articles(dir, model);

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

/// The sentences of the IndoSum articles in `../shared` (none when it is missing).
fn article_sentences(dir: &Path) -> Vec<Vec<String>> {
    let path = dir.join("../shared/corpus/jsonl/indosum-00.jsonl");
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!(
            "note: {} is missing; article text not timed",
            path.display()
        );
        return Vec::new();
    };
    let mut sentences = Vec::new();
    for line in text.lines() {
        let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        for para in v["content"].as_str().unwrap_or_default().split("\n\n") {
            let toks = tokenize::tokenize(para);
            for sent in tokenize::sentences(&toks) {
                sentences.push(sent.iter().map(|t| t.text.to_string()).collect());
            }
        }
    }
    sentences
}

/// Tags every sentence with `tag`; the number of labels.
#[inline(never)]
fn tag_once(sentences: &[Vec<String>], mut tag: impl FnMut(&[String]) -> Vec<usize>) -> usize {
    sentences.iter().map(|s| tag(s).len()).sum()
}

/// Tags the article sentences once with every feature computed, once with a new cache
/// (as an indexing thread starts) and once more with that cache warm; prints the rates
/// and the cache's hit rate.
fn articles(dir: &Path, model: &tagger::Model) {
    let sentences = article_sentences(dir);
    if sentences.is_empty() {
        return;
    }
    let tokens: usize = sentences.iter().map(|s| s.len()).sum();
    println!(
        "data: IndoSum articles ({} sentences, {tokens} tokens)",
        sentences.len()
    );
    let rate = |start: Instant| tokens as f64 / start.elapsed().as_secs_f64();
    let start = Instant::now();
    tag_once(&sentences, |s| model.tag_uncached(s));
    println!(
        "articles, every feature computed: {:.0} tokens/s",
        rate(start)
    );
    let mut t = tagger::Tagger::new(model);
    let start = Instant::now();
    tag_once(&sentences, |s| t.tag(s));
    let r = rate(start);
    let (lookups, hits) = t.lookups_and_hits();
    println!(
        "articles, new cache: {r:.0} tokens/s ({lookups} words looked up, {:.1}% remembered)",
        100.0 * hits as f64 / lookups.max(1) as f64
    );
    let start = Instant::now();
    tag_once(&sentences, |s| t.tag(s));
    println!("articles again, cache warm: {:.0} tokens/s", rate(start));
}
