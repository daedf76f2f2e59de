//! The graph editor's state in the browser: the open graph's selection,
//! view, drafts and history bound to signals, and the operations the
//! canvas, the panels and the toolbar call.

use crate::platform::files;
use crate::state::{AppState, Tone};
use archbook_core::canvas::catalog::{fresh_node, Template};
use archbook_core::canvas::clipboard::Clip;
use archbook_core::canvas::draw::to_svg_with;
use archbook_core::canvas::geometry::{bounds, ViewMode, Viewport, NODE_H, NODE_W};
use archbook_core::canvas::layout::layered;
use archbook_core::canvas::{
    Commit, Draft, EdgeId, Edit, Highlight, History, Point, Property, Selection,
};
use archbook_core::library::file_name;
use archbook_core::{Edge, NodeKind};
use leptos::prelude::*;
use std::collections::HashMap;
use wasm_bindgen::JsCast;

/// How a properties field was left, which decides where a refusal is said.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Left {
    /// Tab, Enter or a click on another control: the field is still shown.
    Property,
    /// The selection changed, another edit came, or the step closed.
    Elsewhere,
}

/// The editor's state, shared by the canvas, toolbar, palette and panel.
#[derive(Clone, Copy)]
pub struct Editor {
    pub state: AppState,
    pub history: StoredValue<History>,
    /// Bumped when the history changes, for the undo and redo buttons.
    pub history_rev: RwSignal<u32>,
    pub selection: RwSignal<Selection>,
    /// Text typed into a properties field and not yet saved: committed as
    /// one edit before anything else changes (see `commit_draft`).
    draft: StoredValue<Option<Draft>>,
    /// A field whose text could not be saved, and why.
    pub field_error: RwSignal<Option<(Property, String)>>,
    pub viewport: RwSignal<Viewport>,
    /// Set once the user pans or zooms: the view is then theirs, and
    /// resizing the canvas no longer fits the graph.
    pub view_mode: StoredValue<ViewMode>,
    /// How far each node being dragged has moved, in graph units, one signal
    /// per node so that a drag step wakes only what it moves. The workbook
    /// changes once, when the drag ends.
    offsets: StoredValue<HashMap<String, RwSignal<Option<Point>>>>,
    owner: StoredValue<Owner>,
    /// The kind the palette will place with the next click on the canvas.
    pub placing: RwSignal<Option<NodeKind>>,
    pub renaming: RwSignal<Option<String>>,
    pub highlight: RwSignal<Highlight>,
    /// Node id → position in the workbook's node list.
    pub index: Memo<HashMap<String, usize>>,
    /// The boxes edges are routed around (where the workbook has them; a
    /// node being dragged counts where it was).
    pub obstacles: Memo<archbook_core::canvas::route::Obstacles>,
    /// Every edge's route where the nodes stand (by edge index), and where
    /// its caption goes; an edge whose end is being dragged is routed on
    /// its own meanwhile.
    pub routes: Memo<Vec<Option<archbook_core::canvas::route::Route>>>,
    pub captions: Memo<Vec<Option<Point>>>,
    /// The component under the pointer while a connection is drawn.
    pub drop_target: RwSignal<Option<String>>,
    /// Size of the canvas on screen.
    pub size: RwSignal<(f64, f64)>,
    /// Whether the palette and the properties panel are shown (hidden, the
    /// canvas takes the whole width).
    pub panels: RwSignal<bool>,
    pub readonly: bool,
    /// Whether team boundaries are drawn (on the canvas and in exports).
    pub teams: RwSignal<bool>,
    /// Which connections are drawn.
    pub edge_filter: RwSignal<archbook_core::canvas::scene::EdgeFilter>,
    /// Whether the find box (Ctrl+F) is open.
    pub finding: RwSignal<bool>,
    /// The note whose text is being edited.
    pub note_editing: RwSignal<Option<String>>,
}

impl Editor {
    pub fn new(state: AppState, readonly: bool) -> Editor {
        let index = Memo::new(move |_| {
            state.workbook.with(|w| {
                w.graph
                    .nodes
                    .iter()
                    .enumerate()
                    .map(|(i, n)| (n.id.clone(), i))
                    .collect::<HashMap<_, _>>()
            })
        });
        let obstacles = Memo::new(move |_| {
            state
                .workbook
                .with(|w| archbook_core::canvas::route::Obstacles::new(&w.graph))
        });
        let routes = Memo::new(move |_| {
            obstacles.with(|o| {
                state
                    .workbook
                    .with(|w| archbook_core::canvas::route::routes_around(&w.graph, o))
            })
        });
        let editor = Editor {
            state,
            history: state.graph_history,
            history_rev: state.graph_history_rev,
            selection: RwSignal::new(Selection::default()),
            draft: StoredValue::new(None),
            field_error: RwSignal::new(None),
            viewport: RwSignal::new(Viewport::default()),
            view_mode: StoredValue::new(ViewMode::Opened),
            offsets: StoredValue::new(HashMap::new()),
            owner: StoredValue::new(
                Owner::current().expect("the editor is made inside a component"),
            ),
            placing: RwSignal::new(None),
            renaming: RwSignal::new(None),
            highlight: RwSignal::new(Highlight::default()),
            index,
            obstacles,
            routes,
            captions: Memo::new(move |_| {
                routes.with(|r| {
                    state
                        .workbook
                        .with(|w| archbook_core::canvas::caption::place(&w.graph, r))
                })
            }),
            drop_target: RwSignal::new(None),
            size: RwSignal::new((800.0, 520.0)),
            panels: RwSignal::new(true),
            teams: RwSignal::new(false),
            edge_filter: RwSignal::new(Default::default()),
            finding: RwSignal::new(false),
            note_editing: RwSignal::new(None),
            readonly,
        };
        // Another workbook (its history is reset by `AppState`): nothing selected.
        Effect::new(move |prev: Option<String>| {
            let id = state.current_id.get();
            if prev.is_some_and(|p| p != id) {
                // Text typed for the other workbook was saved when its field
                // lost the focus; what is left must not land in this one.
                editor.draft.set_value(None);
                editor.selection.set(Selection::default());
            }
            id
        });
        editor
    }

    /// The drag offset of a node (made on first use, by whichever of the node
    /// or its edges asks first).
    pub fn offset(self, id: &str) -> RwSignal<Option<Point>> {
        if let Some(s) = self.offsets.with_value(|m| m.get(id).copied()) {
            return s;
        }
        let s = self.owner.with_value(|o| o.with(|| RwSignal::new(None)));
        self.offsets.update_value(|m| {
            m.insert(id.to_owned(), s);
        });
        s
    }

    /// Applies an edit as one undo step, after saving what is being typed
    /// in the properties panel. Returns false (and says why) when it cannot
    /// apply; the graph is then unchanged.
    pub fn apply(self, edit: Edit) -> bool {
        self.commit_draft(Left::Elsewhere);
        self.apply_now(edit)
    }

    fn apply_now(self, edit: Edit) -> bool {
        let mut error = None;
        self.state.workbook.maybe_update(|w| {
            // Without a history (the step is closing), the edit still applies.
            let result = self
                .history
                .try_update_value(|h| h.apply(&mut w.graph, edit.clone()))
                .unwrap_or_else(|| {
                    archbook_core::canvas::edit::apply_within_limits(&mut w.graph, edit.clone())
                        .map(|_| ())
                });
            match result {
                Ok(()) => true,
                Err(e) => {
                    error = Some(e.to_string());
                    false
                }
            }
        });
        self.history_rev.update(|r| *r += 1);
        if let Some(e) = error {
            self.state
                .notify(Tone::Error, "That change could not be made".into(), vec![e]);
            return false;
        }
        self.prune_selection();
        true
    }

    /// Connects two components, unless they already are in that style (then
    /// says so). Returns the new connection's index.
    pub fn connect(self, edge: Edge) -> Option<EdgeId> {
        let made = self
            .state
            .workbook
            .with_untracked(|w| Edit::connect(&w.graph, edge).map(|e| (e, w.graph.edges.len())));
        match made {
            Ok((edit, index)) => self
                .apply(edit)
                .then(|| {
                    self.state
                        .workbook
                        .with_untracked(|w| EdgeId::of(&w.graph, index))
                })
                .flatten(),
            Err(e) => {
                self.state.notify(
                    Tone::Warning,
                    "Already connected".into(),
                    vec![e.to_string()],
                );
                None
            }
        }
    }

    /// Remembers text typed into a properties field. Text for another field
    /// first saves the one before it.
    pub fn stage(self, field: Property, text: String) {
        let other = self
            .draft
            .try_with_value(|d| d.as_ref().is_some_and(|d| d.field != field))
            .unwrap_or(false);
        if other {
            self.commit_draft(Left::Elsewhere);
        }
        let draft = self.state.workbook.try_with_untracked(|w| {
            self.draft
                .try_with_value(|d| Draft::typed(field, text, d.as_ref(), &w.graph))
        });
        self.draft.try_set_value(draft.flatten());
        self.field_error.try_set(None);
    }

    /// The text being typed in `field`, if any: shown instead of the stored
    /// value, so that a change arriving from elsewhere never overwrites it.
    pub fn draft_text(self, field: &Property) -> Option<String> {
        self.draft
            .try_with_value(|d| {
                d.as_ref()
                    .filter(|d| d.field == *field)
                    .map(|d| d.text.clone())
            })
            .flatten()
    }

    /// A value saved elsewhere since typing began in `field` (see
    /// `Draft::newer`).
    pub fn draft_newer(self, field: &Property, g: &archbook_core::Graph) -> Option<String> {
        self.draft
            .try_with_value(|d| {
                d.as_ref()
                    .filter(|d| d.field == *field)
                    .and_then(|d| d.newer(g))
            })
            .flatten()
    }

    /// Saves the text being typed, as one undoable edit of the component it
    /// was typed for. Called when the field is left, and before any other
    /// change (a click on the canvas, another edit, undo, the step closing).
    /// Text that cannot be stored is reported: under the field while it is
    /// shown, and as a message when the field was left for somewhere else.
    pub fn commit_draft(self, left: Left) {
        let Some(draft) = self.draft.try_update_value(Option::take).flatten() else {
            return;
        };
        let commit = self
            .state
            .workbook
            .try_with_untracked(|w| draft.commit(&w.graph));
        match commit {
            Some(Commit::Edit(edit)) => {
                self.apply_now(*edit);
            }
            Some(Commit::Refused(why)) => {
                self.field_error.try_set(Some((draft.field, why.clone())));
                if left == Left::Elsewhere {
                    self.state
                        .notify(Tone::Warning, "That change was not saved".into(), vec![why]);
                }
            }
            Some(Commit::Unchanged) | None => {}
        }
    }

    /// Forgets the text being typed (Escape).
    pub fn discard_draft(self) {
        self.draft.try_set_value(None);
        self.field_error.try_set(None);
    }

    pub fn undo(self) {
        self.step(History::undo);
    }

    pub fn redo(self) {
        self.step(History::redo);
    }

    /// Undo or redo one step, if there is one.
    fn step(self, f: fn(&mut History, &mut archbook_core::Graph) -> bool) {
        self.commit_draft(Left::Elsewhere);
        self.state.workbook.maybe_update(|w| {
            self.history
                .try_update_value(|h| f(h, &mut w.graph))
                .unwrap_or(false)
        });
        self.history_rev.update(|r| *r += 1);
        self.prune_selection();
    }

    pub fn can_undo(self) -> bool {
        self.history_rev.track();
        self.history.with_value(History::can_undo)
    }

    pub fn can_redo(self) -> bool {
        self.history_rev.track();
        self.history.with_value(History::can_redo)
    }

    /// Drops selected nodes and edges that no longer exist.
    fn prune_selection(self) {
        let Some(mut s) = self.selection.try_get_untracked() else {
            return;
        };
        if self.state.workbook.with_untracked(|w| s.prune(&w.graph)) {
            self.selection.set(s);
        }
    }

    /// Changes the selection, after saving what is being typed for the
    /// selection before.
    pub fn select(self, f: impl FnOnce(&mut Selection)) {
        self.commit_draft(Left::Elsewhere);
        self.selection.maybe_update(|s| {
            let before = s.clone();
            f(s);
            *s != before
        });
    }

    /// Every component (Ctrl+A).
    pub fn select_all(self) {
        let ids = self
            .state
            .workbook
            .with_untracked(|w| w.graph.nodes.iter().map(|n| n.id.clone()).collect());
        self.select(|s| {
            *s = Selection {
                nodes: ids,
                edge: None,
            }
        });
    }

    /// Ctrl+C: the components and the connections among them.
    pub fn copy(self, ids: &[String]) {
        let clip = self
            .state
            .workbook
            .with_untracked(|w| Clip::copy(&w.graph, ids));
        self.state.clip.set_value((clip, 0));
    }

    /// Ctrl+V: the copied components again, a little further on each time,
    /// selected, as one undo step.
    pub fn paste(self) {
        let times = self.state.clip.with_value(|c| c.1) + 1;
        if self.paste_clip(&self.state.clip.with_value(|c| c.0.clone()), times) {
            self.state.clip.update_value(|c| c.1 = times);
        }
    }

    /// Ctrl+D: a copy of the selected components, without touching what
    /// Ctrl+C holds.
    pub fn duplicate(self, ids: &[String]) {
        let clip = self
            .state
            .workbook
            .with_untracked(|w| Clip::copy(&w.graph, ids));
        self.paste_clip(&clip, 1);
    }

    fn paste_clip(self, clip: &Clip, times: usize) -> bool {
        let (edit, ids) = self
            .state
            .workbook
            .with_untracked(|w| clip.paste(&w.graph, times));
        let done = self.apply(edit);
        if done {
            self.select(|s| {
                *s = Selection {
                    nodes: ids,
                    edge: None,
                }
            });
        }
        done
    }

    pub fn select_node(self, id: &str, additive: bool) {
        self.select(|s| s.click_node(id, additive));
    }

    /// Selects a component found by name, brings it into view and gives it
    /// the keyboard.
    pub fn go_to(self, id: &str) {
        self.select(|s| *s = Selection::default());
        self.select_node(id, false);
        self.reveal(id);
        let id = id.to_owned();
        request_animation_frame(move || self.focus_node(&id));
    }

    pub fn select_edge(self, edge: EdgeId) {
        self.select(|s| *s = Selection::edge(edge));
    }

    /// Adds a node of `kind` centred on a graph point, selects it and
    /// returns its id.
    pub fn add_node(self, kind: NodeKind, center: Point) -> Option<String> {
        let at = Point::new(center.x - NODE_W / 2.0, center.y - NODE_H / 2.0);
        let (node, index) = self
            .state
            .workbook
            .with_untracked(|w| (fresh_node(&w.graph, kind, at), w.graph.nodes.len()));
        let id = node.id.clone();
        self.apply(Edit::AddNode { node, index }).then(|| {
            self.select_node(&id, false);
            id
        })
    }

    /// Puts a note in the middle of the view and opens its editor.
    pub fn add_note(self) {
        let c = self.visible_center();
        let (note, index) = self.state.workbook.with_untracked(|w| {
            let mut k = w.graph.notes.len() + 1;
            let taken = |id: &str| {
                w.graph.notes.iter().any(|n| n.id == id) || w.graph.nodes.iter().any(|n| n.id == id)
            };
            while taken(&format!("note-{k}")) {
                k += 1;
            }
            (
                archbook_core::Note {
                    id: format!("note-{k}"),
                    text: String::new(),
                    x: (c.x - archbook_core::canvas::draw::NOTE_W / 2.0).round(),
                    y: (c.y - 20.0).round(),
                    extra: Default::default(),
                },
                w.graph.notes.len(),
            )
        });
        let id = note.id.clone();
        if self.apply(Edit::AddNote { note, index }) {
            self.note_editing.set(Some(id));
        }
    }

    /// A note's new text or place, as one undoable edit; an empty note that
    /// was never written goes away.
    pub fn set_note(self, id: &str, text: Option<String>, at: Option<Point>) {
        let Some(n) = self
            .state
            .workbook
            .with_untracked(|w| w.graph.notes.iter().find(|n| n.id == id).cloned())
        else {
            return;
        };
        let text = text.unwrap_or(n.text.clone());
        let at = at.unwrap_or(Point::new(n.x, n.y));
        if text.trim().is_empty() && n.text.trim().is_empty() {
            self.apply(Edit::RemoveNote { id: id.to_owned() });
            return;
        }
        if text != n.text || at.x != n.x || at.y != n.y {
            self.apply(Edit::SetNote {
                id: id.to_owned(),
                text,
                x: at.x.round(),
                y: at.y.round(),
            });
        }
    }

    /// Removes what is selected, as one undo step.
    pub fn delete_selection(self) {
        self.commit_draft(Left::Elsewhere);
        let edit = self.selection.with_untracked(|sel| {
            self.state
                .workbook
                .with_untracked(|w| sel.removal(&w.graph))
        });
        let Some(edit) = edit else { return };
        if self.apply(edit) {
            self.selection.set(Selection::default());
        }
    }

    /// The centre of what the canvas shows, in graph units.
    pub fn visible_center(self) -> Point {
        let (w, h) = self.size.get_untracked();
        self.viewport
            .get_untracked()
            .to_graph(Point::new(w / 2.0, h / 2.0))
    }

    /// Moves the view just enough to show node `id` (reached with the
    /// keyboard, it may be outside the view).
    pub fn reveal(self, id: &str) {
        let (w, h) = self.size.get_untracked();
        let Some(r) = self.state.workbook.with_untracked(|wb| {
            wb.graph
                .nodes
                .iter()
                .find(|n| n.id == id)
                .map(archbook_core::canvas::geometry::node_rect)
        }) else {
            return;
        };
        let now = self.viewport.get_untracked();
        let next = now.reveal(r, w, h, 24.0);
        if next != now {
            self.view_mode.set_value(ViewMode::Moved);
            self.viewport.set(next);
        }
    }

    /// Brings these components into view (a review finding shown on the
    /// graph), zooming out only when they do not fit.
    pub fn show_nodes(self, ids: &[String]) {
        let (w, h) = self.size.get_untracked();
        let Some(r) = self
            .state
            .workbook
            .with_untracked(|wb| archbook_core::canvas::geometry::bounds_of(&wb.graph, ids))
        else {
            return;
        };
        let now = self.viewport.get_untracked();
        let next = now.show(r, w, h, 24.0);
        if next != now && w > 0.0 {
            self.view_mode.set_value(ViewMode::Moved);
            self.viewport.set(next);
        }
    }

    /// "Fit to view": all of the graph, as long as its names stay readable;
    /// a larger graph frames the selection, or its start.
    pub fn fit(self) {
        self.show_graph(ViewMode::Fitted);
    }

    /// The view a graph opens at (on opening the step, after a layout or a
    /// template): all of it when readable, else readable from its start.
    pub fn open_view(self) {
        self.show_graph(ViewMode::Opened);
    }

    /// The canvas changed size: open or fit again unless the view was moved.
    pub fn resized(self) {
        let mode = self.view_mode.get_value();
        self.show_graph(mode);
    }

    fn show_graph(self, mode: ViewMode) {
        let size = self.size.get_untracked();
        let selected = self.selection.with_untracked(|s| s.nodes.clone());
        let (b, focus, floor) = self.state.workbook.with_untracked(|wb| {
            (
                bounds(&wb.graph),
                archbook_core::canvas::geometry::bounds_of(&wb.graph, &selected),
                self.name_floor(&wb.graph),
            )
        });
        self.view_mode.set_value(mode);
        let now = self.viewport.get_untracked();
        let next = match b {
            Some(b) => now.after_resize(mode, b, size, 32.0, floor, focus),
            None if mode == ViewMode::Moved => now,
            None => Viewport::default(),
        };
        if next != now {
            self.viewport.set(next);
        }
    }

    /// The zoom below which names are too small to read here: 12 px on a
    /// screen, 16 px on a projector (Present mode).
    pub fn name_floor(self, g: &archbook_core::Graph) -> f64 {
        use archbook_core::canvas::geometry::{name_zoom, LAPTOP_NAME_PX, PROJECTOR_NAME_PX};
        let px = if self.state.presenting.get_untracked() && !self.readonly {
            PROJECTOR_NAME_PX
        } else {
            LAPTOP_NAME_PX
        };
        name_zoom(g, px)
    }

    /// Frames these components (a team, the selection) at a readable zoom:
    /// all of them when they fit, else their start.
    pub fn frame(self, ids: &[String]) {
        let (w, h) = self.size.get_untracked();
        let Some((r, floor)) = self.state.workbook.with_untracked(|wb| {
            archbook_core::canvas::geometry::bounds_of(&wb.graph, ids)
                .map(|r| (r, self.name_floor(&wb.graph)))
        }) else {
            return;
        };
        if w <= 0.0 {
            return;
        }
        self.view_mode.set_value(ViewMode::Moved);
        self.viewport
            .set(Viewport::open(r, w, h, 32.0, floor, None));
    }

    pub fn zoom_by(self, factor: f64) {
        self.view_mode.set_value(ViewMode::Moved);
        let (w, h) = self.size.get_untracked();
        self.viewport
            .update(|v| *v = v.zoom_at(Point::new(w / 2.0, h / 2.0), factor));
    }

    pub fn auto_layout(self) {
        let edit = self.state.workbook.with_untracked(|w| layered(&w.graph));
        if self.apply(edit) {
            self.open_view();
        }
    }

    pub fn use_template(self, t: Template) {
        let edit = self.state.workbook.with_untracked(|w| t.replace(&w.graph));
        if self.apply(edit) {
            self.selection.set(Selection::default());
            self.open_view();
        }
    }

    /// The graph as the exports draw it (with team frames while shown),
    /// and the file name for `extension`.
    fn drawing(self, extension: &str) -> (String, String) {
        self.state.workbook.with_untracked(|w| {
            (
                to_svg_with(&w.graph, w.display_title(), self.teams.get_untracked()),
                file_name(w.display_title()).replace(".archbook.json", extension),
            )
        })
    }

    pub fn export_svg(self) {
        let (svg, name) = self.drawing(".graph.svg");
        if let Err(e) = files::download(&name, "image/svg+xml", &svg) {
            self.state.notify(
                Tone::Error,
                "The diagram could not be exported".into(),
                vec![e],
            );
        }
    }

    /// The same drawing as the SVG, as a PNG twice its size (less for a
    /// huge graph): for slides and chat, which do not take SVG.
    pub fn export_png(self) {
        let (svg, name) = self.drawing(".graph.png");
        let state = self.state;
        leptos::task::spawn_local(async move {
            let done = match files::svg_to_png(&svg, archbook_core::canvas::draw::png_scale).await {
                Ok(png) => files::download_blob(&name, &png),
                Err(e) => Err(e),
            };
            if let Err(e) = done {
                state.notify(
                    Tone::Error,
                    "The diagram could not be exported".into(),
                    vec![e],
                );
            }
        });
    }

    /// Puts keyboard focus on a node of the canvas.
    pub fn focus_node(self, id: &str) {
        let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
            return;
        };
        let Ok(list) = doc.query_selector_all(".canvas [data-node]") else {
            return;
        };
        for i in 0..list.length() {
            let Some(el) = list
                .item(i)
                .and_then(|n| n.dyn_into::<web_sys::SvgElement>().ok())
            else {
                continue;
            };
            if el.get_attribute("data-node").as_deref() == Some(id) {
                let _ = el.focus();
                return;
            }
        }
    }
}
