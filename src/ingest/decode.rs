//! From raw bytes to text: gzip is unpacked, binary and empty files are refused,
//! UTF-8 (with or without BOM) is taken as is, anything else is decoded as
//! Windows-1252 with a warning, and double-encoding mojibake is repaired.

use anyhow::{bail, Result};
use std::io::Read;
use std::path::Path;

/// Decoded text of one file.
#[derive(Debug)]
pub struct Decoded {
    pub text: String,
    /// True when the bytes were gzip-compressed.
    pub gzipped: bool,
    /// A warning to report (e.g. the encoding that was assumed).
    pub warning: Option<String>,
}

impl Decoded {
    /// The file name to detect the format from: `a.jsonl.gz` reads as `a.jsonl`.
    pub fn name_hint(&self, path: &Path) -> String {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        match name.strip_suffix(".gz") {
            Some(inner) if self.gzipped => inner.to_string(),
            _ => name,
        }
    }
}

/// Decodes the bytes of one file, or says in a few words why it cannot be read.
pub fn decode(bytes: Vec<u8>) -> Result<Decoded> {
    let mut bytes = bytes;
    let mut gzipped = false;
    if bytes.starts_with(&[0x1f, 0x8b]) {
        let mut out = Vec::new();
        let limit = super::MAX_FILE_BYTES + 1;
        let mut reader = flate2::read::MultiGzDecoder::new(&bytes[..]).take(limit);
        if let Err(e) = reader.read_to_end(&mut out) {
            bail!("truncated or corrupt gzip ({e})");
        }
        bytes = out;
        gzipped = true;
    }
    if bytes.len() as u64 > super::MAX_FILE_BYTES {
        bail!(
            "file too large ({} MB, limit {} MB)",
            bytes.len() >> 20,
            super::MAX_FILE_BYTES >> 20
        );
    }
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        bail!("empty file");
    }
    let head = &bytes[..bytes.len().min(8192)];
    if head.contains(&0) {
        bail!("binary file");
    }
    let (text, warning) = match String::from_utf8(bytes) {
        Ok(s) => (s, None),
        Err(e) => {
            let bytes = e.into_bytes();
            let (cow, _, _) = encoding_rs::WINDOWS_1252.decode(&bytes);
            (
                cow.into_owned(),
                Some("not valid UTF-8, read as Windows-1252".to_string()),
            )
        }
    };
    let text = text
        .strip_prefix('\u{feff}')
        .map(str::to_string)
        .unwrap_or(text);
    Ok(Decoded {
        text,
        gzipped,
        warning,
    })
}
