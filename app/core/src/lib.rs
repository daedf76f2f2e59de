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
pub mod import;
mod labelled;
pub mod library;
pub mod limits;
pub(crate) mod load;
pub mod markdown;
mod mdblocks;
pub mod merge;
mod migrate;
pub mod pitfall;
pub mod read;
pub mod session;
pub mod share;
pub mod slug;
pub mod store;
pub mod text;
pub mod workbook;

pub use limits::{MAX_EDGES, MAX_NODES};
pub use load::{
    check_date, load, load_stored, load_value, load_with_warnings, thousands, to_json, LoadError,
    Loaded, Problem, ProblemKind,
};
pub use workbook::*;
