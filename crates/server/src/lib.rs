//! homeward-server
