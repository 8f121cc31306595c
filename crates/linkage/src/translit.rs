//! translit
