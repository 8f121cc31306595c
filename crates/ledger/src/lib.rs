//! homeward-ledger
