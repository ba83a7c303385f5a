//! Whether an archive is whole, and one clear message when it is not.
//!
//! Every open runs the cheap checks ([`quick_check`]): `meta.json` parses, every file
//! of every segment it lists is on disk, and the documents those segments hold match
//! the count the last indexing run stamped into its commit ([`Stamp`]), which is how a
//! segment dropped from `meta.json` shows. Reading every byte to verify tantivy's
//! checksums costs as much as reading the archive, so only `warta check` does that,
//! and so does [`guard`] after a command failed or panicked inside tantivy: a bit flip
//! in a segment then becomes "damaged" instead of a crash or tantivy's own words.

use anyhow::Result;
use serde::{Deserialize, Serialize};
use std::path::Path;

/// What an indexing run stamps into each commit (tantivy keeps it, merges too).
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
pub struct Stamp {
    /// Documents (articles and file records) the archive holds after the commit.
    pub docs: u64,
    /// The commit's own opstamp: a stamp only speaks for the commit that wrote it.
    pub opstamp: u64,
    /// Whether this was the last commit of a run that ended (a run after one that did
    /// not end looks for ids stored twice).
    pub complete: bool,
}

impl Stamp {
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

/// The stamp of the last commit, when it has one.
pub fn stamp(index: &tantivy::Index) -> Option<Stamp> {
    let payload = index.load_metas().ok()?.payload?;
    serde_json::from_str(&payload).ok()
}

/// A damaged archive: the one line the user sees.
#[derive(Debug, thiserror::Error)]
#[error("the archive at {dir} is damaged: {what}; run `warta index --rebuild FOLDER...`")]
pub struct Damaged {
    pub dir: String,
    pub what: String,
}

fn damaged(dir: &Path, what: impl Into<String>) -> Damaged {
    Damaged {
        dir: dir.display().to_string(),
        what: what.into(),
    }
}

/// The files tantivy writes for every segment.
const SEGMENT_FILES: [&str; 6] = ["idx", "pos", "term", "store", "fast", "fieldnorm"];

/// What `meta.json` says, as far as the checks need it.
pub struct Layout {
    /// Segment file stems (the id without dashes) with their live documents.
    pub segments: Vec<(String, u64)>,
    pub stamp: Option<Stamp>,
}

/// The cheap checks run on every open (a few `stat` calls a segment).
pub fn quick_check(dir: &Path) -> Result<Layout, Damaged> {
    let bytes = std::fs::read(dir.join("meta.json"))
        .map_err(|e| damaged(dir, format!("meta.json cannot be read ({e})")))?;
    let meta: serde_json::Value = serde_json::from_slice(&bytes)
        .map_err(|_| damaged(dir, "meta.json is cut short or overwritten"))?;
    let list = meta["segments"]
        .as_array()
        .ok_or_else(|| damaged(dir, "meta.json lists no segments"))?;
    let mut segments = Vec::new();
    let mut docs = 0u64;
    for seg in list {
        let stem: String = seg["segment_id"]
            .as_str()
            .unwrap_or("")
            .chars()
            .filter(|c| *c != '-')
            .collect();
        let max_doc = seg["max_doc"].as_u64();
        if stem.len() != 32 || !stem.bytes().all(|b| b.is_ascii_hexdigit()) || max_doc.is_none() {
            return Err(damaged(dir, "meta.json holds a malformed segment entry"));
        }
        let mut files: Vec<String> = SEGMENT_FILES
            .iter()
            .map(|ext| format!("{stem}.{ext}"))
            .collect();
        let deletes = &seg["deletes"];
        let mut deleted = 0;
        if deletes.is_object() {
            deleted = deletes["num_deleted_docs"].as_u64().unwrap_or(0);
            let opstamp = deletes["opstamp"].as_u64().unwrap_or(0);
            files.push(format!("{stem}.{opstamp}.del"));
        }
        for name in files {
            match std::fs::metadata(dir.join(&name)) {
                Ok(m) if m.len() >= 8 => {}
                Ok(_) => return Err(damaged(dir, format!("segment file {name} is cut short"))),
                Err(_) => return Err(damaged(dir, format!("segment file {name} is missing"))),
            }
        }
        let live = max_doc.unwrap_or(0).saturating_sub(deleted);
        docs += live;
        segments.push((stem, live));
    }
    let stamp = meta["payload"]
        .as_str()
        .and_then(|p| serde_json::from_str::<Stamp>(p).ok());
    if let Some(s) = stamp {
        if Some(s.opstamp) == meta["opstamp"].as_u64() && s.docs != docs {
            return Err(damaged(
                dir,
                format!(
                    "its last commit holds {} documents but its segments hold {docs} (a segment is missing from meta.json)",
                    s.docs
                ),
            ));
        }
    }
    Ok(Layout { segments, stamp })
}

/// The full check: the cheap ones, then tantivy's checksum of every segment file.
/// `None` when nothing is wrong.
pub fn diagnose(dir: &Path) -> Option<Damaged> {
    if !dir.join("meta.json").exists() {
        return None;
    }
    let checked = caught(|| -> Option<Damaged> {
        let layout = match quick_check(dir) {
            Ok(l) => l,
            Err(d) => return Some(d),
        };
        let index = match super::directory::ArchiveDir::open(dir).and_then(tantivy::Index::open) {
            Ok(i) => i,
            Err(_) => return Some(damaged(dir, "tantivy cannot open it")),
        };
        // Each file of each segment, in order: the first that fails is named.
        for (stem, _) in &layout.segments {
            for ext in SEGMENT_FILES {
                let name = format!("{stem}.{ext}");
                let ok = caught(|| index.directory().validate_checksum(Path::new(&name)));
                if !matches!(ok, Some(Ok(true))) {
                    return Some(damaged(
                        dir,
                        format!("segment file {name} fails its checksum"),
                    ));
                }
            }
        }
        None
    });
    checked.unwrap_or_else(|| Some(damaged(dir, "its segment files cannot be read")))
}

/// What `warta check` found in a whole archive.
pub struct Report {
    pub articles: u64,
    pub files: u64,
    pub segments: usize,
}

/// The checks of `warta check` past the checksums: every article a file record names
/// is in the archive, no id is stored twice, and no article is named by no record.
pub fn verify(archive: &super::Archive) -> Result<Report> {
    use super::schema::all_str;
    use tantivy::collector::{Count, DocSetCollector};
    let dir = &archive.dir;
    let searcher = archive.reader()?.searcher();
    let articles = searcher.search(&*archive.all_articles(), &Count)? as u64;
    let records = searcher.search(&*archive.all_files(), &DocSetCollector)?;
    let mut named = std::collections::HashSet::new();
    for addr in &records {
        let d: tantivy::TantivyDocument = searcher.doc(*addr)?;
        named.extend(all_str(&d, archive.f.file_ids));
    }
    let mut missing = 0;
    let mut twice = 0;
    for id in &named {
        match searcher.search(&*archive.with_id(id), &Count)? {
            0 => missing += 1,
            1 => {}
            _ => twice += 1,
        }
    }
    if missing > 0 {
        return Err(damaged(
            dir,
            format!("{missing} articles its file records name are not in it"),
        )
        .into());
    }
    if twice > 0 {
        return Err(damaged(dir, format!("{twice} articles are stored twice")).into());
    }
    // Every article is named by the record of a file it was read from.
    if articles != named.len() as u64 {
        return Err(damaged(
            dir,
            format!(
                "{} articles are named by no file record",
                articles.saturating_sub(named.len() as u64)
            ),
        )
        .into());
    }
    Ok(Report {
        articles,
        files: records.len() as u64,
        segments: searcher.segment_readers().len(),
    })
}

/// Runs `f` with its panics caught; `None` when it panicked.
fn caught<T>(f: impl FnOnce() -> T) -> Option<T> {
    crate::panics::catch(f).ok()
}

/// Runs a command on the archive at `dir`. When it fails inside tantivy or panics, the
/// archive is checked in full: a damaged one gets the one [`Damaged`] line instead. A
/// panic with the archive whole is a bug in warta and says so.
pub fn guard<T>(dir: &Path, f: impl FnOnce() -> Result<T>) -> Result<T> {
    // Reports of panics on tantivy's threads are held back meanwhile: on a damaged
    // archive the one line below says all there is to say (see `cli::run`).
    match crate::panics::catch_holding(f) {
        Ok(Ok(v)) => Ok(v),
        Ok(Err(e)) => {
            let from_store = e.chain().any(|c| {
                c.is::<tantivy::TantivyError>()
                    || c.is::<std::io::Error>()
                    || c.is::<tantivy::directory::error::OpenReadError>()
            });
            if e.is::<Damaged>() || !from_store {
                return Err(e);
            }
            match diagnose(dir) {
                Some(d) => Err(d.into()),
                None => Err(e),
            }
        }
        Err(msg) => {
            if let Some(d) = diagnose(dir) {
                return Err(d.into());
            }
            let msg = msg.replace('\n', " ");
            Err(anyhow::anyhow!(
                "internal error (a bug in warta, please report it): {msg}"
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stamp_reads_back_and_a_foreign_payload_is_none() {
        let s = Stamp {
            docs: 7,
            opstamp: 3,
            complete: true,
        };
        assert_eq!(serde_json::from_str::<Stamp>(&s.to_json()).unwrap(), s);
        assert!(serde_json::from_str::<Stamp>("hello").is_err());
    }

    #[test]
    fn a_cut_meta_json_is_damage_in_one_short_line() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("meta.json"), "{\"segments\": [{\"segm").unwrap();
        let d = quick_check(dir.path()).err().unwrap().to_string();
        assert!(d.contains("meta.json is cut short"), "{d}");
        assert!(d.ends_with("run `warta index --rebuild FOLDER...`"), "{d}");
        assert!(d.len() < 200, "{d}");
    }
}
