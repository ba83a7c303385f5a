//! The index schema and the mapping between an [`Article`] and a tantivy document.
//!
//! Text is indexed twice: stemmed (`title`, `body`, with positions for phrases) and
//! exact (`title_exact` with positions; `body_exact` with frequencies only: phrases
//! run on the stemmed body), so that exact forms rank above stemmed matches. Keeping
//! only names in `body_exact` makes the index smaller but costs known-item MRR
//! (`bench/relevance.py`; `bench/RESULTS.md`). English articles are also indexed with
//! the English stemmer (`title_en`, `body_en`); queries search both languages.
//! Stored fields are compressed with zstd (much smaller than lz4 on news text).
//! Keyword fields (outlet, authors, entities) are matched whole, case-insensitively.

use crate::analysis::{EXACT, KEYWORD, STEMMED, STEMMED_EN};
use crate::article::{source_key, Article, Entities};
use anyhow::{anyhow, Result};
use chrono::DateTime;
use tantivy::schema::document::Value;
use tantivy::schema::{
    Field, IndexRecordOption, NumericOptions, OwnedValue, Schema, TextFieldIndexing, TextOptions,
    FAST, INDEXED, STORED, STRING,
};
use tantivy::store::{Compressor, ZstdCompressor};
use tantivy::{IndexSettings, TantivyDocument};

/// Document kinds: an article, or the bookkeeping record of one indexed file.
pub const KIND_ARTICLE: &str = "article";
pub const KIND_FILE: &str = "file";

/// The publication time's field: Unix seconds (i64, so any real date fits: tantivy's
/// own date type counts nanoseconds and wraps outside 1678-2262), indexed and fast for
/// ranges, sorting and timelines. The time with its own offset is `published_text`.
pub const PUBLISHED: &str = "published";

/// Handles to every field of the schema.
#[derive(Clone, Copy, Debug)]
pub struct Fields {
    pub kind: Field,
    pub id: Field,
    pub url: Field,
    pub path: Field,
    pub source: Field,
    pub source_key: Field,
    pub title: Field,
    pub title_exact: Field,
    pub title_en: Field,
    pub body_en: Field,
    pub body: Field,
    pub body_exact: Field,
    pub published: Field,
    pub published_text: Field,
    pub author: Field,
    pub wire: Field,
    pub dateline: Field,
    pub lang: Field,
    pub caption: Field,
    pub person: Field,
    pub place: Field,
    pub org: Field,
    pub dup_band: Field,
    pub dup_group: Field,
    pub file_path: Field,
    pub file_size: Field,
    pub file_mtime: Field,
    pub file_hash: Field,
    pub file_ids: Field,
}

fn text(tokenizer: &str, stored: bool) -> TextOptions {
    let idx = TextFieldIndexing::default()
        .set_tokenizer(tokenizer)
        .set_index_option(IndexRecordOption::WithFreqsAndPositions);
    let o = TextOptions::default().set_indexing_options(idx);
    if stored {
        o.set_stored()
    } else {
        o
    }
}

/// Indexed with term frequencies but no positions: scored, never used in phrases.
fn text_freqs(tokenizer: &str) -> TextOptions {
    let idx = TextFieldIndexing::default()
        .set_tokenizer(tokenizer)
        .set_index_option(IndexRecordOption::WithFreqs);
    TextOptions::default().set_indexing_options(idx)
}

fn keyword() -> TextOptions {
    let idx = TextFieldIndexing::default()
        .set_tokenizer(KEYWORD)
        .set_index_option(IndexRecordOption::Basic);
    TextOptions::default()
        .set_indexing_options(idx)
        .set_stored()
}

/// Index settings: the stored text compressed with zstd in 32 KB blocks; lz4 in 16 KB
/// blocks, tantivy's default, makes the store about as large as the rest of the index
/// (`bench/run.sh`; `bench/RESULTS.md`).
pub fn settings() -> IndexSettings {
    IndexSettings {
        docstore_compression: Compressor::Zstd(ZstdCompressor {
            compression_level: Some(3),
        }),
        docstore_blocksize: 32 << 10,
        ..IndexSettings::default()
    }
}

/// Builds the schema.
pub fn build() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let stored_only = TextOptions::default().set_stored();
    let f = Fields {
        kind: b.add_text_field("kind", STRING),
        id: b.add_text_field("id", STRING | STORED),
        url: b.add_text_field("url", stored_only.clone()),
        path: b.add_text_field("path", stored_only.clone()),
        source: b.add_text_field("source", stored_only.clone()),
        source_key: b.add_text_field("source_key", STRING | FAST),
        title: b.add_text_field("title", text(STEMMED, true)),
        title_exact: b.add_text_field("title_exact", text(EXACT, false)),
        title_en: b.add_text_field("title_en", text(STEMMED_EN, false)),
        body_en: b.add_text_field("body_en", text(STEMMED_EN, false)),
        body: b.add_text_field("body", text(STEMMED, true)),
        body_exact: b.add_text_field("body_exact", text_freqs(EXACT)),
        published: b.add_i64_field(PUBLISHED, INDEXED | FAST),
        published_text: b.add_text_field("published_text", stored_only.clone()),
        author: b.add_text_field("author", keyword()),
        wire: b.add_text_field("wire", stored_only.clone()),
        dateline: b.add_text_field("dateline", stored_only.clone()),
        lang: b.add_text_field("lang", STRING | STORED),
        caption: b.add_text_field("caption", text(STEMMED, true)),
        person: b.add_text_field("person", keyword().set_fast("raw")),
        place: b.add_text_field("place", keyword().set_fast("raw")),
        org: b.add_text_field("org", keyword().set_fast("raw")),
        dup_band: b.add_text_field("dup_band", STRING),
        dup_group: b.add_u64_field("dup_group", INDEXED | STORED | FAST),
        file_path: b.add_text_field("file_path", STRING | STORED),
        file_size: b.add_u64_field("file_size", NumericOptions::default().set_stored()),
        file_mtime: b.add_i64_field("file_mtime", NumericOptions::default().set_stored()),
        file_hash: b.add_text_field("file_hash", stored_only),
        file_ids: b.add_text_field("file_ids", STORED),
    };
    (b.build(), f)
}

impl Fields {
    /// Looks the fields up in an existing index's schema.
    /// Fails on a schema that is not this version's: an archive made by another version
    /// of warta must be indexed again.
    pub fn from_schema(schema: &Schema) -> Result<Fields> {
        if *schema != build().0 {
            return Err(anyhow!("its fields differ from this version of warta's"));
        }
        let g = |name: &str| {
            schema
                .get_field(name)
                .map_err(|_| anyhow!("missing field {name}"))
        };
        Ok(Fields {
            kind: g("kind")?,
            id: g("id")?,
            url: g("url")?,
            path: g("path")?,
            source: g("source")?,
            source_key: g("source_key")?,
            title: g("title")?,
            title_exact: g("title_exact")?,
            title_en: g("title_en")?,
            body_en: g("body_en")?,
            body: g("body")?,
            body_exact: g("body_exact")?,
            published: g(PUBLISHED)?,
            published_text: g("published_text")?,
            author: g("author")?,
            wire: g("wire")?,
            dateline: g("dateline")?,
            lang: g("lang")?,
            caption: g("caption")?,
            person: g("person")?,
            place: g("place")?,
            org: g("org")?,
            dup_band: g("dup_band")?,
            dup_group: g("dup_group")?,
            file_path: g("file_path")?,
            file_size: g("file_size")?,
            file_mtime: g("file_mtime")?,
            file_hash: g("file_hash")?,
            file_ids: g("file_ids")?,
        })
    }

    /// The document for an article read from `paths` (one or more files), with its
    /// MinHash band terms and near-duplicate group (see `dedup`).
    pub fn article_doc(
        &self,
        a: &Article,
        paths: &[String],
        bands: &[u64],
        group: u64,
    ) -> TantivyDocument {
        let mut d = TantivyDocument::default();
        d.add_text(self.kind, KIND_ARTICLE);
        d.add_text(self.id, &a.id);
        d.add_u64(self.dup_group, group);
        for b in bands {
            d.add_text(self.dup_band, super::dedup::band_text(*b));
        }
        if let Some(u) = &a.url {
            d.add_text(self.url, u);
        }
        for p in paths {
            d.add_text(self.path, p);
        }
        d.add_text(self.source, &a.source);
        d.add_text(self.source_key, source_key(&a.source));
        d.add_text(self.title, &a.title);
        d.add_text(self.title_exact, &a.title);
        d.add_text(self.body, &a.body);
        if a.lang == "en" {
            d.add_text(self.title_en, &a.title);
            d.add_text(self.body_en, &a.body);
        }
        d.add_text(self.body_exact, &a.body);
        if let Some(p) = a.published {
            d.add_i64(self.published, p.timestamp());
            d.add_text(self.published_text, p.to_rfc3339());
        }
        for au in &a.authors {
            d.add_text(self.author, au);
        }
        if let Some(w) = &a.wire {
            d.add_text(self.wire, w);
        }
        if let Some(dl) = &a.dateline {
            d.add_text(self.dateline, dl);
        }
        d.add_text(self.lang, &a.lang);
        for c in &a.captions {
            d.add_text(self.caption, c);
        }
        for (field, names) in [
            (self.person, &a.entities.person),
            (self.place, &a.entities.place),
            (self.org, &a.entities.org),
        ] {
            for n in names {
                d.add_text(field, n);
            }
        }
        d
    }

    /// Rebuilds an article (and the paths it was read from) from a stored document.
    pub fn to_article(&self, d: &TantivyDocument) -> (Article, Vec<String>) {
        let one = |f: Field| first_str(d, f).unwrap_or_default();
        let many = |f: Field| all_str(d, f);
        let paths = many(self.path);
        let a = Article {
            id: one(self.id),
            path: paths.first().cloned().unwrap_or_default(),
            url: first_str(d, self.url),
            source: one(self.source),
            title: one(self.title),
            published: first_str(d, self.published_text)
                .and_then(|s| DateTime::parse_from_rfc3339(&s).ok()),
            authors: many(self.author),
            wire: first_str(d, self.wire),
            dateline: first_str(d, self.dateline),
            lang: one(self.lang),
            body: one(self.body),
            captions: many(self.caption),
            entities: Entities {
                person: many(self.person),
                place: many(self.place),
                org: many(self.org),
            },
        };
        (a, paths)
    }
}

/// The first string value of a field in a stored document.
pub fn first_str(d: &TantivyDocument, f: Field) -> Option<String> {
    d.get_first(f).and_then(|v| v.as_str()).map(str::to_string)
}

/// Every string value of a field in a stored document.
pub fn all_str(d: &TantivyDocument, f: Field) -> Vec<String> {
    d.get_all(f)
        .filter_map(|v| v.as_str())
        .map(str::to_string)
        .collect()
}

/// The first value of a numeric field.
pub fn first_num(d: &TantivyDocument, f: Field) -> Option<i128> {
    let v: OwnedValue = d.get_first(f)?.into();
    match v {
        OwnedValue::U64(n) => Some(n as i128),
        OwnedValue::I64(n) => Some(n as i128),
        _ => None,
    }
}
