//! The archive on disk: a tantivy index holding article documents and one
//! bookkeeping document per indexed file (size, mtime, hash, article ids), so that
//! the file manifest commits atomically with the articles it describes.
//!
//! `schema` defines fields and the article <-> document mapping; `update` runs an
//! incremental indexing pass; `merge` decides which segments are merged;
//! `dedup` groups near-duplicates; `seen` spares a fresh archive's run its look-ups.

pub mod dedup;
pub mod directory;
pub mod health;
pub mod lock;
pub mod merge;
pub mod read;
pub mod rebuild;
pub mod schema;
pub mod seen;
pub mod update;

use anyhow::{bail, Context, Result};
use schema::Fields;
use std::path::{Path, PathBuf};
use tantivy::{Index, IndexReader, ReloadPolicy};

/// An opened archive.
pub struct Archive {
    pub dir: PathBuf,
    pub index: Index,
    pub f: Fields,
    reader: std::sync::OnceLock<IndexReader>,
}

impl Archive {
    /// Opens an existing archive for reading.
    pub fn open(dir: &Path) -> Result<Archive> {
        if !dir.join("meta.json").exists() {
            bail!(
                "no archive at {}: run `warta index FOLDER` first (or pass --index PATH)",
                dir.display()
            );
        }
        health::quick_check(dir)?;
        let context = || format!("cannot open the archive at {}", dir.display());
        let folder = directory::ArchiveDir::open(dir).with_context(context)?;
        let index = Index::open(folder).map_err(|e| match e {
            // The files are there (checked above) but tantivy cannot make sense of them.
            tantivy::TantivyError::DataCorruption(_)
            | tantivy::TantivyError::SchemaError(_)
            | tantivy::TantivyError::IncompatibleIndex(_) => health::Damaged {
                dir: dir.display().to_string(),
                what: "tantivy cannot read its metadata".into(),
            }
            .into(),
            e => anyhow::Error::from(e).context(context()),
        })?;
        Self::wrap(dir, index)
    }

    /// Opens the archive, creating an empty one when the folder holds none.
    pub fn open_or_create(dir: &Path) -> Result<Archive> {
        if dir.join("meta.json").exists() {
            return Self::open(dir);
        }
        std::fs::create_dir_all(dir)
            .with_context(|| format!("cannot create the archive folder {}", dir.display()))?;
        let (schema, _) = schema::build();
        let index = Index::builder()
            .schema(schema)
            .settings(schema::settings())
            .create_in_dir(dir)
            .with_context(|| format!("cannot create an archive in {}", dir.display()))?;
        Self::wrap(dir, index)
    }

    fn wrap(dir: &Path, index: Index) -> Result<Archive> {
        crate::analysis::register_tokenizers(&index);
        let f = Fields::from_schema(&index.schema()).with_context(|| {
            format!(
                "{} holds an index of another shape: remove it and index again",
                dir.display()
            )
        })?;
        Ok(Archive {
            dir: dir.to_path_buf(),
            index,
            f,
            reader: std::sync::OnceLock::new(),
        })
    }

    /// A reader on the last committed state, opened once per archive (clones share it;
    /// `reload` moves them all to the newest commit).
    pub fn reader(&self) -> Result<IndexReader> {
        if let Some(r) = self.reader.get() {
            return Ok(r.clone());
        }
        let r: IndexReader = self
            .index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        Ok(self.reader.get_or_init(|| r).clone())
    }
}
