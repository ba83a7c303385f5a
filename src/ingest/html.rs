//! TODO: html parser (see issue 3).

use super::Parsed;
use anyhow::{bail, Result};
use std::path::Path;

pub fn parse(_text: &str, _path: &Path) -> Result<Parsed> {
    bail!("html files are not supported yet")
}
