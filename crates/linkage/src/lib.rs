//! homeward-linkage: record linkage across scripts. No IO.

pub mod dates;
pub mod names;
pub mod normalize;
pub mod places;
pub mod translit;
