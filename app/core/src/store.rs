//! The storage rules: which keys hold what, how the app opens what it finds,
//! and how it keeps data it cannot read. The browser's `localStorage` and the
//! tests' [`MemoryStore`] both implement [`Store`]; the rules live here so
//! they are tested natively, every corruption case included.
//!
//! Layout:
//! - `archbook.index`: the [`Library`] (which workbooks exist, which is open);
//! - `archbook.workbook.<id>`: one workbook file each, exactly as exported;
//! - `archbook.backup.<original key>[.<n>]`: data that could not be read,
//!   kept byte for byte and never overwritten;
//! - `archbook.theme`: "light" or "dark" when the user chose one.
//!
//! Rules: data that cannot be read is copied to a backup key before anything
//! else happens to it, and its original key is removed only once the backup
//! is written. A refused write (quota, private mode) is reported, never hidden.

use std::collections::{BTreeMap, BTreeSet};

use crate::library::{Library, INDEX_VERSION};
use crate::load::{load_stored, LoadError, Problem, ProblemKind};
use crate::markdown::capitalise;
use crate::Workbook;

pub const INDEX_KEY: &str = "archbook.index";
pub const WORKBOOK_PREFIX: &str = "archbook.workbook.";
pub const BACKUP_PREFIX: &str = "archbook.backup.";
pub const THEME_KEY: &str = "archbook.theme";

/// Why a store refused a write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refused {
    /// The store is full.
    Quota,
    /// Anything else: private mode, storage switched off.
    Other,
}

impl Refused {
    pub fn message(self) -> &'static str {
        match self {
            Refused::Quota => "The browser's storage for this page is full.",
            Refused::Other => "The browser refused to store the data.",
        }
    }
}

/// A string key-value store, as `localStorage` is.
pub trait Store {
    fn get(&self, key: &str) -> Option<String>;
    fn set(&mut self, key: &str, value: &str) -> Result<(), Refused>;
    fn remove(&mut self, key: &str) -> Result<(), Refused>;
    /// Every key, in any order.
    fn keys(&self) -> Vec<String>;
}

/// A store in memory, with an optional capacity in bytes of keys and values
/// (as browsers count their quota) and a switch that refuses every write.
#[derive(Debug, Clone, Default)]
pub struct MemoryStore {
    pub entries: BTreeMap<String, String>,
    pub capacity: Option<usize>,
    pub read_only: bool,
}

impl MemoryStore {
    fn used(&self) -> usize {
        self.entries.iter().map(|(k, v)| k.len() + v.len()).sum()
    }
}

impl Store for MemoryStore {
    fn get(&self, key: &str) -> Option<String> {
        self.entries.get(key).cloned()
    }

    fn set(&mut self, key: &str, value: &str) -> Result<(), Refused> {
        if self.read_only {
            return Err(Refused::Other);
        }
        if let Some(capacity) = self.capacity {
            let freed = self.entries.get(key).map_or(0, |v| key.len() + v.len());
            if self.used() - freed + key.len() + value.len() > capacity {
                return Err(Refused::Quota);
            }
        }
        self.entries.insert(key.to_owned(), value.to_owned());
        Ok(())
    }

    fn remove(&mut self, key: &str) -> Result<(), Refused> {
        if self.read_only {
            return Err(Refused::Other);
        }
        self.entries.remove(key);
        Ok(())
    }

    fn keys(&self) -> Vec<String> {
        self.entries.keys().cloned().collect()
    }
}

pub fn workbook_key(id: &str) -> String {
    format!("{WORKBOOK_PREFIX}{id}")
}

/// One line of a message: a problem at a place in a file, or plain text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// A JSON path such as `$.graph.nodes[2].kind`.
    pub path: Option<String>,
    pub text: String,
}

impl Line {
    pub fn plain(text: impl Into<String>) -> Line {
        Line {
            path: None,
            text: text.into(),
        }
    }
}

impl From<&Problem> for Line {
    fn from(p: &Problem) -> Line {
        Line {
            path: Some(p.path.clone()),
            text: p.message.clone(),
        }
    }
}

/// Something stored that could not be read, now kept under `backup_key`.
#[derive(Debug, Clone, PartialEq)]
pub struct Recovered {
    /// The first line of the explanation.
    pub summary: String,
    /// Every problem found, for the details.
    pub problems: Vec<Line>,
    pub backup_key: String,
    /// False when even the backup could not be written: the data then stays
    /// untouched under its original key.
    pub backed_up: bool,
}

impl Recovered {
    /// What happened to the data, in words.
    pub fn outcome(&self) -> String {
        if self.backed_up {
            format!(
                "Nothing was deleted: the original data is kept in this browser under the key \"{}\". \
                 Download it to keep a copy or to repair it.",
                self.backup_key
            )
        } else {
            "The browser refused to make a backup, so the data was left exactly where it was."
                .to_owned()
        }
    }
}

/// What the app finds in storage when it starts.
#[derive(Debug, Clone, PartialEq)]
pub struct Opened {
    pub library: Library,
    /// The workbook to show, when the library is not empty.
    pub current: Option<(String, Workbook)>,
    pub recovered: Vec<Recovered>,
    /// Set when the store refused a write during opening.
    pub warning: Option<String>,
}

/// Reads everything, moving unreadable data to backups. Never fails: at worst
/// it returns an empty library and a warning.
///
/// 1. An index that cannot be read (damaged, or from a newer Archbook) is
///    backed up and rebuilt from the workbooks.
/// 2. A workbook that cannot be read is backed up, then removed; one the
///    index does not list is listed again.
/// 3. An index entry whose workbook is gone is dropped.
/// 4. The open workbook is the one that was open, else the most recent.
pub fn open(store: &mut impl Store, now: f64) -> Opened {
    let mut recovered = Vec::new();
    let mut library = match store.get(INDEX_KEY) {
        None => Library::new(),
        Some(text) => match read_index(&text) {
            Ok(l) => l,
            Err(summary) => {
                recovered.push(back_up(store, INDEX_KEY, &text, summary, vec![]));
                Library::new()
            }
        },
    };
    let before = library.clone();

    // In order of their ids, whatever order the store lists them in.
    // Inserted one by one: collecting sorts first, and a sort's code would
    // weigh on the web app's first load.
    let mut ids = BTreeSet::new();
    for key in store.keys() {
        if let Some(id) = key.strip_prefix(WORKBOOK_PREFIX) {
            ids.insert(id.to_owned());
        }
    }
    let mut readable = Vec::new();
    for id in ids {
        let Some(text) = store.get(&workbook_key(&id)) else {
            continue;
        };
        match load_stored(&text) {
            Ok(wb) => {
                if !library.contains(&id) {
                    library.touch(&id, wb.display_title(), now);
                }
                readable.push((id, wb));
            }
            Err(err) => {
                let what = library
                    .get(&id)
                    .map(|e| format!("the workbook \"{}\"", e.title))
                    .unwrap_or_else(|| "a stored workbook".to_owned());
                // Unlisted either way: when the backup was refused, the data
                // stays under its own key and is tried again next time.
                recovered.push(back_up_workbook(store, &id, &text, &what, &err));
                library.remove(&id);
            }
        }
    }
    library
        .workbooks
        .retain(|e| readable.iter().any(|(id, _)| *id == e.id));

    let wanted = library
        .current
        .clone()
        .filter(|c| readable.iter().any(|(id, _)| id == c))
        // Every listed workbook is readable by now.
        .or_else(|| library.most_recent().map(|e| e.id.clone()));
    let current = wanted.and_then(|id| readable.into_iter().find(|(r, _)| *r == id));
    library.current = current.as_ref().map(|(id, _)| id.clone());
    let warning = if library != before {
        save_library(store, &library).err()
    } else {
        None
    };
    Opened {
        library,
        current,
        recovered,
        warning,
    }
}

/// The index, when this version can read it; otherwise why not.
fn read_index(text: &str) -> Result<Library, String> {
    // Through a JSON value, as `load` reads: the first load then needs one
    // JSON text parser instead of a second one specialised for the index.
    let read: Result<Library, _> = serde_json::from_str::<serde_json::Value>(text)
        .and_then(|v| serde::Deserialize::deserialize(&v));
    match read {
        Ok(l) if l.version <= INDEX_VERSION => Ok(l),
        Ok(l) => Err(format!(
            "The workbook list was saved by a newer Archbook (index version {}).",
            l.version
        )),
        Err(e) => Err(format!("The workbook list is damaged ({e}).")),
    }
}

fn back_up_workbook(
    store: &mut impl Store,
    id: &str,
    text: &str,
    what: &str,
    err: &LoadError,
) -> Recovered {
    let summary = match err.kind() {
        ProblemKind::NewerVersion => format!(
            "{} was saved by a newer version of Archbook, so this version cannot open it.",
            capitalise(what)
        ),
        _ => format!("{} could not be read. {}", capitalise(what), err.summary()),
    };
    let problems = err.problems.iter().map(Line::from).collect();
    let key = workbook_key(id);
    let r = back_up(store, &key, text, summary, problems);
    if r.backed_up {
        // The bytes are safe under the backup key; only now drop the original.
        let _ = store.remove(&key);
    }
    r
}

/// Copies `text` to a fresh backup key (never an existing one).
fn back_up(
    store: &mut impl Store,
    key: &str,
    text: &str,
    summary: String,
    problems: Vec<Line>,
) -> Recovered {
    let base = format!("{BACKUP_PREFIX}{key}");
    let mut backup_key = base.clone();
    let mut n = 2;
    while store.get(&backup_key).is_some() {
        backup_key = format!("{base}.{n}");
        n += 1;
    }
    let backed_up = store.set(&backup_key, text).is_ok();
    Recovered {
        summary,
        problems,
        backup_key,
        backed_up,
    }
}

/// Reads one workbook.
pub fn read_workbook(store: &impl Store, id: &str) -> Result<Workbook, String> {
    let text = store
        .get(&workbook_key(id))
        .ok_or_else(|| "This workbook is no longer stored in this browser.".to_owned())?;
    load_stored(&text).map_err(|e| e.to_string())
}

/// The stored list of workbooks, when this version can read it.
pub fn read_library(store: &impl Store) -> Option<Library> {
    read_index(&store.get(INDEX_KEY)?).ok()
}

/// Writes one workbook (already serialized with [`crate::to_json`]).
pub fn save_workbook(store: &mut impl Store, id: &str, json: &str) -> Result<(), String> {
    store
        .set(&workbook_key(id), json)
        .map_err(|r| r.message().to_owned())
}

pub fn save_library(store: &mut impl Store, library: &Library) -> Result<(), String> {
    // Pretty, as workbooks are written: one JSON writer in the first load.
    let json = serde_json::to_string_pretty(library).expect("the index serializes");
    store
        .set(INDEX_KEY, &json)
        .map_err(|r| r.message().to_owned())
}

pub fn delete_workbook(store: &mut impl Store, id: &str) -> Result<(), String> {
    store
        .remove(&workbook_key(id))
        .map_err(|_| "The browser refused to delete the workbook.".to_owned())
}
