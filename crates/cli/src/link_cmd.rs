//! `homeward link` and `homeward dedupe`: CSV in, CSV out, around the linkage engine.
