//! Ingest: from files on disk to finished articles. Walks folders, decodes bytes
//! (gzip, encodings), decides each file's format by extension and content, hands it
//! to the format's parser and finishes every article (language, entities, id).
//!
//! A file that cannot be read becomes an `Err` with a one-line reason; records that
//! cannot be read inside a good file become warnings; nothing here panics on input.

pub mod csv;
pub mod decode;
pub mod fields;
pub mod html;
pub mod json;
pub mod json_repair;
pub mod sanity;
pub mod sgml;
pub mod text;

use crate::article::Article;
use anyhow::{bail, Result};
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// What one parser made of one file.
#[derive(Debug, Default)]
pub struct Parsed {
    pub articles: Vec<Article>,
    /// One line each, without the path (the caller adds it).
    pub warnings: Vec<String>,
}

/// The formats warta reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Html,
    Json,
    Jsonl,
    Csv,
    Tsv,
    Sgml,
}

/// Extensions read as plain-text dumps (files without an extension are read too).
const TEXT_EXTENSIONS: &[&str] = &["txt", "text"];

/// Files larger than this (after decompression) are skipped with a warning.
pub const MAX_FILE_BYTES: u64 = 512 * 1024 * 1024;

/// How to walk the given paths.
#[derive(Debug, Clone, Default)]
pub struct WalkOptions {
    /// A folder to leave out (the archive itself).
    pub exclude: Option<PathBuf>,
    /// Follow symbolic links wherever they lead. Without it, a link is followed only
    /// when its target lies inside one of the given paths: a link in a dump folder
    /// must not pull `/etc` or a private file into the archive.
    pub follow_links: bool,
}

/// Lists the files under the given paths, sorted, skipping hidden entries, the
/// excluded folder and links that lead outside the given paths. Paths that do not exist,
/// things that are not regular files (devices, FIFOs, sockets) and skipped links come
/// back as warnings.
pub fn walk(paths: &[PathBuf], opts: &WalkOptions) -> (Vec<PathBuf>, Vec<String>) {
    let exclude = opts.exclude.as_ref().and_then(|p| p.canonicalize().ok());
    let roots: Vec<PathBuf> = paths.iter().filter_map(|p| p.canonicalize().ok()).collect();
    let mut files = Vec::new();
    let skipped = std::cell::RefCell::new(Vec::new());
    for root in paths {
        if !root.exists() {
            skipped
                .borrow_mut()
                .push(format!("{}: no such file or folder", root.display()));
            continue;
        }
        let walker = walkdir::WalkDir::new(root).follow_links(true).into_iter();
        let walker = walker.filter_entry(|e| {
            let hidden = e.depth() > 0 && e.file_name().to_string_lossy().starts_with('.');
            let real = e.path().canonicalize();
            let excluded = match (&exclude, &real) {
                (Some(x), Ok(p)) => p.starts_with(x),
                _ => false,
            };
            if hidden || excluded {
                return false;
            }
            if e.path_is_symlink() && e.depth() > 0 && !opts.follow_links {
                let inside = real
                    .as_ref()
                    .is_ok_and(|p| roots.iter().any(|r| p.starts_with(r)));
                if !inside {
                    let target = real.map(|p| p.display().to_string()).unwrap_or_default();
                    skipped.borrow_mut().push(format!(
                        "{}: symbolic link to {target}, outside the folders being indexed: skipped (--follow-links follows it)",
                        e.path().display()
                    ));
                    return false;
                }
            }
            true
        });
        for entry in walker {
            match entry {
                Ok(e) if e.file_type().is_file() => files.push(e.into_path()),
                Ok(e) if !e.file_type().is_dir() => skipped.borrow_mut().push(format!(
                    "{}: not a regular file ({})",
                    e.path().display(),
                    kind_of(e.file_type())
                )),
                Ok(_) => {}
                Err(err) => {
                    let mut warnings = skipped.borrow_mut();
                    let p = err
                        .path()
                        .map(|p| p.display().to_string())
                        .unwrap_or_default();
                    warnings.push(format!("{p}: cannot read ({})", io_reason(&err)));
                }
            }
        }
    }
    files.sort();
    files.dedup();
    (files, skipped.into_inner())
}

/// What a file that is not a regular file is, in a few words.
fn kind_of(t: std::fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if t.is_fifo() {
        "a FIFO"
    } else if t.is_char_device() || t.is_block_device() {
        "a device"
    } else if t.is_socket() {
        "a socket"
    } else if t.is_symlink() {
        "a broken symbolic link"
    } else {
        "not a file"
    }
}

fn io_reason(err: &walkdir::Error) -> String {
    err.io_error()
        .map(|e| e.to_string())
        .unwrap_or_else(|| err.to_string())
}

/// The bytes of a regular file, read through the size limit (a device such as
/// `/dev/zero` never ends, and a FIFO may never give anything: both are refused).
pub fn read_bytes(path: &Path) -> Result<Vec<u8>> {
    use std::io::Read;
    let meta = std::fs::metadata(path).map_err(|e| anyhow::anyhow!("cannot read ({e})"))?;
    if !meta.is_file() {
        bail!("not a regular file ({})", kind_of(meta.file_type()));
    }
    let file = std::fs::File::open(path).map_err(|e| anyhow::anyhow!("cannot read ({e})"))?;
    let mut bytes = Vec::with_capacity(meta.len().min(MAX_FILE_BYTES) as usize);
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| anyhow::anyhow!("cannot read ({e})"))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(decode::too_large());
    }
    Ok(bytes)
}

/// Parses the bytes of one file (named `path`) into finished articles. A bug in a
/// parser (a panic) costs that one file, reported as a warning, never the run.
pub fn parse_bytes(path: &Path, bytes: Vec<u8>) -> Result<Parsed> {
    caught(|| parse_bytes_inner(path, bytes))
}

/// Runs one step on one file's content with a panic turned into that file's error: a
/// bug met on one odd file costs that file, reported as a warning, never the run.
pub fn caught<T>(step: impl FnOnce() -> Result<T>) -> Result<T> {
    crate::panics::catch(step).unwrap_or_else(|msg| {
        bail!("internal error while reading this file (a bug in warta, please report it: {msg})")
    })
}

fn parse_bytes_inner(path: &Path, bytes: Vec<u8>) -> Result<Parsed> {
    let decoded = decode::decode(bytes)?;
    let name = decoded.name_hint(path);
    let format = detect_format(&name, &decoded.text);
    if format == Format::Text {
        let ext = name
            .rsplit_once('.')
            .map(|(_, e)| e.to_lowercase())
            .unwrap_or_default();
        if !ext.is_empty() && !TEXT_EXTENSIONS.contains(&ext.as_str()) {
            bail!("not a news dump format (.{ext})");
        }
    }
    let mut parsed = match format {
        Format::Text => text::parse(&decoded.text, path)?,
        Format::Html => html::parse(&decoded.text, path)?,
        Format::Json => json::parse(&decoded.text, path, false)?,
        Format::Jsonl => json::parse(&decoded.text, path, true)?,
        Format::Csv => csv::parse(&decoded.text, path, b',')?,
        Format::Tsv => csv::parse(&decoded.text, path, b'\t')?,
        Format::Sgml => sgml::parse(&decoded.text, path)?,
    };
    if let Some(w) = decoded.warning {
        parsed.warnings.insert(0, w);
    }
    let path_str = path.display().to_string();
    parsed
        .articles
        .retain(|a| !a.body.trim().is_empty() || !a.title.trim().is_empty());
    let now = chrono::Utc::now();
    // Each article, and its part number when it was split (0: whole).
    let mut checked: Vec<(Article, usize)> = Vec::with_capacity(parsed.articles.len());
    for mut a in std::mem::take(&mut parsed.articles) {
        parsed.warnings.extend(sanity::check_date(&mut a, now));
        let (parts, warning) = sanity::split_oversized(a, sanity::MAX_ARTICLE_BYTES);
        let split = warning.is_some();
        parsed.warnings.extend(warning);
        checked.extend(
            parts
                .into_iter()
                .enumerate()
                .map(|(i, p)| (p, if split { i + 1 } else { 0 })),
        );
    }
    // A big export holds thousands of articles: finish them (language detection above
    // all) on every core, not only the one reading this file.
    checked.par_iter_mut().for_each(|(a, part)| {
        let _quiet = crate::panics::Quiet::new();
        a.path = path_str.clone();
        finish(a);
        a.id = sanity::part_id(&a.id, *part);
    });
    parsed.articles = checked.into_iter().map(|(a, _)| a).collect();
    if parsed.articles.is_empty() {
        bail!(
            "no article found{}",
            parsed
                .warnings
                .first()
                .map(|w| format!(" ({w})"))
                .unwrap_or_default()
        );
    }
    Ok(parsed)
}

/// Decides the format from the file name (without `.gz`) and, failing that, the content.
pub fn detect_format(name: &str, text: &str) -> Format {
    let lower = name.to_lowercase();
    let ext = lower.rsplit('.').next().unwrap_or("");
    match ext {
        "html" | "htm" | "xhtml" | "shtml" => return Format::Html,
        "json" => return Format::Json,
        "jsonl" | "ndjson" => return Format::Jsonl,
        "csv" => return Format::Csv,
        "tsv" | "tab" => return Format::Tsv,
        "sgm" | "sgml" => return Format::Sgml,
        _ => {}
    }
    let head: String = text
        .trim_start_matches('\u{feff}')
        .trim_start()
        .chars()
        .take(2048)
        .collect();
    let head_lower = head.to_lowercase();
    if head_lower.starts_with("<!doctype html") || head_lower.starts_with("<html") {
        Format::Html
    } else if TEXT_EXTENSIONS.contains(&ext) {
        // A text dump whose title starts with `[` or `{` is still a text dump.
        Format::Text
    } else if head_lower.contains("<reuters") {
        Format::Sgml
    } else if head.starts_with('[') {
        Format::Json
    } else if head.starts_with('{') {
        let first_line = text.trim_start().lines().next().unwrap_or("");
        if serde_json::from_str::<serde_json::Value>(first_line).is_ok() {
            Format::Jsonl
        } else {
            Format::Json
        }
    } else {
        Format::Text
    }
}

/// The steps every article goes through whatever its format: tidy fields, fill the
/// outlet from the URL when missing, detect the language, assign the id. (Entities are
/// the pipeline's next stage: `pipeline::enrich`.)
pub fn finish(a: &mut Article) {
    a.title = collapse_ws(&a.title);
    a.body = tidy_body(&a.body);
    a.authors = dedup_keep_order(
        a.authors
            .iter()
            .map(|s| collapse_ws(s))
            .filter(|s| !s.is_empty()),
    );
    if a.source.trim().is_empty() {
        if let Some(host) = a.url.as_deref().and_then(url_host) {
            a.source = host;
        }
    }
    a.source = crate::extract::outlets::display(&collapse_ws(&a.source));
    if a.lang.is_empty() {
        a.lang = crate::analysis::detect_lang(&format!("{}\n{}", a.title, a.body)).to_string();
    }
    if a.id.is_empty() {
        a.assign_id();
    }
}

/// Host of a URL without `www.`, e.g. `kompas.com`.
pub fn url_host(url: &str) -> Option<String> {
    let rest = url.split("://").nth(1)?;
    let host = rest.split(['/', '?', '#', ':']).next()?.to_lowercase();
    // The registrable domain: `bola.kompas.com` is Kompas.com, `news.detik.com` detik.com.
    let labels: Vec<&str> = host.split('.').filter(|l| !l.is_empty()).collect();
    let keep = if host.ends_with(".co.id") || host.ends_with(".or.id") || host.ends_with(".ac.id") {
        3
    } else {
        2
    };
    let host = labels[labels.len().saturating_sub(keep)..].join(".");
    (!host.is_empty()).then_some(host)
}

/// Collapses runs of white space to one space and trims.
pub fn collapse_ws(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Normalises a body to paragraphs separated by exactly one blank line.
pub fn tidy_body(body: &str) -> String {
    let body = body.replace("\r\n", "\n");
    body.split("\n\n")
        .map(|p| {
            p.lines()
                .map(collapse_ws)
                .filter(|l| !l.is_empty())
                .collect::<Vec<_>>()
                .join(" ")
        })
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}

fn dedup_keep_order(items: impl Iterator<Item = String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for i in items {
        if !out.iter().any(|o| o.eq_ignore_ascii_case(&i)) {
            out.push(i);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_by_extension_and_content() {
        assert_eq!(detect_format("a.HTML", ""), Format::Html);
        assert_eq!(
            detect_format("a.txt", "<!DOCTYPE html><html>"),
            Format::Html
        );
        assert_eq!(detect_format("a", "{\"a\":1}\n{\"a\":2}"), Format::Jsonl);
        assert_eq!(detect_format("a", "{\n\"a\":1}"), Format::Json);
        assert_eq!(detect_format("a.txt", "Judul\n\nIsi"), Format::Text);
        assert_eq!(
            detect_format("a.txt", "[Populer] Judul\n\nIsi"),
            Format::Text
        );
    }

    #[test]
    fn body_paragraphs_are_tidied() {
        assert_eq!(tidy_body("a  b\nc\n\n\n\n d "), "a b c\n\nd");
    }
}
