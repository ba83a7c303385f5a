//! Field extraction shared by every input format: dates and times in the forms
//! Indonesian and English news use, outlet names, and photo captions and credits.

pub mod captions;
pub mod dates;
pub mod furniture;
pub mod outlets;
pub mod places;
