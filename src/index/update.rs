//! One incremental indexing pass: walk the given paths, skip files whose size and
//! modification time (or, failing that, content hash) are unchanged, parse the rest
//! in parallel, replace the articles of changed files, and commit in batches so that
//! a killed run leaves the last committed state searchable and the next run resumes.
//!
//! An article reached through several files is stored once with every path.

use super::dedup::{committed_copies, group_key, signature, GroupColumns, Grouper};
use super::schema::{all_str, first_num, first_str, KIND_FILE};
use super::seen::Seen;
use super::Archive;
use crate::article::Article;
use crate::ingest;
use anyhow::{anyhow, Result};
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use tantivy::collector::DocSetCollector;
use tantivy::query::TermQuery;
use tantivy::schema::IndexRecordOption;
use tantivy::{DocAddress, DocSet, IndexReader, IndexWriter, Searcher, TantivyDocument, Term};

/// What a pass did, for the summary line.
#[derive(Debug, Default, Clone)]
pub struct Summary {
    pub new: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub removed: usize,
    pub skipped: usize,
    pub articles_added: usize,
}

/// Options of a pass.
#[derive(Debug, Clone)]
pub struct Options {
    pub prune: bool,
    /// Bytes read between two commits (see [`COMMIT_BYTES`]).
    pub commit_bytes: u64,
    /// Follow symbolic links that lead outside the given paths.
    pub follow_links: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            prune: false,
            commit_bytes: COMMIT_BYTES,
            follow_links: false,
        }
    }
}

/// The bookkeeping record of one indexed file.
#[derive(Debug, Clone)]
struct FileRec {
    size: u64,
    mtime: i64,
    hash: String,
    ids: Vec<String>,
}

/// Files parsed together at most: the unit handed from the parsing threads to the
/// indexing side.
const CHUNK_FILES: usize = 512;
/// Bytes parsed together at most.
const CHUNK_BYTES: u64 = 8 << 20;
/// Parsed chunks waiting for the indexing side at most (parsing runs this far ahead
/// while a commit holds the indexing side up).
const CHUNKS_AHEAD: usize = 4;
/// Bytes read between two commits by default: a killed run loses at most this much work. Each
/// commit ends tantivy's segments, so fewer commits make fewer, larger segments and
/// less merging (measured in bench/README.md).
const COMMIT_BYTES: u64 = 64 << 20;
/// Writer memory budget (tantivy splits it among its threads).
const WRITER_HEAP: usize = 256 << 20;

/// The message shown when another process holds the writer lock.
pub const BUSY: &str = "index is being updated by another warta process";

/// What a pass reports while it runs (the command line draws a bar; the library
/// itself prints nothing, so that `index` does not depend on `output`).
pub trait Progress: Sync {
    /// The pass is about to read this many files of this many bytes.
    fn start(&self, _files: u64, _bytes: u64) {}
    /// One file done, with its size and the articles it gave.
    fn file_done(&self, _bytes: u64, _articles: u64) {}
    /// The pass has read every file.
    fn finish(&self) {}
}

/// Reports nothing.
pub struct Silent;

impl Progress for Silent {}

pub fn run(
    archive: &Archive,
    paths: &[PathBuf],
    opts: &Options,
    warn: &dyn Fn(&str),
    progress: &dyn Progress,
) -> Result<Summary> {
    let _lock = super::lock::WriterLock::acquire(&archive.dir)?;
    let mut writer: IndexWriter = match archive.index.writer(WRITER_HEAP) {
        Ok(w) => w,
        Err(tantivy::TantivyError::LockFailure(
            tantivy::directory::error::LockError::LockBusy,
            _,
        )) => return Err(anyhow!(BUSY)),
        Err(tantivy::TantivyError::LockFailure(
            tantivy::directory::error::LockError::IoError(e),
            _,
        )) => {
            return Err(anyhow!(
                "cannot write to the archive at {}: {e}",
                archive.dir.display()
            ))
        }
        Err(e) => return Err(anyhow!("cannot open the archive for writing: {e}")),
    };
    writer.set_merge_policy(Box::<super::merge::BoundedMerges>::default());
    let reader = archive.reader()?;
    let manifest = load_manifest(archive, &reader.searcher())?;

    let walk = ingest::WalkOptions {
        exclude: Some(archive.dir.clone()),
        follow_links: opts.follow_links,
    };
    let (files, walk_warnings) = ingest::walk(paths, &walk);
    for w in &walk_warnings {
        warn(w);
    }
    let mut summary = Summary {
        skipped: walk_warnings.len(),
        ..Default::default()
    };

    // Cheap check first: size and modification time.
    let mut todo: Vec<(String, u64, i64)> = Vec::new();
    for file in &files {
        let key = path_key(file);
        let meta = match std::fs::metadata(file) {
            Ok(m) => m,
            Err(e) => {
                warn(&format!("{key}: cannot read ({e})"));
                summary.skipped += 1;
                continue;
            }
        };
        let mtime = mtime_of(&meta);
        match manifest.get(&key) {
            Some(rec) if rec.size == meta.len() && rec.mtime == mtime => summary.unchanged += 1,
            _ => todo.push((key, meta.len(), mtime)),
        }
    }

    let total_bytes = todo.iter().map(|t| t.1).sum();
    progress.start(todo.len() as u64, total_bytes);
    let start = reader.searcher();
    let mut state = Pending {
        docs: start.num_docs(),
        recorded: manifest.keys().cloned().collect(),
        ..Default::default()
    };
    // In an archive empty at the start, only this run's articles can be found.
    if start.num_docs() == 0 {
        state.seen = Some(Seen::for_articles(total_bytes / 1024));
    }
    // A run that did not end (killed, or an archive from before the commit stamp)
    // may have left an id stored twice: store each once again before going on.
    let finished = super::health::stamp(&archive.index).is_some_and(|p| p.complete);
    if !finished && start.num_docs() > 0 && repair_duplicates(archive, &start, &mut state)? > 0 {
        commit(&mut state, archive, &start, &reader, &mut writer, false)?;
    }
    drop(start);
    // Parsing runs ahead of indexing: while this thread hands articles to tantivy and
    // commits them, the rayon pool parses the next chunks, so both cores work.
    let (tx, rx) = crossbeam_channel::bounded::<ParsedChunk>(CHUNKS_AHEAD);
    let manifest_ref = &manifest;
    let todo_ref = &todo;
    let searcher = std::thread::scope(|scope| -> Result<Searcher> {
        scope.spawn(move || {
            for range in chunks(todo_ref, opts.commit_bytes.min(CHUNK_BYTES)) {
                let results: Vec<_> = todo_ref[range.clone()]
                    .par_iter()
                    .map(|(key, _, _)| read_and_parse(&key_path(key), manifest_ref.get(key)))
                    .collect();
                if tx.send((range, results)).is_err() {
                    break; // the indexing side stopped on an error
                }
            }
        });
        let mut uncommitted = 0u64;
        let mut searcher = reader.searcher();
        for (range, results) in rx {
            for ((key, size, mtime), result) in todo[range].iter().zip(results) {
                let articles = state.take_file(
                    archive,
                    &searcher,
                    key,
                    FileRec {
                        size: *size,
                        mtime: *mtime,
                        hash: String::new(),
                        ids: Vec::new(),
                    },
                    manifest.get(key),
                    result,
                    &mut summary,
                    warn,
                );
                progress.file_done(*size, articles as u64);
                uncommitted += size;
            }
            if uncommitted >= opts.commit_bytes {
                commit(&mut state, archive, &searcher, &reader, &mut writer, false)?;
                searcher = reader.searcher();
                uncommitted = 0;
            }
        }
        Ok(searcher)
    })?;
    progress.finish();

    if opts.prune {
        for (key, rec) in &manifest {
            if !key_path(key).exists() {
                for id in &rec.ids {
                    state.remove_path(archive, &searcher, id, key);
                }
                state.gone.push(key.clone());
                summary.removed += 1;
            }
        }
    }
    // The last commit of a run says that the run ended (see `health::Stamp`).
    if !state.is_empty() || !finished {
        commit(&mut state, archive, &searcher, &reader, &mut writer, true)?;
    }
    drop(searcher);
    writer.wait_merging_threads().ok();
    reader.reload()?;
    let run_docs = (summary.articles_added + summary.new + summary.updated) as u64;
    super::merge::merge_tail(&archive.index, &reader, run_docs);
    Ok(summary)
}

/// Commits the pending changes with a stamp of the documents the archive then holds,
/// and reads the count back: should it differ from what the run worked out (a copy
/// counted wrong), the stamp is corrected at once by an empty commit, so that a check
/// never takes the archive for damaged.
fn commit(
    state: &mut Pending,
    archive: &Archive,
    searcher: &Searcher,
    reader: &IndexReader,
    writer: &mut IndexWriter,
    complete: bool,
) -> Result<()> {
    flush_and_commit(state, archive, searcher, writer, complete)?;
    reader.reload()?;
    let actual = reader.searcher().num_docs();
    if actual != state.docs {
        state.docs = actual;
        flush_and_commit(state, archive, searcher, writer, complete)?;
    }
    Ok(())
}

/// Finds every id stored more than once and puts it in `state`, to be written once.
/// Returns how many there were. It reads the whole id dictionary: a run does it only
/// after one that did not end.
fn repair_duplicates(archive: &Archive, searcher: &Searcher, state: &mut Pending) -> Result<usize> {
    let mut freq: HashMap<Vec<u8>, u32> = HashMap::new();
    for seg in searcher.segment_readers() {
        let index = seg.inverted_index(archive.f.id)?;
        let mut terms = index.terms().stream()?;
        while terms.advance() {
            *freq.entry(terms.key().to_vec()).or_default() += terms.value().doc_freq;
        }
    }
    let mut repaired = 0;
    for (key, n) in freq {
        let Ok(id) = String::from_utf8(key) else {
            continue;
        };
        // Counted with deleted copies; the look-up counts the live ones.
        if n > 1 && state.entry(archive, searcher, &id).committed > 1 {
            repaired += 1;
        }
    }
    Ok(repaired)
}

/// Hands the pending changes to tantivy and commits them.
///
/// When an indexing thread fails (a full disk, say), the next add only says "an index
/// writer was killed"; joining the threads, as a commit does, brings out the error that
/// killed it, so the user reads "No space left on device" rather than a riddle.
fn flush_and_commit(
    state: &mut Pending,
    archive: &Archive,
    searcher: &Searcher,
    writer: &mut IndexWriter,
    complete: bool,
) -> Result<()> {
    let result = state.flush(archive, searcher, writer).and_then(|()| {
        let mut prepared = writer.prepare_commit()?;
        let stamp = super::health::Stamp {
            docs: state.docs,
            opstamp: prepared.opstamp(),
            complete,
        };
        prepared.set_payload(&stamp.to_json());
        prepared.commit()?;
        Ok(())
    });
    result.map_err(|e| match e.downcast_ref::<tantivy::TantivyError>() {
        Some(tantivy::TantivyError::ErrorInThread(_)) => match writer.prepare_commit() {
            Err(cause) => cause.into(),
            Ok(_) => e,
        },
        _ => e,
    })
}

/// Absolute path used as the file's key in the manifest (and shown to the user). A
/// name that is not UTF-8 (old archives from other systems) keeps its other bytes as
/// `\xNN`, so the key leads back to the file ([`key_path`]).
pub fn path_key(p: &Path) -> String {
    use std::os::unix::ffi::OsStrExt;
    let abs = std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    let bytes = abs.as_os_str().as_bytes();
    let mut key = String::with_capacity(bytes.len());
    for chunk in bytes.utf8_chunks() {
        key.push_str(chunk.valid());
        for b in chunk.invalid() {
            key.push_str(&format!("\\x{b:02X}"));
        }
    }
    key
}

/// The file a manifest key names (see [`path_key`]).
pub fn key_path(key: &str) -> PathBuf {
    use std::os::unix::ffi::OsStringExt;
    let plain = PathBuf::from(key);
    if !key.contains("\\x") || plain.exists() {
        return plain;
    }
    let b = key.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = b
            .get(i + 2..i + 4)
            .and_then(|h| std::str::from_utf8(h).ok());
        match hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
            Some(byte) if b[i] == b'\\' && b[i + 1] == b'x' => {
                out.push(byte);
                i += 4;
            }
            _ => {
                out.push(b[i]);
                i += 1;
            }
        }
    }
    PathBuf::from(std::ffi::OsString::from_vec(out))
}

fn mtime_of(meta: &std::fs::Metadata) -> i64 {
    meta.modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map(|d| d.as_nanos() as i64)
        .unwrap_or(0)
}

/// Whether reading a file failed before its content could be seen (see
/// `ingest::read_bytes`, whose I/O errors all say "cannot read").
fn is_unreadable(e: &anyhow::Error) -> bool {
    e.to_string().starts_with("cannot read")
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// Reads a file and parses it unless its hash equals the recorded one (then `None`).
fn read_and_parse(path: &Path, old: Option<&FileRec>) -> Result<(String, Option<ingest::Parsed>)> {
    let bytes = ingest::read_bytes(path)?;
    let hash = blake3::hash(&bytes).to_hex()[..32].to_string();
    if old.is_some_and(|r| r.hash == hash) {
        return Ok((hash, None));
    }
    let parsed = ingest::parse_bytes(path, bytes)?;
    Ok((hash, Some(parsed)))
}

fn load_manifest(archive: &Archive, searcher: &Searcher) -> Result<HashMap<String, FileRec>> {
    let f = &archive.f;
    let q = TermQuery::new(
        Term::from_field_text(f.kind, KIND_FILE),
        IndexRecordOption::Basic,
    );
    let mut out = HashMap::new();
    for addr in searcher.search(&q, &DocSetCollector)? {
        let d: TantivyDocument = searcher.doc(addr)?;
        let Some(path) = first_str(&d, f.file_path) else {
            continue;
        };
        out.insert(
            path,
            FileRec {
                size: first_num(&d, f.file_size).unwrap_or(0) as u64,
                mtime: first_num(&d, f.file_mtime).unwrap_or(0) as i64,
                hash: first_str(&d, f.file_hash).unwrap_or_default(),
                ids: all_str(&d, f.file_ids),
            },
        );
    }
    Ok(out)
}

/// The live committed documents with this term: the first one and how many there are
/// (more than one only for an id stored twice, which [`repair_duplicates`] undoes). A
/// term lookup in each segment: most ids of a fresh run are in none, and that costs
/// one dictionary probe.
fn committed_docs(searcher: &Searcher, term: &Term) -> (Option<DocAddress>, u32) {
    let mut first = None;
    let mut live = 0;
    for (ord, seg) in searcher.segment_readers().iter().enumerate() {
        let Ok(index) = seg.inverted_index(term.field()) else {
            continue;
        };
        let Ok(Some(mut postings)) = index.read_postings(term, IndexRecordOption::Basic) else {
            continue;
        };
        let mut doc = postings.doc();
        while doc != tantivy::TERMINATED {
            if !seg.is_deleted(doc) {
                first.get_or_insert(DocAddress::new(ord as u32, doc));
                live += 1;
            }
            doc = postings.advance();
        }
    }
    (first, live)
}

/// The final state of one touched article: its content and the paths holding it
/// (none: delete it).
struct Touched {
    article: Option<Article>,
    paths: Vec<String>,
    /// How many committed copies exist (normally 0 or 1): all of them are deleted
    /// before the new version is written, so that the count in the commit is exact.
    committed: u32,
    /// Its near-duplicate group when committed (kept by a duplicate repair).
    group: Option<u64>,
}

/// Changes gathered between two commits.
#[derive(Default)]
struct Pending {
    articles: HashMap<String, Touched>,
    files: HashMap<String, FileRec>,
    gone: Vec<String>,
    /// What the run has added, when the archive was empty at its start.
    seen: Option<Seen>,
    /// Files with a committed record (to be replaced or deleted).
    recorded: HashSet<String>,
    /// Documents the archive holds at the last commit.
    docs: u64,
}

/// One parsed chunk: its range in the list of files to do, and each file's result.
type ParsedChunk = (
    std::ops::Range<usize>,
    Vec<Result<(String, Option<ingest::Parsed>)>>,
);

/// Cuts the files to do into chunks of at most [`CHUNK_FILES`] files and `max_bytes`
/// bytes (a bigger file makes a chunk of its own).
fn chunks(todo: &[(String, u64, i64)], max_bytes: u64) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    while start < todo.len() {
        let mut end = start;
        let mut bytes = 0;
        while end < todo.len() && end - start < CHUNK_FILES && (bytes < max_bytes || end == start) {
            bytes += todo[end].1;
            end += 1;
        }
        out.push(start..end);
        start = end;
    }
    out
}

impl Pending {
    fn is_empty(&self) -> bool {
        self.articles.is_empty() && self.files.is_empty() && self.gone.is_empty()
    }

    /// Records what reading one file gave; returns the number of articles it added.
    #[allow(clippy::too_many_arguments)]
    fn take_file(
        &mut self,
        archive: &Archive,
        searcher: &Searcher,
        key: &str,
        mut rec: FileRec,
        old: Option<&FileRec>,
        result: Result<(String, Option<ingest::Parsed>)>,
        summary: &mut Summary,
        warn: &dyn Fn(&str),
    ) -> usize {
        match result {
            // A file that now yields nothing loses the articles it held, as a deleted
            // file does with --prune: the archive mirrors what the files say. Only a
            // file that could not be read at all keeps them (its content is unknown;
            // a passing I/O error must not empty the archive).
            Err(e) => {
                summary.skipped += 1;
                match old.filter(|r| !r.ids.is_empty() && !is_unreadable(&e)) {
                    Some(old) => {
                        for id in &old.ids {
                            self.remove_path(archive, searcher, id, key);
                        }
                        self.gone.push(key.to_string());
                        warn(&format!(
                            "{key}: {e}; the {} it held {} removed",
                            plural(old.ids.len(), "article"),
                            if old.ids.len() == 1 { "is" } else { "are" }
                        ));
                    }
                    None => warn(&format!("{key}: {e}")),
                }
                0
            }
            Ok((hash, None)) => {
                // Same content, new mtime: refresh the record only.
                summary.unchanged += 1;
                rec.hash = hash;
                rec.ids = old.map(|r| r.ids.clone()).unwrap_or_default();
                self.files.insert(key.to_string(), rec);
                0
            }
            Ok((hash, Some(parsed))) => {
                for w in &parsed.warnings {
                    warn(&format!("{key}: {w}"));
                }
                match old {
                    Some(old) => {
                        summary.updated += 1;
                        for id in &old.ids {
                            self.remove_path(archive, searcher, id, key);
                        }
                    }
                    None => summary.new += 1,
                }
                let articles = parsed.articles.len();
                if let Some(old) = old.filter(|r| r.ids.len() > articles) {
                    warn(&format!(
                        "{key}: now yields {} where it held {}; the others are removed",
                        plural(articles, "article"),
                        old.ids.len()
                    ));
                }
                summary.articles_added += articles;
                for a in parsed.articles {
                    rec.ids.push(a.id.clone());
                    self.add(archive, searcher, a, key);
                }
                rec.ids.sort();
                rec.ids.dedup();
                rec.hash = hash;
                self.files.insert(key.to_string(), rec);
                articles
            }
        }
    }

    fn entry(&mut self, archive: &Archive, searcher: &Searcher, id: &str) -> &mut Touched {
        let unseen = self
            .seen
            .as_ref()
            .is_some_and(|s| !s.ids.may_contain(group_key(id)));
        self.articles.entry(id.to_string()).or_insert_with(|| {
            let (first, copies) = if unseen {
                (None, 0)
            } else {
                committed_docs(searcher, &Term::from_field_text(archive.f.id, id))
            };
            let doc: Option<TantivyDocument> = first.and_then(|addr| searcher.doc(addr).ok());
            match doc {
                Some(d) => {
                    let group = first_num(&d, archive.f.dup_group).map(|g| g as u64);
                    let (a, paths) = archive.f.to_article(&d);
                    Touched {
                        article: Some(a),
                        paths,
                        committed: copies,
                        group,
                    }
                }
                None => Touched {
                    article: None,
                    paths: Vec::new(),
                    committed: copies,
                    group: None,
                },
            }
        })
    }

    fn remove_path(&mut self, archive: &Archive, searcher: &Searcher, id: &str, path: &str) {
        self.entry(archive, searcher, id)
            .paths
            .retain(|p| p != path);
    }

    /// Adds an article read from `path`. When other files hold the same article (same
    /// id), the fuller text wins: a headline-only record never replaces a whole story.
    fn add(&mut self, archive: &Archive, searcher: &Searcher, a: Article, path: &str) {
        let id = a.id.clone();
        let e = self.entry(archive, searcher, &id);
        let others = e.paths.iter().any(|p| p != path);
        let fuller_elsewhere = others
            && e.article
                .as_ref()
                .is_some_and(|old| old.body.len() > a.body.len());
        if !e.paths.iter().any(|p| p == path) {
            e.paths.push(path.to_string());
        }
        if !fuller_elsewhere {
            e.article = Some(a);
        }
        if let Some(seen) = &mut self.seen {
            seen.ids.insert(group_key(&id));
        }
    }

    fn flush(
        &mut self,
        archive: &Archive,
        searcher: &Searcher,
        writer: &mut IndexWriter,
    ) -> Result<()> {
        let f = &archive.f;
        let mut touched: Vec<_> = self.articles.drain().collect();
        touched.sort_by(|a, b| a.0.cmp(&b.0));
        // Only an id with a committed version has anything to delete: skipping the
        // others spares tantivy a dictionary probe per segment at each commit. Every
        // committed copy goes, also a second one a damaged or killed run left behind.
        let mut deleted = 0u64;
        let mut added = 0u64;
        for (id, t) in &touched {
            if t.committed > 0 {
                writer.delete_term(Term::from_field_text(f.id, id));
                deleted += u64::from(t.committed);
            }
        }
        let columns = GroupColumns::open(searcher)?;
        let mut grouper = Grouper::default();
        for (id, t) in touched {
            let Some(mut a) = t.article.filter(|_| !t.paths.is_empty()) else {
                continue;
            };
            let mut sorted: Vec<String> = t
                .paths
                .into_iter()
                .collect::<HashSet<_>>()
                .into_iter()
                .collect();
            sorted.sort();
            a.path = sorted[0].clone();
            let sig = signature(&a.body);
            let committed = match &mut self.seen {
                // Only bands this run has written can be in a segment.
                Some(seen) => {
                    let known: Vec<u64> = sig
                        .iter()
                        .copied()
                        .filter(|b| seen.bands.may_contain(*b))
                        .collect();
                    sig.iter().for_each(|b| seen.bands.insert(*b));
                    committed_copies(archive, searcher, &columns, &known)
                }
                None => committed_copies(archive, searcher, &columns, &sig),
            };
            let group = match t.group {
                Some(g) if t.committed > 1 => g,
                _ => grouper.group_for(&id, &sig, &committed),
            };
            writer.add_document(f.article_doc(&a, &sorted, &sig, group))?;
            added += 1;
        }
        let mut drop_record = |path: &str, writer: &mut IndexWriter| {
            if self.recorded.remove(path) {
                let term = Term::from_field_text(f.file_path, path);
                deleted += u64::from(committed_docs(searcher, &term).1);
                writer.delete_term(term);
            }
        };
        for path in std::mem::take(&mut self.gone) {
            drop_record(&path, writer);
        }
        for (path, rec) in self.files.drain() {
            drop_record(&path, writer);
            let mut d = TantivyDocument::default();
            d.add_text(f.kind, KIND_FILE);
            d.add_text(f.file_path, &path);
            d.add_u64(f.file_size, rec.size);
            d.add_i64(f.file_mtime, rec.mtime);
            d.add_text(f.file_hash, &rec.hash);
            for id in &rec.ids {
                d.add_text(f.file_ids, id);
            }
            writer.add_document(d)?;
            added += 1;
        }
        self.docs = (self.docs + added).saturating_sub(deleted);
        Ok(())
    }
}
