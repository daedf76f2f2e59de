//! Loaders of the core code that lives in lazily loaded wasm chunks
//! (scripts/build-wasm.mjs splits them off at these `#[wasm_split]` points):
//! each returns the function once its chunk has arrived.

use archbook_core::import::drift::Drift;
use archbook_core::import::{ImportError, Imported, Source};
use archbook_core::Graph;

/// What a `#[wasm_split]` loader returns.
pub type SplitResult<T> = Result<T, leptos::wasm_split::SplitLoaderError>;

type Incoming = fn(&str) -> Result<archbook_core::Loaded, archbook_core::LoadError>;

// Reading a file from elsewhere (warnings need the checklists) loads with
// the first import.
#[leptos::wasm_split::wasm_split(import, wasm_split_path = ::leptos::wasm_split, fallible)]
pub fn incoming_reader() -> Result<Incoming, leptos::wasm_split::SplitLoaderError> {
    Ok(archbook_core::content::read_incoming)
}

type Importer = fn(&[Source], &str) -> Result<Imported, ImportError>;
type Comparer = fn(&Graph, &Graph) -> Drift;

#[leptos::wasm_split::wasm_split(manifests, wasm_split_path = ::leptos::wasm_split, fallible)]
pub fn importer() -> Result<Importer, leptos::wasm_split::SplitLoaderError> {
    Ok(archbook_core::import::import)
}

#[leptos::wasm_split::wasm_split(manifests, wasm_split_path = ::leptos::wasm_split, fallible)]
pub fn comparer() -> Result<Comparer, leptos::wasm_split::SplitLoaderError> {
    Ok(archbook_core::import::drift::compare)
}

/// Imports files already read, in the importer's chunk.
pub async fn import_files(read: &[(String, String)], title: &str) -> Result<Imported, String> {
    let import = importer()
        .await
        .map_err(|_| "The part of the app that reads these files did not load; check the connection and reload.".to_owned())?;
    let sources: Vec<Source> = read
        .iter()
        .map(|(name, text)| Source { name, text })
        .collect();
    import(&sources, title).map_err(|e| e.to_string())
}
