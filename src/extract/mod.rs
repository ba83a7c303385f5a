//! Field extraction shared by every input format: dates and times in the forms
//! Indonesian and English news use, and outlet names.

pub mod dates;
pub mod outlets;
