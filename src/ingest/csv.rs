//! CSV and TSV exports with a header row (the `csv` crate: quoted fields, newlines
//! inside quotes, ragged rows). Columns are mapped by `fields`, a separate time column
//! is joined to the date column, and bodies exported with their paragraphs joined by
//! commas (`...akhir kalimat.,Paragraf baru`) are split back into paragraphs.

use super::fields::{self, Record, Role, Skips};
use super::Parsed;
use crate::extract::{dates, furniture};
use anyhow::{bail, Result};
use regex::Regex;
use std::path::Path;
use std::sync::LazyLock;

pub fn parse(text: &str, _path: &Path, delimiter: u8) -> Result<Parsed> {
    let mut reader = ::csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .has_headers(true)
        .from_reader(text.as_bytes());
    let headers = match reader.headers() {
        Ok(h) => h.clone(),
        Err(e) => bail!("cannot read the header row ({e})"),
    };
    let roles: Vec<Option<Role>> = headers
        .iter()
        .map(|h| fields::role_of(h).map(|r| r.0))
        .collect();
    if !roles
        .iter()
        .any(|r| matches!(r, Some(Role::Title | Role::Body | Role::Summary)))
    {
        let names: Vec<&str> = headers.iter().take(8).collect();
        bail!(
            "no title or text column in the header row ({})",
            names.join(", ")
        );
    }
    let mut parsed = Parsed::default();
    let mut skips = Skips::default();
    let mut lines = LineCounter::default();
    for row in reader.records() {
        let row = match row {
            Ok(r) => r,
            Err(e) => {
                let line = e
                    .position()
                    .map(|p| lines.line_at(text, p.byte()))
                    .unwrap_or(0);
                skips.add(
                    &format!("line {line}"),
                    "unreadable row",
                    &format!(" ({e})"),
                );
                continue;
            }
        };
        let line = row
            .position()
            .map(|p| lines.line_at(text, p.byte()))
            .unwrap_or(0);
        let mut rec = Record::default();
        for ((name, role), cell) in headers.iter().zip(&roles).zip(row.iter()) {
            let cell = match role {
                Some(Role::Body | Role::Summary) => split_joined_paragraphs(cell),
                _ => cell.trim().to_string(),
            };
            rec.add(name, fields::Value::Text(cell));
        }
        match rec.into_article(dates::wib()) {
            Ok(a) => parsed.articles.push(a),
            Err(reason) => skips.add(&format!("line {line}"), &reason, ""),
        }
    }
    parsed.warnings.extend(skips.warnings());
    Ok(parsed)
}

/// Line numbers of byte offsets that only grow (the csv crate miscounts CRLF files).
#[derive(Default)]
struct LineCounter {
    byte: usize,
    line: usize,
}

impl LineCounter {
    fn line_at(&mut self, text: &str, byte: u64) -> usize {
        let mut byte = (byte as usize).min(text.len());
        // After a CRLF the reported start is the LF; rows never start with a line break.
        while matches!(text.as_bytes().get(byte), Some(b'\r' | b'\n')) {
            byte += 1;
        }
        if byte < self.byte {
            *self = LineCounter::default();
        }
        let newlines = text.as_bytes()[self.byte..byte]
            .iter()
            .filter(|b| **b == b'\n')
            .count();
        self.line += newlines;
        self.byte = byte;
        self.line + 1
    }
}

/// A comma run right after the end of a sentence and right before (no space) the
/// start of the next paragraph: how some exports join a list of paragraphs into one
/// cell. Ordinary commas are followed by a space, and `S.H., M.H.` stays whole.
static JOIN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"([.!?;"”’)…])\s*,+(["“‘(\[#]?[\p{Lu}\d])"#).unwrap());
/// Runs of commas left where embedded posts or links were dropped.
static COMMA_RUN: LazyLock<Regex> = LazyLock::new(|| Regex::new(r",{2,}").unwrap());

/// Splits a body cell whose paragraphs were joined with commas; leaves other text as is.
pub fn split_joined_paragraphs(cell: &str) -> String {
    let cell = cell.trim();
    // Export leftovers at the start: ` - `, `,,,`, `-,` where the dateline link was.
    let cell =
        cell.trim_start_matches(|c: char| c == ',' || c == '-' || c == '–' || c.is_whitespace());
    if cell.contains("\n\n") {
        return cell.to_string();
    }
    let split = JOIN.replace_all(cell, "$1\n\n$2");
    let split = furniture::split_comma_joined(&split);
    let mut paras: Vec<String> = Vec::new();
    for p in split.split("\n\n") {
        // Paragraph breaks after an empty embed: `...kata dia.,,,,Lalu` is handled above;
        // here a leading or trailing comma run is just debris.
        let p = p.trim_matches(|c: char| c == ',' || c.is_whitespace());
        let p = COMMA_RUN.replace_all(p, ",");
        if p.is_empty() || p.eq_ignore_ascii_case("loading...") {
            continue;
        }
        // Keep what follows the linked headline: `Baca juga: Judul,Kalimat berikut.`
        if let Some((link, rest)) = furniture::split_comma_joined_headline(&p) {
            paras.push(link.to_string());
            paras.push(rest.to_string());
            continue;
        }
        paras.push(p.into_owned());
    }
    paras.join("\n\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comma_joined_paragraphs_are_split() {
        let cell = r#" - Warga berkumpul di alun-alun.,Mereka menunggu bupati, lalu pulang.,"Kami kecewa," kata Ani.,,,,Acara batal."#;
        assert_eq!(
            split_joined_paragraphs(cell),
            "Warga berkumpul di alun-alun.\n\nMereka menunggu bupati, lalu pulang.\n\n\"Kami kecewa,\" kata Ani.\n\nAcara batal."
        );
    }

    #[test]
    fn decimals_and_plain_commas_stay() {
        let cell =
            "Inflasi 3,5 persen, naik dari 2,9 persen. Kata Ani Lestari, S.H., M.H., hari ini.";
        assert_eq!(split_joined_paragraphs(cell), cell);
    }

    #[test]
    fn read_also_headline_is_cut_from_the_next_paragraph() {
        let cell = "Kilang diserang.,Baca juga: , Tuding , Dalang Serangan Kilang,Kuwait juga menyelidiki.";
        let body = fields::clean_body(&split_joined_paragraphs(cell));
        assert_eq!(body, "Kilang diserang.\n\nKuwait juga menyelidiki.");
    }

    #[test]
    fn read_also_joined_mid_paragraph_is_cut_out() {
        let cell = "Dia sering berlatih di sirkuit itu,Baca juga,“Trek ini istimewa,” katanya.,Tandasnya,Baca Juga :,Baca Juga :,Ketua DPRD angkat bicara.";
        let body = fields::clean_body(&split_joined_paragraphs(cell));
        assert_eq!(
            body,
            "Dia sering berlatih di sirkuit itu\n\n“Trek ini istimewa,” katanya.\n\nTandasnya\n\nKetua DPRD angkat bicara."
        );
    }

    #[test]
    fn rows_become_articles_with_date_and_time() {
        let text = "title,source,date,time,content,url\nJudul,contoh.com,10-Sep-19,23:04,\"Isi satu.,Isi dua.\",https://contoh.com/a\n,contoh.com,-,-,,\n";
        let p = parse(text, Path::new("a.csv"), b',').unwrap();
        assert_eq!(p.articles.len(), 1);
        let a = &p.articles[0];
        assert_eq!(
            a.published.map(|d| d.to_rfc3339()).as_deref(),
            Some("2019-09-10T23:04:00+07:00")
        );
        assert_eq!(a.body, "Isi satu.\n\nIsi dua.");
        assert_eq!(p.warnings, vec!["line 3: no title or text"]);
    }

    #[test]
    fn line_numbers_count_crlf_and_quoted_newlines() {
        let text = "title,content\r\na,\"x\n\ny\"\r\n,\r\nb,z\r\n,\r\n";
        let p = parse(text, Path::new("a.csv"), b',').unwrap();
        assert_eq!(
            p.warnings,
            vec!["line 5: no title or text", "line 7: no title or text"]
        );
    }

    #[test]
    fn header_without_text_columns_is_an_error() {
        let e = parse("a,b\n1,2\n", Path::new("a.csv"), b',')
            .unwrap_err()
            .to_string();
        assert!(e.contains("no title or text column"), "{e}");
    }
}
