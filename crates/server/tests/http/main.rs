//! The HTTP API and the web UI, driven through the router: one test binary
//! for all of them, so the server and its dependencies are linked once
//! rather than sixteen times. `logs.rs` and `observe.rs` stay binaries of
//! their own: one installs per-thread log subscribers, the other reads the
//! process-wide metrics recorder, and tests beside them would disturb both.
//!
//! Run one area with `cargo test -p homeward-server --test http ui_trips::`.

#[path = "../api_support/mod.rs"]
mod api_support;
mod ui_support;

mod api_auth;
mod api_children;
mod api_errors;
mod api_imports;
mod api_matches;
mod api_transit;
mod api_values;
mod api_writes;
mod authz_matrix;
mod exports;
mod guards;
mod ui_casework;
mod ui_pages;
mod ui_records;
mod ui_trips;
mod ui_workflows;
