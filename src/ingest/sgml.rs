//! TODO: sgml parser (see issue 3).

use super::Parsed;
use anyhow::{bail, Result};
use std::path::Path;

pub fn parse(_text: &str, _path: &Path) -> Result<Parsed> {
    bail!("sgml files are not supported yet")
}
