//! Every change to the service graph as a command. Applying a command returns
//! its inverse, so undo and redo are exact; a command that cannot apply
//! changes nothing.

use std::fmt;

use crate::workbook::{Access, Edge, EdgeStyle, Graph, Node, NodeKind};

#[derive(Debug, Clone, PartialEq)]
pub enum Edit {
    /// Inserts a node at `index` (clamped to the end).
    AddNode {
        node: Node,
        index: usize,
    },
    /// Removes a node and the edges that touch it.
    RemoveNode {
        id: String,
    },
    /// Puts back a removed node and its edges, at their old places.
    RestoreNode {
        node: Node,
        index: usize,
        edges: Vec<(usize, Edge)>,
    },
    /// Moves nodes by an offset (unplaced nodes start from the origin).
    Move {
        ids: Vec<String>,
        dx: f64,
        dy: f64,
    },
    /// Sets positions outright (layout, and the inverse of moves of unplaced nodes).
    SetPositions {
        positions: Vec<(String, Option<f64>, Option<f64>)>,
    },
    Rename {
        id: String,
        name: String,
    },
    SetKind {
        id: String,
        kind: NodeKind,
    },
    SetReplicas {
        id: String,
        replicas: Option<u32>,
    },
    SetTeam {
        id: String,
        team: Option<String>,
    },
    SetTraits {
        id: String,
        traits: Vec<String>,
    },
    AddEdge {
        edge: Edge,
        index: usize,
    },
    RemoveEdge {
        index: usize,
    },
    SetEdge {
        index: usize,
        style: EdgeStyle,
        access: Option<Access>,
        label: Option<String>,
    },
    /// Replaces a node's evidence (an update from compose files or manifests).
    SetEvidence {
        id: String,
        evidence: Vec<String>,
    },
    /// Replaces an edge's evidence.
    SetEdgeEvidence {
        index: usize,
        evidence: Vec<String>,
    },
    /// Puts a note on the canvas at `index` of the notes (clamped).
    AddNote {
        note: crate::workbook::Note,
        index: usize,
    },
    RemoveNote {
        id: String,
    },
    /// A note's text and place (an edit of its text, or the end of a drag).
    SetNote {
        id: String,
        text: String,
        x: f64,
        y: f64,
    },
    /// Several edits as one step (delete a selection, paste).
    Batch(Vec<Edit>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditError {
    UnknownNode(String),
    DuplicateNode(String),
    UnknownEdge(usize),
    SelfLoop(String),
    /// The same two components are already connected in the same style.
    DuplicateEdge(String, String),
    ZeroReplicas,
    UnknownNote(String),
    /// The edit would take the graph past [`crate::limits`].
    Limit(crate::limits::Exceeded),
}

impl fmt::Display for EditError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EditError::UnknownNode(id) => write!(f, "no node has the id \"{id}\""),
            EditError::DuplicateNode(id) => write!(f, "a node with the id \"{id}\" already exists"),
            EditError::UnknownEdge(i) => write!(f, "there is no connection number {i}"),
            EditError::SelfLoop(id) => write!(f, "\"{id}\" cannot be connected to itself"),
            EditError::DuplicateEdge(a, b) => write!(
                f,
                "\"{a}\" is already connected to \"{b}\" in this style; change the existing connection instead"
            ),
            EditError::ZeroReplicas => write!(f, "a component runs at least one instance"),
            EditError::UnknownNote(id) => write!(f, "no note has the id \"{id}\""),
            EditError::Limit(e) => write!(f, "this would make {e}; nothing was changed"),
        }
    }
}

impl std::error::Error for EditError {}

fn position(g: &Graph, id: &str) -> Result<usize, EditError> {
    g.nodes
        .iter()
        .position(|n| n.id == id)
        .ok_or_else(|| EditError::UnknownNode(id.to_owned()))
}

/// The positions of many nodes: one index for the graph instead of a scan
/// per id, so laying out or moving everything stays linear.
fn positions<'a>(
    g: &Graph,
    ids: impl ExactSizeIterator<Item = &'a String>,
) -> Result<Vec<usize>, EditError> {
    if ids.len() <= 8 {
        return ids.map(|id| position(g, id)).collect();
    }
    let at = g.positions();
    ids.map(|id| {
        at.get(id.as_str())
            .copied()
            .ok_or_else(|| EditError::UnknownNode(id.clone()))
    })
    .collect()
}

impl Edit {
    /// A new connection, drawn by the user: refused when the same two
    /// components are already connected in the same style (a second line
    /// would only hide the first). Undo may still restore duplicates that a
    /// loaded file holds.
    pub fn connect(g: &Graph, edge: Edge) -> Result<Edit, EditError> {
        if g.edges
            .iter()
            .any(|e| e.from == edge.from && e.to == edge.to && e.style == edge.style)
        {
            return Err(EditError::DuplicateEdge(
                g.name_of(&edge.from).to_owned(),
                g.name_of(&edge.to).to_owned(),
            ));
        }
        Ok(Edit::AddEdge {
            edge,
            index: g.edges.len(),
        })
    }

    /// A new connection drawn by the user from one component to another,
    /// however it is drawn (dragged on the canvas, chosen in the panel):
    /// asynchronous to or from a queue (as the importer draws them),
    /// otherwise synchronous; reading and writing when it ends on a data
    /// store.
    pub fn new_connection(g: &Graph, from: &str, to: &str) -> Edge {
        let kind = |id: &str| g.nodes.iter().find(|n| n.id == id).map(|n| n.kind);
        let store = kind(to).is_some_and(|k| k.is_data_store());
        let queue = [kind(from), kind(to)].contains(&Some(NodeKind::Queue));
        Edge {
            access: store.then_some(Access::ReadWrite),
            style: if queue {
                EdgeStyle::Async
            } else {
                EdgeStyle::Sync
            },
            ..Edge::new(from, to)
        }
    }

    /// Ticks a trait on or off a component; `None` when nothing changes or
    /// the component is gone.
    pub fn toggle_trait(g: &Graph, id: &str, name: &str, on: bool) -> Option<Edit> {
        let n = g.nodes.iter().find(|n| n.id == id)?;
        if n.traits.iter().any(|t| t == name) == on {
            return None;
        }
        let mut traits = n.traits.clone();
        traits.retain(|x| x != name);
        if on {
            traits.push(name.to_owned());
        }
        Some(Edit::SetTraits {
            id: id.to_owned(),
            traits,
        })
    }

    /// Applies the edit and returns the edit that undoes it. On error the
    /// graph is unchanged.
    pub fn apply(self, g: &mut Graph) -> Result<Edit, EditError> {
        Ok(match self {
            Edit::AddNode { node, index } => {
                if g.nodes.iter().any(|n| n.id == node.id) {
                    return Err(EditError::DuplicateNode(node.id));
                }
                let id = node.id.clone();
                g.nodes.insert(index.min(g.nodes.len()), node);
                Edit::RemoveNode { id }
            }
            Edit::RemoveNode { id } => {
                let index = position(g, &id)?;
                let mut edges = Vec::new();
                let mut i = 0;
                g.edges.retain(|e| {
                    let touches = e.from == id || e.to == id;
                    if touches {
                        edges.push((i, e.clone()));
                    }
                    i += 1;
                    !touches
                });
                let node = g.nodes.remove(index);
                Edit::RestoreNode { node, index, edges }
            }
            Edit::RestoreNode { node, index, edges } => {
                if g.nodes.iter().any(|n| n.id == node.id) {
                    return Err(EditError::DuplicateNode(node.id));
                }
                let id = node.id.clone();
                g.nodes.insert(index.min(g.nodes.len()), node);
                for (i, e) in edges {
                    g.edges.insert(i.min(g.edges.len()), e);
                }
                Edit::RemoveNode { id }
            }
            Edit::Move { ids, dx, dy } => {
                let indices = positions(g, ids.iter())?;
                let before = indices
                    .iter()
                    .map(|&i| (g.nodes[i].id.clone(), g.nodes[i].x, g.nodes[i].y))
                    .collect();
                for &i in &indices {
                    let n = &mut g.nodes[i];
                    n.x = Some(n.x.unwrap_or(0.0) + dx);
                    n.y = Some(n.y.unwrap_or(0.0) + dy);
                }
                Edit::SetPositions { positions: before }
            }
            Edit::SetPositions { positions: places } => {
                let indices = positions(g, places.iter().map(|(id, _, _)| id))?;
                let before = indices
                    .iter()
                    .map(|&i| (g.nodes[i].id.clone(), g.nodes[i].x, g.nodes[i].y))
                    .collect();
                for (&i, (_, x, y)) in indices.iter().zip(places) {
                    g.nodes[i].x = x;
                    g.nodes[i].y = y;
                }
                Edit::SetPositions { positions: before }
            }
            Edit::Rename { id, name } => {
                let i = position(g, &id)?;
                let old = std::mem::replace(&mut g.nodes[i].name, name);
                Edit::Rename { id, name: old }
            }
            Edit::SetKind { id, kind } => {
                let i = position(g, &id)?;
                let old = std::mem::replace(&mut g.nodes[i].kind, kind);
                Edit::SetKind { id, kind: old }
            }
            Edit::SetReplicas { id, replicas } => {
                if replicas == Some(0) {
                    return Err(EditError::ZeroReplicas);
                }
                let i = position(g, &id)?;
                let old = std::mem::replace(&mut g.nodes[i].replicas, replicas);
                Edit::SetReplicas { id, replicas: old }
            }
            Edit::SetTeam { id, team } => {
                let i = position(g, &id)?;
                let old = std::mem::replace(&mut g.nodes[i].team, team);
                Edit::SetTeam { id, team: old }
            }
            Edit::SetTraits { id, traits } => {
                let i = position(g, &id)?;
                let old = std::mem::replace(&mut g.nodes[i].traits, traits);
                Edit::SetTraits { id, traits: old }
            }
            Edit::AddEdge { edge, index } => {
                position(g, &edge.from)?;
                position(g, &edge.to)?;
                if edge.from == edge.to {
                    return Err(EditError::SelfLoop(edge.from));
                }

                let index = index.min(g.edges.len());
                g.edges.insert(index, edge);
                Edit::RemoveEdge { index }
            }
            Edit::RemoveEdge { index } => {
                if index >= g.edges.len() {
                    return Err(EditError::UnknownEdge(index));
                }
                let edge = g.edges.remove(index);
                Edit::AddEdge { edge, index }
            }
            Edit::SetEdge {
                index,
                style,
                access,
                label,
            } => {
                let e = g
                    .edges
                    .get_mut(index)
                    .ok_or(EditError::UnknownEdge(index))?;
                let old = Edit::SetEdge {
                    index,
                    style: e.style,
                    access: e.access,
                    label: e.label.clone(),
                };
                e.style = style;
                e.access = access;
                e.label = label;
                old
            }
            Edit::SetEvidence { id, evidence } => {
                let i = position(g, &id)?;
                let old = std::mem::replace(&mut g.nodes[i].evidence, evidence);
                Edit::SetEvidence { id, evidence: old }
            }
            Edit::SetEdgeEvidence { index, evidence } => {
                let e = g
                    .edges
                    .get_mut(index)
                    .ok_or(EditError::UnknownEdge(index))?;
                let old = std::mem::replace(&mut e.evidence, evidence);
                Edit::SetEdgeEvidence {
                    index,
                    evidence: old,
                }
            }
            Edit::AddNote { note, index } => {
                let taken = g.notes.iter().any(|n| n.id == note.id)
                    || g.nodes.iter().any(|n| n.id == note.id);
                if taken {
                    return Err(EditError::DuplicateNode(note.id));
                }
                let id = note.id.clone();
                g.notes.insert(index.min(g.notes.len()), note);
                Edit::RemoveNote { id }
            }
            Edit::RemoveNote { id } => {
                let index = g
                    .notes
                    .iter()
                    .position(|n| n.id == id)
                    .ok_or(EditError::UnknownNote(id))?;
                let note = g.notes.remove(index);
                Edit::AddNote { note, index }
            }
            Edit::SetNote { id, text, x, y } => {
                let n = g
                    .notes
                    .iter_mut()
                    .find(|n| n.id == id)
                    .ok_or_else(|| EditError::UnknownNote(id.clone()))?;
                Edit::SetNote {
                    id,
                    text: std::mem::replace(&mut n.text, text),
                    x: std::mem::replace(&mut n.x, x),
                    y: std::mem::replace(&mut n.y, y),
                }
            }
            Edit::Batch(edits) => {
                // All or nothing: on an error, undo what was applied.
                let mut inverses = Vec::with_capacity(edits.len());
                for edit in edits {
                    match edit.apply(g) {
                        Ok(inv) => inverses.push(inv),
                        Err(e) => {
                            for inv in inverses.into_iter().rev() {
                                // Each inverse applies: its edit was applied just before.
                                let undone = inv.apply(g);
                                debug_assert!(undone.is_ok());
                            }
                            return Err(e);
                        }
                    }
                }
                inverses.reverse();
                Edit::Batch(inverses)
            }
        })
    }
}

/// Applies `edit` unless it would take the graph past [`crate::limits`],
/// or grow a graph already past them; then the graph is left as it was.
pub fn apply_within_limits(g: &mut Graph, edit: Edit) -> Result<Edit, EditError> {
    let before = (g.nodes.len(), g.edges.len());
    let inverse = edit.apply(g)?;
    let after = (g.nodes.len(), g.edges.len());
    if let Err(e) = crate::limits::check_counts(after.0, after.1) {
        let grew = match e.measure {
            crate::limits::Measure::Components => after.0 > before.0,
            _ => after.1 > before.1,
        };
        if grew {
            // The inverse of an edit that just applied always applies.
            let undone = inverse.apply(g);
            debug_assert!(undone.is_ok());
            return Err(EditError::Limit(e));
        }
    }
    Ok(inverse)
}

/// Undo and redo stacks over one graph.
#[derive(Debug, Clone, Default)]
pub struct History {
    undo: Vec<Edit>,
    redo: Vec<Edit>,
    /// Consecutive moves of the same nodes in one gesture merge into one step.
    gesture: Option<u64>,
}

/// Steps kept for undo.
pub const HISTORY_LIMIT: usize = 500;

impl History {
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Applies an edit as a new step. An edit that would take the graph past
    /// [`crate::limits`] (a paste, a template, a duplicate) is refused and
    /// changes nothing.
    pub fn apply(&mut self, g: &mut Graph, edit: Edit) -> Result<(), EditError> {
        let inverse = apply_within_limits(g, edit)?;
        self.push(inverse);
        self.gesture = None;
        Ok(())
    }

    /// Applies one step of a drag; steps with the same `gesture` become one
    /// undo step.
    pub fn apply_drag(
        &mut self,
        g: &mut Graph,
        ids: Vec<String>,
        dx: f64,
        dy: f64,
        gesture: u64,
    ) -> Result<(), EditError> {
        let inverse = Edit::Move { ids, dx, dy }.apply(g)?;
        if self.gesture == Some(gesture) && !self.undo.is_empty() {
            // The first step's inverse already holds the positions before the drag.
        } else {
            self.push(inverse);
            self.gesture = Some(gesture);
        }
        Ok(())
    }

    fn push(&mut self, inverse: Edit) {
        self.undo.push(inverse);
        if self.undo.len() > HISTORY_LIMIT {
            self.undo.remove(0);
        }
        self.redo.clear();
    }

    /// Undoes one step. Returns false when there is none, or when the graph
    /// was changed behind the history's back (another tab, an import) so that
    /// the step no longer applies: the history is then dropped, since none of
    /// it can be trusted, and the graph stays as it is.
    pub fn undo(&mut self, g: &mut Graph) -> bool {
        self.gesture = None;
        let Some(edit) = self.undo.pop() else {
            return false;
        };
        match edit.apply(g) {
            Ok(inverse) => {
                self.redo.push(inverse);
                true
            }
            Err(_) => {
                *self = History::default();
                false
            }
        }
    }

    /// Redoes one step; see [`History::undo`] for when it cannot.
    pub fn redo(&mut self, g: &mut Graph) -> bool {
        self.gesture = None;
        let Some(edit) = self.redo.pop() else {
            return false;
        };
        match edit.apply(g) {
            Ok(inverse) => {
                self.undo.push(inverse);
                true
            }
            Err(_) => {
                *self = History::default();
                false
            }
        }
    }
}

#[cfg(test)]
mod history_tests {
    use super::*;
    use crate::workbook::Node;

    #[test]
    fn undo_after_the_graph_changed_elsewhere_drops_the_history_instead_of_failing() {
        let mut g = Graph::default();
        let mut h = History::default();
        h.apply(
            &mut g,
            Edit::AddNode {
                node: Node::new("a", "A", NodeKind::Service),
                index: 0,
            },
        )
        .unwrap();
        h.apply(
            &mut g,
            Edit::Rename {
                id: "a".into(),
                name: "B".into(),
            },
        )
        .unwrap();
        // Another tab's version replaces the graph: "a" is gone.
        g = Graph::default();
        assert!(!h.undo(&mut g));
        assert!(!h.can_undo() && !h.can_redo());
        assert_eq!(g, Graph::default());
    }
}
