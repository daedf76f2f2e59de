//! Archbook's core: the workbook model and everything that can be computed from
//! it without a browser or a file system.
//!
//! Invariant: this crate never depends on `leptos`, `web-sys`, `js-sys`,
//! `wasm-bindgen`, `gloo` or any other browser crate, and does no I/O. The
//! `purity` test in `app/core/tests` enforces the dependency part.

pub mod analysis;
pub mod canvas;
pub mod checklist;
pub mod content;
pub mod context;
pub mod export;
pub mod library;
mod load;
pub mod markdown;
mod mdblocks;
mod migrate;
pub mod pitfall;
pub mod share;
pub mod workbook;

pub use load::{load, load_value, to_json, LoadError, Problem, ProblemKind};
pub use workbook::*;
