//! `homeward gen`: synthetic left/right/truth lists for tests and benchmarks.
