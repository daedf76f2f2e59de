//! The app's state and the operations on it: which workbook is open, the list
//! of workbooks, autosave, import and export, and the messages shown to the user.

use std::collections::HashMap;

use archbook_core::analysis::Report;
use archbook_core::canvas::History;
use archbook_core::checklist::Checklist;
use archbook_core::content::{builtin_checklists, check_custom};
use archbook_core::library::Library;
use archbook_core::{load_stored, to_json, CustomChecklist, Decision, Workbook};
use leptos::prelude::*;

use crate::platform::chunks::{self, SplitResult};
use crate::platform::{files, storage};
use archbook_core::session;
pub use archbook_core::store::Line;

pub use archbook_core::session::Step;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Success,
    Warning,
    Error,
}

/// A message to the user, shown until dismissed.
#[derive(Debug, Clone, PartialEq)]
pub struct Notice {
    pub id: u64,
    pub tone: Tone,
    pub title: String,
    /// One sentence under the title.
    pub lead: Option<String>,
    /// Problems, each at a JSON path or plain text.
    pub problems: Vec<Line>,
    /// What happened as a result ("Nothing was changed.").
    pub outcome: Option<String>,
    /// A stored backup the user can download from the notice.
    pub backup_key: Option<String>,
}

impl Notice {
    fn new(tone: Tone, title: impl Into<String>) -> Self {
        Notice {
            id: 0,
            tone,
            title: title.into(),
            lead: None,
            problems: vec![],
            outcome: None,
            backup_key: None,
        }
    }
}

/// Files read and imported, waiting for the team's approval.
#[derive(Clone)]
pub struct NewImport {
    pub files: Vec<String>,
    pub imported: archbook_core::import::Imported,
}

/// A question the user must confirm before something irreversible, or
/// before data arrives from elsewhere.
#[derive(Clone, Copy)]
pub struct Confirm {
    pub title: &'static str,
    pub body: Signal<String>,
    pub action: &'static str,
    /// Whether the action removes or replaces something (a red button).
    pub destructive: bool,
    pub on_confirm: Callback<()>,
}

/// The graph step's view as it was left.
#[derive(Clone, Debug)]
pub struct GraphView {
    pub workbook: String,
    /// How the view was set, and where it was.
    pub view: Option<(
        archbook_core::canvas::ViewMode,
        archbook_core::canvas::Viewport,
    )>,
    pub panels: bool,
}

/// Shared by every component through Leptos context.
#[derive(Clone, Copy)]
pub struct AppState {
    pub library: RwSignal<Library>,
    pub current_id: RwSignal<String>,
    pub workbook: RwSignal<Workbook>,
    pub step: RwSignal<Step>,
    /// The checklist open in the Decisions step, if any.
    pub decision: RwSignal<Option<String>>,
    /// The built-in and the workbook's own checklists, parsed on first use
    /// (see `checklists`), so that the parser loads with the steps that need it.
    checklists: StoredValue<Option<Memo<Vec<Checklist>>>>,
    /// The review of the open workbook, made on first use (see `report`).
    report: StoredValue<Option<Memo<Report>>>,
    /// The app's root owner: memos made on first use live as long as the app.
    owner: StoredValue<Owner>,
    pub notices: RwSignal<Vec<Notice>>,
    /// The graph's undo history: it lives as long as the open workbook, so
    /// a trip to the review and back keeps it.
    pub graph_history: StoredValue<History>,
    /// Bumped when the history changes, for the undo and redo buttons.
    pub graph_history_rev: RwSignal<u32>,
    /// Compose files or manifests read and shown for approval, before they
    /// become a new workbook (`crate::shell::import`).
    pub manifest_preview: RwSignal<Option<NewImport>>,
    /// Set while the browser refuses to store: edits then live in this tab only.
    pub storage_warning: RwSignal<Option<String>>,
    pub confirm: RwSignal<Option<Confirm>>,
    /// Presentation mode: larger type, only the current step.
    pub presenting: RwSignal<bool>,
    /// How the graph step was left (its view and panels), so coming back to
    /// it shows the same part of the same workbook's graph.
    pub graph_view: StoredValue<Option<GraphView>>,
    /// Components copied with Ctrl+C, and how many times they were pasted
    /// (each paste lands a little further on).
    pub clip: StoredValue<(archbook_core::canvas::clipboard::Clip, usize)>,
    /// The tour's current stop, while it runs.
    pub tour: RwSignal<Option<usize>>,
    /// The JSON path of the field being typed in (`$.context.team_size`), if
    /// any: a change merged from another tab never overwrites it.
    pub typing: StoredValue<Option<String>>,
    /// The JSON last written for the open workbook, to skip writes that change nothing.
    last_saved: StoredValue<String>,
    /// The stored text of the open workbook as this tab last read or wrote
    /// it: a different stored text means another tab wrote (see
    /// `archbook_core::session`).
    base: StoredValue<Option<String>>,
    /// Workbooks whose latest version the browser refused to store, by id.
    unsaved: StoredValue<HashMap<String, String>>,
    next_notice: StoredValue<u64>,
}

pub fn now() -> f64 {
    js_sys::Date::now()
}

fn new_id() -> String {
    let t = now() as u64;
    let r = (js_sys::Math::random() * 16f64.powi(6)) as u32;
    format!("{t:x}{r:06x}")
}

// The notice for a stored workbook past the limits names them as text.
const _: () = assert!(archbook_core::MAX_NODES == 1_000 && archbook_core::MAX_EDGES == 5_000);

/// At most this many problems are listed in a notice; the rest are counted.
const MAX_LISTED: usize = 12;

impl AppState {
    /// Opens storage, recovers what it must, and starts autosaving.
    pub fn init() -> AppState {
        let opened = storage::open(now());
        let workbook = RwSignal::new(Workbook::new(""));
        let state = AppState {
            library: RwSignal::new(opened.library),
            current_id: RwSignal::new(String::new()),
            workbook,
            step: RwSignal::new(Step::Context),
            decision: RwSignal::new(None),
            checklists: StoredValue::new(None),
            report: StoredValue::new(None),
            owner: StoredValue::new(
                Owner::current().expect("the app runs inside a reactive owner"),
            ),
            notices: RwSignal::new(Vec::new()),
            storage_warning: RwSignal::new(opened.warning),
            confirm: RwSignal::new(None),
            presenting: RwSignal::new(false),
            graph_view: StoredValue::new(None),
            clip: StoredValue::new(Default::default()),
            tour: RwSignal::new(None),
            typing: StoredValue::new(None),
            last_saved: StoredValue::new(String::new()),
            base: StoredValue::new(None),
            unsaved: StoredValue::new(HashMap::new()),
            next_notice: StoredValue::new(1),
            manifest_preview: RwSignal::new(None),
            graph_history: StoredValue::new(History::default()),
            graph_history_rev: RwSignal::new(0),
        };
        for r in opened.recovered {
            let mut n = Notice::new(Tone::Warning, r.summary.clone());
            n.outcome = Some(r.outcome());
            n.backup_key = r.backed_up.then(|| r.backup_key.clone());
            n.problems = limit(r.problems);
            state.push(n);
        }
        match opened.current {
            Some((id, wb)) => state.show(id, wb),
            None => state.create(),
        }
        state.start_autosave();
        state.follow_other_tabs();
        state
    }

    /// Called by the panic hook: stores the open workbook if it can be read
    /// whole and differs from the last save. Never panics itself.
    pub fn emergency_save(self) {
        let Some(id) = self.current_id.try_get_untracked() else {
            return;
        };
        // A workbook in the middle of an update cannot be read; the last
        // autosave then stays as it is.
        let Some(json) = self.workbook.try_with_untracked(to_json) else {
            return;
        };
        if id.is_empty() || self.last_saved.try_with_value(|s| *s == json) != Some(false) {
            return;
        }
        if storage::save_workbook(&id, &json).is_ok() {
            self.last_saved.try_set_value(json);
        }
    }

    /// The built-in and the workbook's own checklists.
    pub fn checklists(self) -> Memo<Vec<Checklist>> {
        if let Some(m) = self.checklists.get_value() {
            return m;
        }
        let workbook = self.workbook;
        let memo = self.owner.with_value(|owner| {
            owner.with(|| {
                let builtin = builtin_checklists();
                let custom = Memo::new(move |_| workbook.with(|w| w.custom_checklists.clone()));
                Memo::new(move |_| {
                    custom.with(|c| {
                        let wb = Workbook {
                            custom_checklists: c.clone(),
                            ..Workbook::new("")
                        };
                        archbook_core::content::checklists_for(&builtin, &wb)
                    })
                })
            })
        });
        self.checklists.set_value(Some(memo));
        memo
    }

    /// The review of the open workbook, shared by the Review and Record
    /// steps and recomputed when the workbook or the checklists change.
    pub fn report(self) -> Memo<Report> {
        if let Some(m) = self.report.get_value() {
            return m;
        }
        let workbook = self.workbook;
        let checklists = self.checklists();
        let memo = self.owner.with_value(|owner| {
            owner.with(|| {
                let pitfalls = archbook_core::content::builtin_pitfalls();
                Memo::new(move |_| {
                    checklists.with(|c| {
                        workbook.with(|w| archbook_core::analysis::analyze(w, &pitfalls, c))
                    })
                })
            })
        });
        self.report.set_value(Some(memo));
        memo
    }

    fn start_autosave(self) {
        // Saved in a task of its own, right after the change is drawn: a
        // drop at the limit draws in one task and writes its megabyte in
        // the next, so neither blocks the tab for long. Changes made
        // meanwhile are written together.
        let pending = StoredValue::new(false);
        Effect::new(move |_| {
            self.workbook.track();
            if !pending.get_value() {
                pending.set_value(true);
                set_timeout(
                    move || {
                        pending.try_set_value(false);
                        self.save_now(false);
                    },
                    std::time::Duration::ZERO,
                );
            }
        });
        // Leaving the page (reload, closing the tab, the phone switching
        // apps) writes what an effect may not have reached yet.
        let _ = window_event_listener(leptos::ev::pagehide, move |_| self.save_now(true));
        let _ = window_event_listener(leptos::ev::visibilitychange, move |_| self.save_now(true));
    }

    /// Writes the open workbook if it changed since it was last written.
    /// When another tab wrote in between, the two versions are merged field
    /// by field (in the `sync` chunk); `leaving`: the page is going away and
    /// cannot wait for it, so both versions are kept at once.
    fn save_now(self, leaving: bool) {
        let id = self.current_id.get_untracked();
        if id.is_empty() {
            return;
        }
        let json = self.workbook.with_untracked(to_json);
        if self.last_saved.with_value(|s| *s == json) {
            return;
        }
        // Never write over a version this tab has not seen.
        let stored = storage::read_workbook_text(&id);
        let base = self.base.get_value();
        if session::outgoing(base.as_deref().unwrap_or_default(), stored.as_deref())
            == session::Outgoing::KeepBoth
            && base.is_some()
        {
            match (leaving, stored) {
                (false, Some(theirs)) => self.reconcile(theirs),
                (_, stored) => self.keep_both(stored),
            }
            return;
        }
        let title = self
            .workbook
            .with_untracked(|w| w.display_title().to_owned());
        self.last_saved.set_value(json.clone());
        self.library.update(|l| l.touch(&id, &title, now()));
        if self.persist(&id, json.clone()) {
            self.base.set_value(Some(json));
        }
    }

    /// Another tab changed what is stored: take its version of the open
    /// workbook when this tab has no edit of its own, keep both when it has,
    /// and keep the list of workbooks current.
    fn follow_other_tabs(self) {
        let _ = window_event_listener(leptos::ev::storage, move |e| {
            let Some(key) = e.key() else {
                return;
            };
            if key == storage::INDEX_KEY {
                if let Some(stored) = storage::read_library() {
                    self.library.update(|l| {
                        let current = l.current.take();
                        *l = stored;
                        l.current = current;
                    });
                }
                return;
            }
            let id = self.current_id.get_untracked();
            if key.strip_prefix(storage::WORKBOOK_PREFIX) != Some(id.as_str()) {
                return;
            }
            let theirs = e.new_value();
            let mine = self.workbook.with_untracked(to_json);
            let saved = self.last_saved.get_value();
            match session::incoming(&saved, &mine, theirs.as_deref()) {
                session::Incoming::Nothing => self.base.set_value(theirs),
                session::Incoming::Take | session::Incoming::KeepBoth => {
                    if let Some(theirs) = theirs {
                        self.reconcile(theirs);
                    }
                }
                session::Incoming::Deleted => {
                    self.base.set_value(None);
                    self.notify(
                        Tone::Warning,
                        "This workbook was deleted in another tab.".into(),
                        vec!["It stays open here; your next change stores it again, or export it to keep a copy.".into()],
                    );
                }
            }
        });
    }

    /// Another tab wrote `theirs` over what this tab last saw: the two are
    /// merged field by field (`archbook_core::merge`, in the `sync` chunk).
    /// Everything changes but the field being typed in, whose keystrokes
    /// win; this tab's undo history is kept. When both changed the same
    /// field otherwise, both versions are kept.
    fn reconcile(self, theirs: String) {
        let title = "A change from another tab could not be merged".to_owned();
        self.after_chunk(merger(), title, "merges changes", move |merge| {
            merge(self, theirs)
        });
    }

    /// [`AppState::reconcile`] once its chunk has arrived.
    fn merge_theirs(self, theirs: String) {
        let saved = self.last_saved.get_value();
        let mine = self.workbook.with_untracked(to_json);
        let typing: Vec<String> = self.typing.get_value().into_iter().collect();
        match archbook_core::merge::merge(&saved, &mine, &theirs, &typing) {
            archbook_core::merge::Merge::Clean { workbook, mine_won } => {
                let theirs_wb = load_stored(&theirs).ok();
                // What is stored now is theirs: the merge, when it differs,
                // is written over it by the next autosave.
                let stored = load_stored(&theirs)
                    .map(|w| to_json(&w))
                    .unwrap_or_default();
                self.last_saved.set_value(stored);
                self.base.set_value(Some(theirs));
                self.workbook.set(*workbook);
                self.graph_history_rev.update(|r| *r += 1);
                // The field being typed in kept its text: say what the other
                // tab had put there.
                let overruled: Vec<String> = mine_won
                    .iter()
                    .filter_map(|p| archbook_core::context::Field::ALL.into_iter().find(|f| f.path() == *p))
                    .map(|f| {
                        let theirs = theirs_wb.as_ref().map(|w| f.get(w)).unwrap_or_default();
                        format!("\u{201c}{}\u{201d}: the other tab has \u{201c}{theirs}\u{201d}; what you typed is kept.", f.label())
                    })
                    .collect();
                if overruled.is_empty() {
                    self.notify(Tone::Success, "Updated with a change made in another tab.".into(), vec![]);
                } else {
                    self.notify(
                        Tone::Warning,
                        "Another tab changed the field you are typing in".into(),
                        overruled,
                    );
                }
            }
            archbook_core::merge::Merge::Conflict(_) => self.keep_both(Some(theirs)),
            archbook_core::merge::Merge::Unreadable => self.notify(
                Tone::Warning,
                "This workbook was changed in another tab, in a way this version of Archbook cannot read.".into(),
                vec!["This tab keeps its version; when you change it, both versions are kept.".into()],
            ),
        }
    }

    /// Both this tab and another changed the open workbook: the other tab's
    /// version stays under its id, this tab's becomes a copy that stays
    /// open here. Neither edit is lost.
    fn keep_both(self, theirs: Option<String>) {
        let mut mine = self.workbook.get_untracked();
        let id = self.current_id.get_untracked();
        let other_title = theirs
            .as_deref()
            .and_then(|t| load_stored(t).ok())
            .map(|w| w.display_title().to_owned())
            .unwrap_or_else(|| mine.display_title().to_owned());
        self.library.update(|l| l.touch(&id, &other_title, now()));
        mine.title = session::this_tab_title(mine.display_title());
        let title = mine.display_title().to_owned();
        self.add_and_open(mine);
        let mut n = Notice::new(
            Tone::Warning,
            "This workbook was changed in another tab at the same time",
        );
        n.lead = Some(format!(
            "Both versions are kept: the other tab's as \"{other_title}\", and this tab's as \"{title}\", which is open here."
        ));
        n.outcome =
            Some("Nothing was lost. Compare them, then delete the one you do not need.".into());
        self.push(n);
    }

    /// Writes a workbook and the index, remembering it in memory if refused.
    /// Returns whether the workbook was stored.
    fn persist(self, id: &str, json: String) -> bool {
        let result = storage::save_workbook(id, &json)
            .and_then(|()| self.library.with_untracked(storage::save_library));
        match result {
            Ok(()) => {
                self.unsaved.update_value(|u| {
                    u.remove(id);
                });
                if self.unsaved.with_value(HashMap::is_empty) {
                    self.storage_warning.set(None);
                }
                true
            }
            Err(reason) => {
                self.unsaved.update_value(|u| {
                    u.insert(id.to_owned(), json);
                });
                self.storage_warning.set(Some(reason));
                false
            }
        }
    }

    /// Makes `wb` the open workbook without writing it.
    fn show(self, id: String, wb: Workbook) {
        let (nodes, edges) = (wb.graph.nodes.len(), wb.graph.edges.len());
        if nodes > archbook_core::MAX_NODES || edges > archbook_core::MAX_EDGES {
            // Stored before the limits existed: it opens, so that nothing
            // vanishes, and says what to do.
            let mut n = Notice::new(
                Tone::Warning,
                format!(
                    "\"{}\" is larger than Archbook supports",
                    wb.display_title()
                ),
            );
            n.lead = Some(format!(
                "It has {} components and {} connections; a workbook holds at most 1,000 and 5,000.",
                archbook_core::thousands(nodes),
                archbook_core::thousands(edges),
            ));
            n.outcome = Some(
                "It is open so that you can remove components or connections; adding them is refused, and it can be exported once it is within the limits."
                    .to_owned(),
            );
            self.push(n);
        }
        self.last_saved.set_value(to_json(&wb));
        self.base.set_value(storage::read_workbook_text(&id));
        self.library.update(|l| l.current = Some(id.clone()));
        self.forget_history();
        self.current_id.set(id);
        self.workbook.set(wb);
        let _ = self.library.with_untracked(storage::save_library);
    }

    /// Another workbook, or another tab's version of this one: undo must not
    /// replay edits made to a different graph.
    fn forget_history(self) {
        self.graph_history.set_value(History::default());
        self.graph_history_rev.update(|r| *r += 1);
    }

    /// Adds a workbook to the library, stores it and opens it.
    pub fn add_and_open(self, wb: Workbook) -> String {
        let id = new_id();
        self.library
            .update(|l| l.add(&id, wb.display_title(), now()));
        let json = to_json(&wb);
        self.persist(&id, json);
        self.show(id.clone(), wb);
        id
    }

    /// Adds a workbook that arrives from elsewhere (a file, a share link,
    /// the example) and opens it. A title some workbook already has gets a
    /// number; a blank workbook that was open (the one a first visit makes)
    /// is removed rather than left behind empty. Returns the title.
    pub fn add_arriving(self, mut wb: Workbook) -> String {
        let previous = self.current_id.get_untracked();
        let replace_blank =
            !previous.is_empty() && self.workbook.with_untracked(Workbook::is_blank);
        wb.title = self.library.with_untracked(|l| l.arriving_title(&wb.title));
        let title = wb.display_title().to_owned();
        self.add_and_open(wb);
        if replace_blank && storage::delete_workbook(&previous).is_ok() {
            self.library.update(|l| l.remove(&previous));
            let _ = self.library.with_untracked(storage::save_library);
        }
        title
    }

    /// Opens the workbook `id`, preferring the tab's unsaved copy.
    pub fn open(self, id: &str) {
        if id == self.current_id.get_untracked() {
            return;
        }
        let wb = match self.unsaved.with_value(|u| u.get(id).cloned()) {
            Some(json) => load_stored(&json).map_err(|e| e.to_string()),
            None => storage::read_workbook(id),
        };
        match wb {
            Ok(wb) => self.show(id.to_owned(), wb),
            Err(e) => self.notify(
                Tone::Error,
                "This workbook could not be opened.".to_owned(),
                vec![e],
            ),
        }
    }

    /// Opens the built-in example as a new workbook (its chunk loads first:
    /// the example, reading it and adding it are in it).
    pub fn open_example(self) {
        // It opens on Context; a step chosen while it loads stays chosen.
        self.step.set(Step::Context);
        let title = "The example could not be opened".to_owned();
        self.after_chunk(example(), title, "holds the example", move |add| add(self));
    }

    /// Adds the example, read from its text.
    fn add_example(self) {
        match archbook_core::load(archbook_core::content::EXAMPLE_WORKBOOK) {
            Ok(wb) => {
                self.add_arriving(wb);
            }
            // The content tests make sure the example itself always loads.
            Err(e) => self.notify(
                Tone::Error,
                "The example could not be opened".into(),
                vec![e.to_string()],
            ),
        }
    }

    /// Whether the open workbook is still blank (see `Workbook::is_blank`).
    pub fn is_blank(self) -> bool {
        self.workbook.with(Workbook::is_blank)
    }

    /// Creates an empty workbook and opens it on the Context step.
    pub fn create(self) {
        self.add_and_open(Workbook::new(""));
        self.step.set(Step::Context);
    }

    /// The stored (or unsaved) copy of a workbook, or the open one.
    fn read(self, id: &str) -> Result<Workbook, String> {
        if id == self.current_id.get_untracked() {
            return Ok(self.workbook.get_untracked());
        }
        match self.unsaved.with_value(|u| u.get(id).cloned()) {
            Some(json) => load_stored(&json).map_err(|e| e.to_string()),
            None => storage::read_workbook(id),
        }
    }

    pub fn duplicate(self, id: &str) {
        match self.read(id) {
            Ok(mut wb) => {
                wb.title = self
                    .library
                    .with_untracked(|l| l.copy_title(wb.display_title()));
                self.add_and_open(wb);
            }
            Err(e) => self.notify(
                Tone::Error,
                "This workbook could not be copied.".to_owned(),
                vec![e],
            ),
        }
    }

    pub fn rename(self, id: &str, title: &str) {
        let title = title.trim();
        if id == self.current_id.get_untracked() {
            self.workbook.update(|w| w.title = title.to_owned());
            return;
        }
        match self.read(id) {
            Ok(mut wb) => {
                wb.title = title.to_owned();
                self.library
                    .update(|l| l.touch(id, wb.display_title(), now()));
                self.persist(id, to_json(&wb));
            }
            Err(e) => self.notify(
                Tone::Error,
                "This workbook could not be renamed.".to_owned(),
                vec![e],
            ),
        }
    }

    /// Deletes a workbook (after the user confirmed). Opens another one, or a
    /// new empty one when none is left.
    pub fn delete(self, id: &str) {
        if let Err(e) = storage::delete_workbook(id) {
            self.notify(
                Tone::Error,
                "The workbook could not be deleted.".to_owned(),
                vec![e],
            );
            return;
        }
        self.unsaved.update_value(|u| {
            u.remove(id);
        });
        if self.unsaved.with_value(HashMap::is_empty) {
            self.storage_warning.set(None);
        }
        let title = self
            .library
            .with_untracked(|l| l.get(id).map(|e| e.title.clone()))
            .unwrap_or_default();
        self.library.update(|l| l.remove(id));
        let _ = self.library.with_untracked(storage::save_library);
        if id == self.current_id.get_untracked() {
            match self.library.with_untracked(|l| l.current.clone()) {
                Some(next) => {
                    self.current_id.set(String::new());
                    self.open(&next);
                    // The next one could not be opened: never leave no
                    // workbook open (an edit would be saved under no id).
                    if self.current_id.get_untracked().is_empty() {
                        self.create();
                    }
                }
                None => self.create(),
            }
        }
        self.notify(Tone::Success, format!("Deleted \"{title}\"."), vec![]);
    }

    /// Imports a workbook file as a new workbook; a bad file changes nothing.
    /// What the file says that Archbook does not read is listed in the
    /// notice. The checks (and the checklists they need) load with the
    /// `import` chunk, not with the first page.
    pub fn import(self, source: &str, text: Result<String, String>) {
        let source = source.to_owned();
        let title = format!("Could not import {source}");
        self.after_chunk(
            chunks::incoming_reader(),
            title,
            "reads files",
            move |read| self.finish_import(&source, text.map(|t| read(&t))),
        );
    }

    fn finish_import(
        self,
        source: &str,
        read: Result<Result<archbook_core::Loaded, archbook_core::LoadError>, String>,
    ) {
        let loaded = read.map_err(|e| (e, Vec::<Line>::new())).and_then(|r| {
            r.map_err(|e| {
                (
                    e.summary(),
                    limit(e.problems.iter().map(Line::from).collect()),
                )
            })
        });
        match loaded {
            Ok(loaded) => {
                let title = self.add_arriving(loaded.workbook);
                if loaded.warnings.is_empty() {
                    self.notify(
                        Tone::Success,
                        format!("Imported \"{title}\" from {source}."),
                        vec![],
                    );
                } else {
                    let mut n = Notice::new(
                        Tone::Warning,
                        format!("Imported \"{title}\" from {source}."),
                    );
                    n.lead = Some(match loaded.warnings.len() {
                        1 => "One entry in the file is not read by Archbook:".to_owned(),
                        k => format!("{k} entries in the file are not read by Archbook:"),
                    });
                    n.problems = limit(loaded.warnings.iter().map(Line::from).collect());
                    n.outcome = Some("They are kept in the workbook as they were.".to_owned());
                    self.push(n);
                }
            }
            Err((lead, problems)) => {
                let mut n = Notice::new(Tone::Error, format!("Could not import {source}"));
                n.lead = Some(lead);
                n.problems = problems;
                n.outcome = Some("Nothing was changed.".to_owned());
                self.push(n);
            }
        }
    }

    /// Changes the open workbook's state for one decision; drops the entry
    /// again when nothing is left in it.
    pub fn update_decision(self, id: &str, f: impl FnOnce(&mut Decision)) {
        self.workbook.update(|w| {
            let d = w.decisions.entry(id.to_owned()).or_default();
            f(d);
            if d.is_empty() {
                w.decisions.remove(id);
            }
        });
    }

    /// Adds a team's own checklist to the open workbook, or explains, line by
    /// line, why it cannot.
    pub fn import_checklist(self, source: &str, text: Result<String, String>) {
        let builtin = builtin_checklists();
        let checked = text.map_err(|e| vec![Line::plain(e)]).and_then(|t| {
            self.workbook
                .with_untracked(|w| check_custom(&builtin, w, source, &t))
                .map(|c| (c, t))
                .map_err(|e| {
                    e.0.iter()
                        .map(|e| Line::plain(format!("Line {}: {}", e.line, e.message)))
                        .collect()
                })
        });
        // The checklist travels in the workbook file, which must stay
        // readable: refused when the file would pass the size limit.
        let checked = checked.and_then(|(c, markdown)| {
            let bytes = self.workbook.with_untracked(|w| to_json(w).len()) + markdown.len();
            archbook_core::limits::check_file_size(bytes)
                .map(|()| (c, markdown))
                .map_err(|e| vec![Line::plain(format!("The workbook would become {e}."))])
        });
        match checked {
            Ok((c, markdown)) => {
                self.workbook.update(|w| {
                    w.custom_checklists.push(CustomChecklist {
                        file: source.to_owned(),
                        markdown,
                        extra: Default::default(),
                    })
                });
                self.notify(
                    Tone::Success,
                    format!("Added the checklist \"{}\" to this workbook.", c.title),
                    vec![],
                );
            }
            Err(problems) => {
                let mut n =
                    Notice::new(Tone::Error, format!("Could not add the checklist {source}"));
                n.lead = Some(match problems.len() {
                    1 => "It has a problem:".to_owned(),
                    k => format!("It has {k} problems:"),
                });
                n.problems = limit(problems);
                n.outcome = Some("Nothing was changed.".to_owned());
                self.push(n);
            }
        }
    }

    /// Removes a custom checklist and the answers given to it.
    pub fn remove_checklist(self, id: &str) {
        self.workbook.update(|w| {
            w.custom_checklists.retain(|c| {
                archbook_core::checklist::parse(&c.file, &c.markdown)
                    .map(|p| p.id != id)
                    .unwrap_or(true)
            });
            w.decisions.remove(id);
        });
        if self.decision.get_untracked().as_deref() == Some(id) {
            self.decision.set(None);
        }
    }

    /// Downloads data kept under a backup key, byte for byte.
    pub fn download_backup(self, key: &str) {
        match storage::read_raw(key) {
            Some(raw) => {
                let name = format!(
                    "{}.txt",
                    key.replace(|c: char| !c.is_ascii_alphanumeric() && c != '-', "-")
                );
                if let Err(e) = files::download(&name, "text/plain", &raw) {
                    self.notify(Tone::Error, "The download failed.".to_owned(), vec![e]);
                }
            }
            None => self.notify(
                Tone::Error,
                "That backup is no longer stored.".to_owned(),
                vec![],
            ),
        }
    }

    /// Says that importing `files` files failed, and why; nothing changed.
    pub fn import_failed(self, files: usize, why: String) {
        self.notify_outcome(
            Tone::Error,
            Self::could_not_import(files),
            vec![why],
            "Nothing was changed.",
        );
    }

    /// The title of a notice that files could not be imported.
    pub fn could_not_import(files: usize) -> String {
        let what = if files == 1 { "the file" } else { "the files" };
        format!("Could not import {what}")
    }

    /// Runs `run` with what a wasm chunk holds, once the chunk has arrived.
    /// When it does not arrive, an error notice titled `title` says which
    /// part of the app is missing (`part`, as in "the part of the app that
    /// makes links") and that nothing was changed.
    pub fn after_chunk<T: 'static>(
        self,
        load: impl std::future::Future<Output = SplitResult<T>> + 'static,
        title: String,
        part: &'static str,
        run: impl FnOnce(T) + 'static,
    ) {
        leptos::task::spawn_local(async move {
            match load.await {
                Ok(loaded) => run(loaded),
                Err(_) => self.notify_outcome(
                    Tone::Error,
                    title,
                    vec![format!(
                        "The part of the app that {part} did not load; check the connection and reload."
                    )],
                    "Nothing was changed.",
                ),
            }
        });
    }

    /// A notice with what happened as a result ("Nothing was changed.").
    pub fn notify_outcome(self, tone: Tone, title: String, problems: Vec<String>, outcome: &str) {
        let mut n = Notice::new(tone, title);
        n.problems = limit(problems.into_iter().map(Line::plain).collect());
        n.outcome = Some(outcome.to_owned());
        self.push(n);
    }

    /// Shows a message; `problems` are listed under the title.
    pub fn notify(self, tone: Tone, title: String, problems: Vec<String>) {
        let mut n = Notice::new(tone, title);
        n.problems = problems.into_iter().map(Line::plain).collect();
        self.push(n);
    }

    fn push(self, mut notice: Notice) {
        notice.id = self.next_notice.get_value();
        self.next_notice.set_value(notice.id + 1);
        // A success goes away by itself after a while, so it never stays
        // over the work (problems stay until dismissed).
        if notice.tone == Tone::Success && notice.backup_key.is_none() {
            let id = notice.id;
            set_timeout(
                move || {
                    self.notices.try_update(|n| n.retain(|x| x.id != id));
                },
                std::time::Duration::from_secs(8),
            );
        }
        self.notices.update(|n| {
            // A success replaces earlier successes.
            if notice.tone == Tone::Success {
                n.retain(|x| x.tone != Tone::Success);
            }
            n.push(notice);
        });
    }

    pub fn dismiss(self, id: u64) {
        self.notices.update(|n| n.retain(|x| x.id != id));
    }
}

fn limit(mut lines: Vec<Line>) -> Vec<Line> {
    if lines.len() > MAX_LISTED {
        let more = lines.len() - MAX_LISTED;
        lines.truncate(MAX_LISTED);
        lines.push(Line::plain(format!("… and {more} more.")));
    }
    lines
}

// The example workbook (its text, reading and adding it) loads when it is
// opened, or when the browser is idle (`preload_example`).
/// The field-by-field merge of two tabs' versions, loaded when one is needed.
#[leptos::wasm_split::wasm_split(sync, wasm_split_path = ::leptos::wasm_split, fallible)]
fn merger() -> SplitResult<fn(AppState, String)> {
    Ok(|state, theirs| state.merge_theirs(theirs))
}

#[leptos::wasm_split::wasm_split(import, wasm_split_path = ::leptos::wasm_split, fallible)]
fn example() -> SplitResult<fn(AppState)> {
    Ok(AppState::add_example)
}

/// Fetches the example's chunk.
pub async fn preload_example() {
    let _ = example().await;
}
