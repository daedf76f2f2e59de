//! The only module that touches browser storage.
//!
//! Layout in `localStorage`:
//! - `archbook.index`: the [`Library`] (which workbooks exist, which is open);
//! - `archbook.workbook.<id>`: one workbook file each, exactly as exported;
//! - `archbook.backup.<original key>[.<n>]`: data that could not be read,
//!   kept byte for byte and never overwritten;
//! - `archbook.theme`: "light" or "dark" when the user chose one over the
//!   system setting (public/pwa.js reads it before the page paints).
//!
//! Rules: data that cannot be read is copied to a backup key before anything
//! else happens to it, and its original key is removed only once the backup
//! is written. A refused write (quota, private mode) is reported, never hidden.

use archbook_core::library::{Library, INDEX_VERSION};
use archbook_core::markdown::capitalise;
use archbook_core::{load, LoadError, ProblemKind, Workbook};
use wasm_bindgen::JsCast;
use web_sys::Storage;

pub const INDEX_KEY: &str = "archbook.index";
pub const WORKBOOK_PREFIX: &str = "archbook.workbook.";
pub const BACKUP_PREFIX: &str = "archbook.backup.";
pub const THEME_KEY: &str = "archbook.theme";

/// The theme the user chose, if any.
pub fn theme() -> Option<String> {
    storage().ok()?.get_item(THEME_KEY).ok().flatten()
}

/// Remembers the chosen theme; a refused write only loses the preference.
pub fn save_theme(theme: &str) {
    if let Ok(s) = storage() {
        let _ = s.set_item(THEME_KEY, theme);
    }
}

fn storage() -> Result<Storage, String> {
    web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .ok_or_else(|| "This browser does not allow this page to store data.".to_owned())
}

fn workbook_key(id: &str) -> String {
    format!("{WORKBOOK_PREFIX}{id}")
}

/// Something stored that could not be read, now kept under `backup_key`.
#[derive(Debug, Clone, PartialEq)]
pub struct Recovered {
    /// What it was: "the workbook list" or a workbook's title.
    pub what: String,
    pub backup_key: String,
    /// The first line of the explanation.
    pub summary: String,
    /// Every problem found, for the details.
    pub problems: Vec<String>,
    /// False when even the backup could not be written: the data then stays
    /// untouched under its original key.
    pub backed_up: bool,
}

/// What the app finds in storage when it starts.
pub struct Opened {
    pub library: Library,
    /// The workbook to show, when the library is not empty.
    pub current: Option<(String, Workbook)>,
    pub recovered: Vec<Recovered>,
    /// Set when storage is unavailable or refused a write during opening.
    pub warning: Option<String>,
}

/// Reads everything, moving unreadable data to backups. Never fails: at worst
/// it returns an empty library and a warning.
pub fn open(now: f64) -> Opened {
    let mut recovered = Vec::new();
    let store = match storage() {
        Ok(s) => s,
        Err(e) => {
            return Opened {
                library: Library::new(),
                current: None,
                recovered,
                warning: Some(e),
            }
        }
    };
    let mut warning = None;

    // 1. The index. When it is unreadable, keep it and rebuild from the workbooks.
    let mut library = match store.get_item(INDEX_KEY).ok().flatten() {
        None => Library::new(),
        Some(text) => match serde_json::from_str::<Library>(&text) {
            Ok(l) if l.version <= INDEX_VERSION => l,
            other => {
                let summary = match other {
                    Ok(l) => format!(
                        "The workbook list was saved by a newer Archbook (index version {}).",
                        l.version
                    ),
                    Err(e) => format!("The workbook list is damaged ({e})."),
                };
                recovered.push(back_up(
                    &store,
                    INDEX_KEY,
                    &text,
                    "the workbook list",
                    summary,
                    vec![],
                ));
                Library::new()
            }
        },
    };
    let before = library.clone();

    // 2. Every stored workbook: unreadable ones go to backups, unlisted ones are listed again.
    let mut keys = Vec::new();
    for i in 0..store.length().unwrap_or(0) {
        if let Ok(Some(k)) = store.key(i) {
            if let Some(id) = k.strip_prefix(WORKBOOK_PREFIX) {
                keys.push(id.to_owned());
            }
        }
    }
    let current_id = library.current.clone();
    let mut current = None;
    for id in &keys {
        let Some(text) = store.get_item(&workbook_key(id)).ok().flatten() else {
            continue;
        };
        match load(&text) {
            Ok(wb) => {
                if !library.contains(id) {
                    library.touch(id, wb.display_title(), now);
                }
                if current_id.as_deref() == Some(id.as_str()) {
                    current = Some((id.clone(), wb));
                }
            }
            Err(err) => {
                let what = library
                    .get(id)
                    .map(|e| format!("the workbook \"{}\"", e.title))
                    .unwrap_or_else(|| "a stored workbook".to_owned());
                recovered.push(back_up_workbook(&store, id, &text, what, &err));
                library.remove(id);
            }
        }
    }
    // 3. Listed workbooks whose data is gone cannot be opened: drop them.
    library.workbooks.retain(|e| keys.contains(&e.id));

    // 4. The open workbook: the one that was open, else the most recent.
    if current.is_none() {
        let id = library
            .current
            .clone()
            .filter(|c| library.contains(c))
            .or_else(|| library.by_recent().first().map(|e| e.id.clone()));
        if let Some(id) = id {
            if let Ok(wb) = read_workbook(&id) {
                current = Some((id, wb));
            }
        }
    }
    library.current = current.as_ref().map(|(id, _)| id.clone());
    if library != before {
        if let Err(e) = save_library(&library) {
            warning = Some(e);
        }
    }
    Opened {
        library,
        current,
        recovered,
        warning,
    }
}

fn back_up_workbook(
    store: &Storage,
    id: &str,
    text: &str,
    what: String,
    err: &LoadError,
) -> Recovered {
    let summary = match err.kind() {
        ProblemKind::NewerVersion => format!(
            "{} was saved by a newer version of Archbook, so this version cannot open it.",
            capitalise(&what)
        ),
        _ => format!("{} could not be read. {}", capitalise(&what), err.summary()),
    };
    let problems = err.problems.iter().map(|p| p.to_string()).collect();
    let r = back_up(store, &workbook_key(id), text, &what, summary, problems);
    if r.backed_up {
        // The bytes are safe under the backup key; only now drop the original.
        let _ = store.remove_item(&workbook_key(id));
    }
    r
}

/// Copies `text` to a fresh backup key (never an existing one).
fn back_up(
    store: &Storage,
    key: &str,
    text: &str,
    what: &str,
    summary: String,
    problems: Vec<String>,
) -> Recovered {
    let base = format!("{BACKUP_PREFIX}{key}");
    let mut backup_key = base.clone();
    let mut n = 2;
    while store.get_item(&backup_key).ok().flatten().is_some() {
        backup_key = format!("{base}.{n}");
        n += 1;
    }
    let backed_up = store.set_item(&backup_key, text).is_ok();
    Recovered {
        what: what.to_owned(),
        backup_key,
        summary,
        problems,
        backed_up,
    }
}

/// Reads one workbook.
pub fn read_workbook(id: &str) -> Result<Workbook, String> {
    let store = storage()?;
    let text = store
        .get_item(&workbook_key(id))
        .ok()
        .flatten()
        .ok_or_else(|| "This workbook is no longer stored in this browser.".to_owned())?;
    load(&text).map_err(|e| e.to_string())
}

/// The stored text of one workbook, as it is.
pub fn read_workbook_text(id: &str) -> Option<String> {
    storage().ok()?.get_item(&workbook_key(id)).ok().flatten()
}

/// The stored list of workbooks, when it can be read (another tab wrote it).
pub fn read_library() -> Option<Library> {
    let text = storage().ok()?.get_item(INDEX_KEY).ok().flatten()?;
    serde_json::from_str::<Library>(&text)
        .ok()
        .filter(|l| l.version <= INDEX_VERSION)
}

/// Writes one workbook (already serialized with `archbook_core::to_json`).
pub fn save_workbook(id: &str, json: &str) -> Result<(), String> {
    write(&workbook_key(id), json)
}

pub fn save_library(library: &Library) -> Result<(), String> {
    write(
        INDEX_KEY,
        &serde_json::to_string(library).expect("the index serializes"),
    )
}

pub fn delete_workbook(id: &str) -> Result<(), String> {
    storage()?
        .remove_item(&workbook_key(id))
        .map_err(|_| "The browser refused to delete the workbook.".to_owned())
}

/// The raw bytes under a key, for downloading a backup.
pub fn read_raw(key: &str) -> Option<String> {
    storage().ok()?.get_item(key).ok().flatten()
}

fn write(key: &str, value: &str) -> Result<(), String> {
    storage()?.set_item(key, value).map_err(|e| {
        let name = e
            .dyn_ref::<web_sys::DomException>()
            .map(|d| d.name())
            .unwrap_or_default();
        if name.contains("Quota") {
            "The browser's storage for this page is full.".to_owned()
        } else {
            "The browser refused to store the data.".to_owned()
        }
    })
}
