//! The only module that touches browser storage: `localStorage` as a core
//! [`Store`], and the calls the app makes through it. The layout of the keys
//! and every rule about unreadable data live in `archbook_core::store`.

use archbook_core::library::Library;
use archbook_core::store::{self, Refused, Store, THEME_KEY};
use archbook_core::Workbook;
use wasm_bindgen::JsCast;

pub use archbook_core::store::{Opened, INDEX_KEY, WORKBOOK_PREFIX};

/// The page's `localStorage`.
struct Local(web_sys::Storage);

impl Store for Local {
    fn get(&self, key: &str) -> Option<String> {
        self.0.get_item(key).ok().flatten()
    }

    fn set(&mut self, key: &str, value: &str) -> Result<(), Refused> {
        self.0.set_item(key, value).map_err(|e| {
            let quota = e
                .dyn_ref::<web_sys::DomException>()
                .is_some_and(|d| d.name().contains("Quota"));
            if quota {
                Refused::Quota
            } else {
                Refused::Other
            }
        })
    }

    fn remove(&mut self, key: &str) -> Result<(), Refused> {
        self.0.remove_item(key).map_err(|_| Refused::Other)
    }

    fn keys(&self) -> Vec<String> {
        (0..self.0.length().unwrap_or(0))
            .filter_map(|i| self.0.key(i).ok().flatten())
            .collect()
    }
}

const UNAVAILABLE: &str = "This browser does not allow this page to store data.";

fn local() -> Result<Local, String> {
    web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .map(Local)
        .ok_or_else(|| UNAVAILABLE.to_owned())
}

/// The theme the user chose, if any.
pub fn theme() -> Option<String> {
    local().ok()?.get(THEME_KEY)
}

/// Remembers the chosen theme; a refused write only loses the preference.
pub fn save_theme(theme: &str) {
    if let Ok(mut s) = local() {
        let _ = s.set(THEME_KEY, theme);
    }
}

/// Reads everything, moving unreadable data to backups (`store::open`).
pub fn open(now: f64) -> Opened {
    match local() {
        Ok(mut s) => store::open(&mut s, now),
        Err(e) => Opened {
            library: Library::new(),
            current: None,
            recovered: vec![],
            warning: Some(e),
        },
    }
}

pub fn read_workbook(id: &str) -> Result<Workbook, String> {
    store::read_workbook(&local()?, id)
}

/// The stored text of one workbook, as it is.
pub fn read_workbook_text(id: &str) -> Option<String> {
    local().ok()?.get(&store::workbook_key(id))
}

/// The stored list of workbooks, when it can be read (another tab wrote it).
pub fn read_library() -> Option<Library> {
    store::read_library(&local().ok()?)
}

/// Writes one workbook (already serialized with `archbook_core::to_json`).
pub fn save_workbook(id: &str, json: &str) -> Result<(), String> {
    store::save_workbook(&mut local()?, id, json)
}

pub fn save_library(library: &Library) -> Result<(), String> {
    store::save_library(&mut local()?, library)
}

pub fn delete_workbook(id: &str) -> Result<(), String> {
    store::delete_workbook(&mut local()?, id)
}

/// The raw bytes under a key, for downloading a backup.
pub fn read_raw(key: &str) -> Option<String> {
    local().ok()?.get(key)
}
