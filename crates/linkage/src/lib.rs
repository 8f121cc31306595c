//! homeward-linkage
