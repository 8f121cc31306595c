//! homeward-domain
