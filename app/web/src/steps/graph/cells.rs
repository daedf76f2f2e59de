//! One set of signals per drawn node and edge, written by a few effects
//! that compare what core's `canvas::scene` says each should look like with
//! what it looked like: an edit, a selection or a highlight wakes the views
//! of what it changed and nothing else, and no signal has thousands of
//! readers (removing a reader costs time linear in their number, so a
//! graph of 6,000 views each reading the workbook made every edit
//! quadratic: a drop took 1 s at 1,000 components and 5,000 connections).

use std::collections::{HashMap, HashSet};

use archbook_core::canvas::scene::{edge_look, edge_looks, EdgeLook, NodeLook};
use archbook_core::canvas::EdgeId;
use leptos::prelude::*;

use super::editor::Editor;

/// What a node's view reads.
#[derive(Clone, Copy)]
pub struct NodeCell {
    pub look: RwSignal<NodeLook>,
    pub selected: RwSignal<bool>,
    pub highlighted: RwSignal<bool>,
    /// A connection being drawn would end on it.
    pub target: RwSignal<bool>,
}

/// What an edge's view reads.
#[derive(Clone, Copy)]
pub struct EdgeCell {
    pub look: RwSignal<EdgeLook>,
    pub selected: RwSignal<bool>,
    pub highlighted: RwSignal<bool>,
}

/// The cells of the open graph, by node id and edge identity.
#[derive(Clone, Copy)]
pub struct Cells {
    nodes: StoredValue<HashMap<String, NodeCell>>,
    edges: StoredValue<HashMap<EdgeId, EdgeCell>>,
    owner: StoredValue<Owner>,
}

impl Cells {
    /// Cells for `editor`'s graph, kept current by effects that live as
    /// long as the component that calls this.
    pub fn new(editor: Editor) -> Cells {
        let cells = Cells {
            nodes: StoredValue::new(HashMap::new()),
            edges: StoredValue::new(HashMap::new()),
            owner: StoredValue::new(Owner::current().expect("made inside a component")),
        };
        cells.follow_the_graph(editor);
        cells.follow_flags(editor);
        cells
    }

    /// The cell of node `id`, made from the workbook as it is now when the
    /// node has none yet.
    pub fn node(self, editor: Editor, id: &str) -> NodeCell {
        if let Some(c) = self.nodes.with_value(|m| m.get(id).copied()) {
            return c;
        }
        let look = editor
            .state
            .workbook
            .with_untracked(|w| w.graph.nodes.iter().find(|n| n.id == id).map(NodeLook::of));
        let (selected, highlighted, target) = (
            editor
                .selection
                .with_untracked(|s| s.nodes.iter().any(|n| n == id)),
            editor
                .highlight
                .with_untracked(|h| h.nodes.iter().any(|n| n == id)),
            editor
                .drop_target
                .with_untracked(|t| t.as_deref() == Some(id)),
        );
        let cell = self.owner.with_value(|o| {
            o.with(|| NodeCell {
                look: RwSignal::new(look.unwrap_or_else(|| NodeLook {
                    kind: archbook_core::NodeKind::Service,
                    name: String::new(),
                    kind_line: String::new(),
                    details: String::new(),
                    at: Default::default(),
                })),
                selected: RwSignal::new(selected),
                highlighted: RwSignal::new(highlighted),
                target: RwSignal::new(target),
            })
        });
        self.nodes.update_value(|m| {
            m.insert(id.to_owned(), cell);
        });
        cell
    }

    /// The cell of edge `id`, made from the workbook as it is now when the
    /// edge has none yet.
    pub fn edge(self, editor: Editor, id: &EdgeId) -> EdgeCell {
        if let Some(c) = self.edges.with_value(|m| m.get(id).copied()) {
            return c;
        }
        let look = editor.state.workbook.with_untracked(|w| {
            let i = id.index(&w.graph)?;
            editor.routes.with_untracked(|r| {
                editor
                    .captions
                    .with_untracked(|c| edge_look(&w.graph, i, r, c))
            })
        });
        let selected = editor
            .selection
            .with_untracked(|s| s.edge.as_ref() == Some(id));
        let highlighted = editor.highlight.with_untracked(|h| h.edges.contains(id));
        let cell = self.owner.with_value(|o| {
            o.with(|| EdgeCell {
                look: RwSignal::new(look.unwrap_or_default()),
                selected: RwSignal::new(selected),
                highlighted: RwSignal::new(highlighted),
            })
        });
        self.edges.update_value(|m| {
            m.insert(id.clone(), cell);
        });
        cell
    }

    /// Writes each cell whose look changed, and forgets the cells of what
    /// is gone.
    fn follow_the_graph(self, editor: Editor) {
        let state = editor.state;
        Effect::new(move |_| {
            let (nodes, edges) = state.workbook.with(|w| {
                let nodes: Vec<(String, NodeLook)> = w
                    .graph
                    .nodes
                    .iter()
                    .map(|n| (n.id.clone(), NodeLook::of(n)))
                    .collect();
                let edges = editor
                    .routes
                    .with(|r| editor.captions.with(|c| edge_looks(&w.graph, r, c)));
                (nodes, edges)
            });
            let live: HashSet<&str> = nodes.iter().map(|(id, _)| id.as_str()).collect();
            self.nodes
                .update_value(|m| m.retain(|id, _| live.contains(id.as_str())));
            for (id, look) in &nodes {
                if let Some(c) = self.nodes.with_value(|m| m.get(id).copied()) {
                    if c.look.with_untracked(|l| l != look) {
                        c.look.set(look.clone());
                    }
                }
            }
            let live: HashSet<&EdgeId> = edges.iter().map(|(id, _)| id).collect();
            self.edges
                .update_value(|m| m.retain(|id, _| live.contains(id)));
            for (id, look) in edges {
                if let Some(c) = self.edges.with_value(|m| m.get(&id).copied()) {
                    if c.look.with_untracked(|l| *l != look) {
                        c.look.set(look);
                    }
                }
            }
        });
    }

    /// Selection, highlight and drop target: only the cells whose flag
    /// changed are written.
    fn follow_flags(self, editor: Editor) {
        Effect::new(move |before: Option<(HashSet<String>, Option<EdgeId>)>| {
            let (nodes, edge) = editor.selection.with(|s| {
                (
                    s.nodes.iter().cloned().collect::<HashSet<_>>(),
                    s.edge.clone(),
                )
            });
            let (old_nodes, old_edge) = before.unwrap_or_default();
            for id in nodes.symmetric_difference(&old_nodes) {
                if let Some(c) = self.nodes.with_value(|m| m.get(id).copied()) {
                    put(c.selected, nodes.contains(id));
                }
            }
            if old_edge != edge {
                for (id, on) in [(&old_edge, false), (&edge, true)] {
                    if let Some(c) = id
                        .as_ref()
                        .and_then(|id| self.edges.with_value(|m| m.get(id).copied()))
                    {
                        put(c.selected, on);
                    }
                }
            }
            (nodes, edge)
        });
        Effect::new(move |before: Option<(HashSet<String>, HashSet<EdgeId>)>| {
            let (nodes, edges) = editor.highlight.with(|h| {
                (
                    h.nodes.iter().cloned().collect::<HashSet<_>>(),
                    h.edges.iter().cloned().collect::<HashSet<_>>(),
                )
            });
            let (old_nodes, old_edges) = before.unwrap_or_default();
            for id in nodes.symmetric_difference(&old_nodes) {
                if let Some(c) = self.nodes.with_value(|m| m.get(id).copied()) {
                    put(c.highlighted, nodes.contains(id));
                }
            }
            for id in edges.symmetric_difference(&old_edges) {
                if let Some(c) = self.edges.with_value(|m| m.get(id).copied()) {
                    put(c.highlighted, edges.contains(id));
                }
            }
            (nodes, edges)
        });
        Effect::new(move |before: Option<Option<String>>| {
            let now = editor.drop_target.get();
            let old = before.flatten();
            if old != now {
                for (id, on) in [(&old, false), (&now, true)] {
                    if let Some(c) = id
                        .as_ref()
                        .and_then(|id| self.nodes.with_value(|m| m.get(id).copied()))
                    {
                        put(c.target, on);
                    }
                }
            }
            now
        });
    }
}

/// Sets a flag only when it changes, so that its readers wake only then.
fn put(flag: RwSignal<bool>, on: bool) {
    if flag.get_untracked() != on {
        flag.set(on);
    }
}
