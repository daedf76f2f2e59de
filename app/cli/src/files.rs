//! How the command line reads a file named on it: at most
//! `archbook_core::read::MAX_BYTES` (so `/dev/zero` is refused, not read
//! for ever; a pipe such as `<(cat x)` is read like a file), under the same
//! reading rule as the app (a UTF-8 byte order mark is fine, invalid bytes
//! are refused with where they are). Files found in a folder are only read
//! when they are plain files (`import`).

use std::io::Read;
use std::path::Path;

use crate::output::plain;

/// The text of `path`, or a message that names the file and says why not.
pub fn read_text(path: &Path) -> Result<String, String> {
    let name = plain(&path.display().to_string());
    let cannot = |e: &dyn std::fmt::Display| format!("archbook: cannot read {name}: {e}\n");
    let meta = std::fs::metadata(path).map_err(|e| cannot(&e))?;
    if meta.is_dir() {
        return Err(cannot(&"it is a folder, not a file"));
    }
    if meta.is_file() {
        archbook_core::read::check_size(meta.len()).map_err(|e| cannot(&e))?;
    }
    let file = std::fs::File::open(path).map_err(|e| cannot(&e))?;
    let mut bytes = Vec::new();
    file.take(archbook_core::read::MAX_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| cannot(&e))?;
    archbook_core::read::text(&bytes)
        .map(str::to_owned)
        .map_err(|e| cannot(&e))
}
