//! warta: a searchable local archive of news dumps.
//!
//! Data flows one way. `pipeline` runs the stages of indexing: `ingest` walks and
//! reads files into [`article::Article`]s (with the shared rules of `extract` and the
//! tokenizer of `analysis`), `entities` enriches them, `index` stores them in tantivy.
//! `search`, `aggregate` and `stats` read them back, `output` prints, `serve` answers
//! HTTP, and `cli`/`commands` wire it up.

pub mod aggregate;
pub mod alloc;
pub mod analysis;
pub mod article;
pub mod cli;
pub mod commands;
pub mod entities;
pub mod extract;
pub mod index;
pub mod ingest;
pub mod output;
pub mod panics;
pub mod pipeline;
pub mod search;
pub mod serve;
pub mod stats;
