//! Trains warta's named-entity tagger and writes the model compiled into `warta`.
//!
//! The committed `models/ner.bin.gz` was made with (from the repository root, with the
//! public data at `../shared`; about a minute on two cores, 1 GB of memory):
//!
//! ```text
//! cargo run --release -p warta-tools --bin train_ner -- \
//!     --train ../shared/ner/nergrit/train.txt --train ../shared/ner/nergrit/valid.txt \
//!     --extra ../shared/ner/nerp/train.txt --truecase \
//!     --corpus ../shared/corpus/csv --corpus ../shared/corpus/jsonl --corpus ../shared/corpus/sgml \
//!     --out models/ner.bin.gz
//! ```
//!
//! It is trained on NERGrit train and valid together, so valid is no longer a held-out
//! check; the estimate is 5-fold cross-validation over both (replace `--train
//! ../shared/ner/nergrit/valid.txt` by `--valid ../shared/ner/nergrit/valid.txt --cv 5`:
//! 0.7687 micro F1, 10-fold 0.7785; the previous model's setup gave 0.7684 and 0.7723
//! measured the same way). Trained on train only, the model scores 0.777 on valid
//! (previous setup 0.774). CV scores move by about 0.004 when nothing but the order
//! of training changes, so compare ideas over several `--seed`s.
//!
//! Steps: learn the lexicon (word clusters, capitalisation rates) from the unlabelled
//! corpus (`.csv` content column, `.jsonl` content field, Reuters `.sgm` bodies) plus the
//! training sentences; train the averaged perceptron on the training file (and
//! `--extra` files in NER-PROSA labels, mapped to NERGrit's, as a second domain; with
//! `--truecase` their lower-cased words first get the capitals the Indonesian corpus
//! texts usually give them, names always a capital);
//! report valid F1 (when given); do that `--ensemble` times (5) with different
//! shuffling seeds and average the weights; write the model. Seeds are fixed: the same
//! inputs and options give the same file, byte for byte.

use anyhow::{Context, Result};
use clap::Parser;
use std::path::{Path, PathBuf};
use warta::entities::eval::{map_nerp_label, read_bio, Scores, Sentence};
use warta::entities::lexicon::{self, Lexicon, LexiconOptions};
use warta::entities::tagger::Model;
use warta::entities::tokenize;
use warta::entities::train::{train, train_ensemble, Example, TrainOptions};

#[derive(Parser, Debug)]
#[command(name = "train_ner", about = "Train warta's named-entity tagger")]
struct Args {
    /// Training data, `token<TAB>BIO-label` (NERGrit labels).
    #[arg(long, required = true)]
    train: Vec<PathBuf>,
    /// Extra training data in NER-PROSA labels (PPL, PLC, IND; others dropped), used as a second domain.
    #[arg(long)]
    extra: Vec<PathBuf>,
    /// Validation data, scored after every epoch.
    #[arg(long)]
    valid: Option<PathBuf>,
    /// Folders of unlabelled text (.csv with a `content` column, .jsonl with `content`, .sgm `<BODY>`s).
    #[arg(long)]
    corpus: Vec<PathBuf>,
    /// Reuse the lexicon in this model file instead of learning it again (for experiments).
    #[arg(long)]
    lexicon_from: Option<PathBuf>,
    #[arg(long, default_value_t = 12)]
    epochs: usize,
    #[arg(long, default_value_t = 17)]
    seed: u64,
    /// Number of word clusters, fine.
    #[arg(long, default_value_t = 1000)]
    clusters: usize,
    /// Instead of writing a model: K-fold cross-validation over --train and --valid
    /// together (extra data stays in every training part); prints mean F1 per epoch.
    #[arg(long, value_name = "K")]
    cv: Option<usize>,
    /// Numbers of clusters of two independent groupings more (0 0: none).
    #[arg(long, num_args = 2, default_values_t = [300, 2000])]
    extra_clusters: Vec<usize>,
    /// Most frequent words given clusters.
    #[arg(long, default_value_t = 100_000)]
    vocab: usize,
    /// Context words (the most frequent) the word vectors are built from.
    #[arg(long, default_value_t = 6000)]
    contexts: usize,
    /// Size of the word vectors clustered.
    #[arg(long, default_value_t = 128)]
    dims: usize,
    /// Least count of a clustered word.
    #[arg(long, default_value_t = 2)]
    min_count: u64,
    /// Folds for the learnt-name features (0: no learnt names).
    #[arg(long, default_value_t = 10)]
    name_folds: usize,
    /// Models averaged (trained with seeds `seed`, `seed + 1`, ...).
    #[arg(long, default_value_t = 5)]
    ensemble: usize,
    /// Restore capitals in the lower-cased --extra data before training on it: words
    /// in names get the capitalised form the --corpus texts use most, other words
    /// their most used form, and a sentence's first word a capital.
    #[arg(long)]
    truecase: bool,
    /// Where to write the model.
    #[arg(long, default_value = "models/ner.bin.gz")]
    out: PathBuf,
    /// Also write the model's labels for --valid here (`token<TAB>gold<TAB>predicted`
    /// a line), for error analysis.
    #[arg(long)]
    dump: Option<PathBuf>,
}

fn main() {
    if let Err(e) = run(Args::parse()) {
        eprintln!("error: {e:#}");
        std::process::exit(1);
    }
}

fn run(args: Args) -> Result<()> {
    let log = |m: &str| eprintln!("{m}");
    let mut examples = Vec::new();
    for p in &args.train {
        examples.extend(read_file(p)?.into_iter().map(|sentence| Example {
            sentence,
            domain: 0,
        }));
    }
    let casing = if args.truecase && !args.extra.is_empty() {
        // Indonesian text only: the Reuters `.sgm` files are English.
        let c = Casing::learn(&read_corpus(&args.corpus, &["csv", "jsonl"])?);
        log(&format!("truecase: usual forms of {} words", c.forms.len()));
        Some(c)
    } else {
        None
    };
    for p in &args.extra {
        for mut sentence in read_file(p)? {
            if let Some(c) = &casing {
                c.apply(&mut sentence);
            }
            sentence.labels = sentence.labels.iter().map(|l| map_nerp_label(l)).collect();
            examples.push(Example {
                sentence,
                domain: 1,
            });
        }
    }
    let valid = match &args.valid {
        Some(p) => read_file(p)?,
        None => Vec::new(),
    };
    let lexicon = match &args.lexicon_from {
        Some(p) => {
            let bytes = std::fs::read(p).with_context(|| format!("cannot read {}", p.display()))?;
            Model::from_bytes(&bytes)
                .with_context(|| format!("{}", p.display()))?
                .lexicon
        }
        None => learn_lexicon(&args, &examples, &log)?,
    };
    let opts = TrainOptions {
        epochs: args.epochs,
        seed: args.seed,
        name_folds: args.name_folds,
        ..TrainOptions::default()
    };
    if let Some(k) = args.cv {
        cross_validate(k, examples, valid, lexicon, &opts, args.ensemble, &log);
        return Ok(());
    }
    let model = if args.ensemble > 1 {
        train_ensemble(&examples, &valid, lexicon, &opts, args.ensemble, &log).0
    } else {
        train(&examples, &valid, lexicon, &opts, &log).0
    };
    if let Some(path) = &args.dump {
        write_dump(path, &model, &valid)?;
    }
    let bytes = model.to_bytes()?;
    if let Some(dir) = args.out.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    std::fs::write(&args.out, &bytes)
        .with_context(|| format!("cannot write {}", args.out.display()))?;
    log(&format!(
        "wrote {} ({} bytes, {} features, {} lexicon words)",
        args.out.display(),
        bytes.len(),
        model.weights.len(),
        model.lexicon.words.len()
    ));
    Ok(())
}

fn cross_validate(
    k: usize,
    examples: Vec<Example>,
    valid: Vec<Sentence>,
    lexicon: Lexicon,
    opts: &TrainOptions,
    ensemble: usize,
    log: &dyn Fn(&str),
) {
    let (mut target, extra): (Vec<Example>, Vec<Example>) =
        examples.into_iter().partition(|e| e.domain == 0);
    target.extend(valid.into_iter().map(|sentence| Example {
        sentence,
        domain: 0,
    }));
    let mut rng = lexicon::Rng::new(opts.seed ^ 0xcf);
    for i in (1..target.len()).rev() {
        target.swap(i, rng.below(i + 1));
    }
    let k = k.max(2);
    let mut sums = vec![0f64; if ensemble > 1 { 1 } else { opts.epochs }];
    // Every fold's final model on its held-out part, counted together.
    let mut pooled = Scores::default();
    for fold in 0..k {
        let mut train_part = extra.clone();
        let mut test_part = Vec::new();
        for (i, e) in target.iter().enumerate() {
            if i % k == fold {
                test_part.push(e.sentence.clone());
            } else {
                train_part.push(e.clone());
            }
        }
        let (model, curve) = if ensemble > 1 {
            let (m, f) = train_ensemble(
                &train_part,
                &test_part,
                lexicon.clone(),
                opts,
                ensemble,
                &|_| {},
            );
            (m, vec![f])
        } else {
            train(&train_part, &test_part, lexicon.clone(), opts, &|_| {})
        };
        for s in &test_part {
            pooled.add(&s.labels, &model.tag_labels(&s.tokens));
        }
        log(&format!(
            "fold {fold}: f1 by epoch {:?}",
            curve.iter().map(|f| format!("{f:.3}")).collect::<Vec<_>>()
        ));
        for (s, f) in sums.iter_mut().zip(&curve) {
            *s += f;
        }
    }
    let means: Vec<String> = sums
        .iter()
        .map(|s| format!("{:.4}", s / k as f64))
        .collect();
    log(&format!("cv mean f1 by epoch: {}", means.join(" ")));
    log(&format!(
        "cv pooled over the folds' final models:\n{}",
        pooled.report()
    ));
}

fn read_file(p: &Path) -> Result<Vec<Sentence>> {
    let text =
        std::fs::read_to_string(p).with_context(|| format!("cannot read {}", p.display()))?;
    read_bio(&text).with_context(|| format!("{}", p.display()))
}

/// Every sentence of `valid` with the model's labels, `token<TAB>gold<TAB>predicted`.
fn write_dump(path: &Path, model: &Model, valid: &[Sentence]) -> Result<()> {
    let mut out = String::new();
    for s in valid {
        let pred = model.tag_labels(&s.tokens);
        for ((t, g), p) in s.tokens.iter().zip(&s.labels).zip(pred) {
            out.push_str(&format!("{t}\t{g}\t{p}\n"));
        }
        out.push('\n');
    }
    std::fs::write(path, out).with_context(|| format!("cannot write {}", path.display()))
}

/// The documents of every corpus file under `dirs` with one of the extensions `exts`,
/// files in name order.
fn read_corpus(dirs: &[PathBuf], exts: &[&str]) -> Result<Vec<String>> {
    let mut docs: Vec<String> = Vec::new();
    for dir in dirs {
        let mut files: Vec<PathBuf> = walkdir::WalkDir::new(dir)
            .into_iter()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_type().is_file())
            .map(|e| e.into_path())
            .filter(|p| {
                p.extension()
                    .and_then(|x| x.to_str())
                    .is_some_and(|x| exts.contains(&x))
            })
            .collect();
        files.sort();
        for f in files {
            docs.extend(corpus_docs(&f)?);
        }
    }
    Ok(docs)
}

fn learn_lexicon(args: &Args, examples: &[Example], log: &dyn Fn(&str)) -> Result<Lexicon> {
    let mut docs = read_corpus(&args.corpus, &["csv", "jsonl", "sgm"])?;
    log(&format!("corpus: {} documents", docs.len()));
    docs.extend(
        examples
            .iter()
            .filter(|e| e.domain == 0)
            .map(|e| e.sentence.tokens.join(" ")),
    );
    let opts = LexiconOptions {
        k: [
            args.clusters,
            (args.clusters / 4).max(1),
            (args.clusters / 16).max(1),
        ],
        extra_k: [
            args.extra_clusters.first().copied().unwrap_or(0),
            args.extra_clusters.get(1).copied().unwrap_or(0),
        ],
        vocab: args.vocab,
        min_count: args.min_count,
        contexts: args.contexts,
        dims: args.dims,
        ..LexiconOptions::default()
    };
    Ok(lexicon::build(docs.into_iter(), &opts, log))
}

/// Texts of one corpus file (`.csv` content column, `.jsonl` content field, `.sgm` bodies).
fn corpus_docs(path: &Path) -> Result<Vec<String>> {
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    let mut out = Vec::new();
    match ext {
        "csv" => {
            let mut rd = csv::ReaderBuilder::new()
                .flexible(true)
                .from_path(path)
                .with_context(|| format!("{}", path.display()))?;
            let headers = rd.headers()?.clone();
            let Some(col) = headers.iter().position(|h| h == "content") else {
                return Ok(out);
            };
            for rec in rd.records().flatten() {
                if let Some(c) = rec.get(col) {
                    out.push(c.replace(".,", ".\n\n"));
                }
            }
        }
        "jsonl" => {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("cannot read {}", path.display()))?;
            for line in text.lines() {
                if let Ok(v) = serde_json::from_str::<serde_json::Value>(line) {
                    if let Some(c) = v.get("content").and_then(|c| c.as_str()) {
                        out.push(c.to_string());
                    }
                }
            }
        }
        "sgm" => {
            let bytes =
                std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
            let text = String::from_utf8_lossy(&bytes);
            for part in text.split("<BODY>").skip(1) {
                let body = part.split("</BODY>").next().unwrap_or("");
                out.push(
                    body.replace("&lt;", "<")
                        .replace("&amp;", "&")
                        .replace("\n    ", "\n\n"),
                );
            }
        }
        _ => {}
    }
    Ok(out)
}

/// The usual written forms of words, learnt from unlabelled text (words not at the
/// start of a sentence), to restore capitals in lower-cased training data.
struct Casing {
    /// Lower-case word to its most used form and its most used capitalised form.
    forms: std::collections::HashMap<String, (String, Option<String>)>,
}

impl Casing {
    fn learn(docs: &[String]) -> Casing {
        use std::collections::HashMap;
        let mut counts: HashMap<String, HashMap<String, u32>> = HashMap::new();
        for doc in docs {
            for para in doc.split("\n\n") {
                let toks = tokenize::tokenize(para);
                for sent in tokenize::sentences(&toks) {
                    for t in sent.iter().skip(1) {
                        if t.text.chars().any(char::is_alphabetic) {
                            *counts
                                .entry(t.text.to_lowercase())
                                .or_default()
                                .entry(t.text.to_string())
                                .or_default() += 1;
                        }
                    }
                }
            }
        }
        let forms = counts
            .into_iter()
            .map(|(lower, c)| {
                // Most used form (ties: the smaller string), optionally capitalised only.
                let best = |capital: bool| {
                    c.iter()
                        .filter(|(f, _)| !capital || starts_upper(f))
                        .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
                        .map(|(f, _)| f.clone())
                };
                let usual = best(false).unwrap_or_else(|| lower.clone());
                (lower, (usual, best(true)))
            })
            .collect();
        Casing { forms }
    }

    /// Restores the capitals of a lower-cased sentence labelled in BIO (any type).
    fn apply(&self, s: &mut Sentence) {
        for (i, (tok, label)) in s.tokens.iter_mut().zip(&s.labels).enumerate() {
            let lower = tok.to_lowercase();
            let known = self.forms.get(&lower);
            let mut out = if label == "O" {
                known.map(|k| k.0.clone()).unwrap_or(lower)
            } else {
                match known {
                    Some((_, Some(capital))) => capital.clone(),
                    // a short word never written with a capital inside a name (`of`, `dan`)
                    Some((usual, None))
                        if label.starts_with("I-") && usual.chars().count() <= 3 =>
                    {
                        usual.clone()
                    }
                    _ => capitalise(&lower),
                }
            };
            if i == 0 {
                out = capitalise(&out);
            }
            *tok = out;
        }
    }
}

fn starts_upper(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

fn capitalise(w: &str) -> String {
    let mut c = w.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}
