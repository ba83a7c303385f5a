//! The stages of `warta index`, in order: walk the paths, read each changed file,
//! parse it into articles (`ingest`), enrich them (entities), and write them
//! (`index::update`, which only stores). Reading, parsing and enriching run on the
//! rayon pool a few chunks ahead of the writer, so both cores work while it commits.

use crate::index::update::{self, Update};
use crate::index::Archive;
use crate::ingest::{self, Parsed};
use anyhow::Result;
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// Options of a pass.
#[derive(Debug, Clone)]
pub struct Options {
    pub prune: bool,
    /// Bytes read between two commits (see [`update::COMMIT_BYTES`]).
    pub commit_bytes: u64,
    /// Follow symbolic links that lead outside the given paths.
    pub follow_links: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            prune: false,
            commit_bytes: update::COMMIT_BYTES,
            follow_links: false,
        }
    }
}

/// What a pass reports while it runs (the command line draws a bar; the library
/// itself prints nothing, so that neither the pipeline nor the index depends on
/// `output`).
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

/// Files read together at most: the unit handed from the reading threads to the writer.
const CHUNK_FILES: usize = 512;
/// Bytes read together at most.
const CHUNK_BYTES: u64 = 8 << 20;
/// Read chunks waiting for the writer at most (reading runs this far ahead while a
/// commit holds the writer up).
const CHUNKS_AHEAD: usize = 4;

/// One file to read: its manifest key, size and modification time.
type Todo = (String, u64, i64);

/// One read chunk: its range in the list of files to do, and each file's result.
type ReadChunk = (std::ops::Range<usize>, Vec<update::FileResult>);

/// One incremental pass over `paths` into `archive`.
pub fn run(
    archive: &Archive,
    paths: &[PathBuf],
    opts: &Options,
    warn: &dyn Fn(&str),
    progress: &dyn Progress,
) -> Result<update::Summary> {
    let mut store = Update::open(archive, opts.commit_bytes)?;

    // Walk, then the cheap check: size and modification time.
    let walk = ingest::WalkOptions {
        exclude: Some(archive.dir.clone()),
        follow_links: opts.follow_links,
    };
    let (files, walk_warnings) = ingest::walk(paths, &walk);
    for w in &walk_warnings {
        warn(w);
    }
    store.summary.skipped += walk_warnings.len();
    let mut todo: Vec<Todo> = Vec::new();
    for file in &files {
        let key = update::path_key(file);
        let meta = match std::fs::metadata(file) {
            Ok(m) => m,
            Err(e) => {
                warn(&format!("{key}: cannot read ({e})"));
                store.summary.skipped += 1;
                continue;
            }
        };
        let mtime = update::mtime_of(&meta);
        if store.is_current(&key, meta.len(), mtime) {
            store.summary.unchanged += 1;
        } else {
            todo.push((key, meta.len(), mtime));
        }
    }
    let total_bytes = todo.iter().map(|t| t.1).sum();
    progress.start(todo.len() as u64, total_bytes);
    store.expect_bytes(total_bytes)?;

    // Read, parse and enrich ahead of the writer.
    let hashes: Vec<Option<String>> = todo.iter().map(|t| store.recorded_hash(&t.0)).collect();
    let (tx, rx) = crossbeam_channel::bounded::<ReadChunk>(CHUNKS_AHEAD);
    let (todo_ref, hashes_ref) = (&todo, &hashes);
    std::thread::scope(|scope| -> Result<()> {
        scope.spawn(move || {
            for range in chunks(todo_ref, opts.commit_bytes.min(CHUNK_BYTES)) {
                let results: Vec<_> = range
                    .clone()
                    .into_par_iter()
                    .map(|i| {
                        let path = update::key_path(&todo_ref[i].0);
                        read_if_changed(&path, hashes_ref[i].as_deref())
                    })
                    .collect();
                if tx.send((range, results)).is_err() {
                    break; // the writer stopped on an error
                }
            }
        });
        for (range, results) in rx {
            for ((key, size, mtime), result) in todo[range].iter().zip(results) {
                let articles = store.take_file(key, *size, *mtime, result, warn);
                progress.file_done(*size, articles as u64);
            }
            store.chunk_done()?;
        }
        Ok(())
    })?;
    progress.finish();

    if opts.prune {
        store.prune_missing();
    }
    store.finish()
}

/// Reads one file for `warta parse`: its articles as `index` would store them.
pub fn read_file(path: &Path) -> Result<Parsed> {
    let mut parsed = ingest::parse_bytes(path, ingest::read_bytes(path)?)?;
    enrich(&mut parsed)?;
    Ok(parsed)
}

/// Reads a file and, unless its content hash equals `recorded` (then `None`), parses
/// and enriches it.
fn read_if_changed(path: &Path, recorded: Option<&str>) -> update::FileResult {
    let bytes = ingest::read_bytes(path)?;
    let hash = blake3::hash(&bytes).to_hex()[..32].to_string();
    if recorded == Some(hash.as_str()) {
        return Ok((hash, None));
    }
    let mut parsed = ingest::parse_bytes(path, bytes)?;
    enrich(&mut parsed)?;
    Ok((hash, Some(parsed)))
}

/// The enrich stage: the people, places and organisations of each article (merged
/// with the tags a record came with). A big export holds thousands of articles, so
/// they are tagged on every core, not only the one reading this file. A bug met here
/// costs the file, not the run.
pub fn enrich(parsed: &mut Parsed) -> Result<()> {
    ingest::caught(|| {
        parsed.articles.par_iter_mut().for_each(|a| {
            let _quiet = crate::panics::Quiet::new();
            a.entities = crate::entities::extract(a);
        });
        Ok(())
    })
}

/// Cuts the files to do into chunks of at most [`CHUNK_FILES`] files and `max_bytes`
/// bytes (a bigger file makes a chunk of its own).
fn chunks(todo: &[Todo], max_bytes: u64) -> Vec<std::ops::Range<usize>> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks_hold_a_bounded_number_of_files_and_bytes() {
        let todo: Vec<Todo> = (0..1200).map(|i| (format!("f{i}"), 10, 0)).collect();
        let c = chunks(&todo, 1_000);
        assert_eq!(c.len(), 12, "100 files of 10 bytes make 1,000 bytes");
        assert!(c.windows(2).all(|w| w[0].end == w[1].start));
        assert_eq!(c.last().unwrap().end, 1200);
        let big: Vec<Todo> = vec![("a".into(), 5_000, 0), ("b".into(), 1, 0)];
        assert_eq!(
            chunks(&big, 1_000),
            vec![0..1, 1..2],
            "a big file is a chunk alone"
        );
        let many: Vec<Todo> = (0..1100).map(|i| (format!("f{i}"), 0, 0)).collect();
        assert_eq!(chunks(&many, 1_000).len(), 3, "at most 512 files a chunk");
    }
}
