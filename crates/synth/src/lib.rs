//! homeward-synth
