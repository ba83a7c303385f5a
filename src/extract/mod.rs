//! Field extraction shared by every input format: dates and times in the forms
//! Indonesian and English news use, datelines, bylines and author names, outlet names,
//! photo captions and credits, "read also" furniture, and site names around titles.
//! Each rule is written once here and called by text dumps, HTML, JSON, CSV and SGML.

pub mod authors;
pub mod captions;
pub mod datelines;
pub mod dates;
pub mod furniture;
pub mod outlets;
pub mod places;
pub mod titles;

/// Ends like a sentence (or a quote, or a parenthesis).
pub fn ends_sentence(text: &str) -> bool {
    text.ends_with(['.', '!', '?', '"', '”', '\'', '’', ')'])
}
