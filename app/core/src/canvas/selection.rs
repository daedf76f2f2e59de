//! What the editor points at: edge identity, the selection, and the text a
//! person is typing into the properties panel (a draft of one edit).
//!
//! The rules here are the ones a user notices when they are wrong: a
//! selection never names something that is gone, an undo that puts an edge
//! back does not move the selection to another edge, and text typed into a
//! field becomes exactly one edit of exactly the component it was typed for,
//! however the field is left.

use crate::workbook::{Graph, Node};

use super::Edit;

/// An edge's identity: its ends, and which of the edges between them it is
/// (the file format gives edges no ids). Stable across edits elsewhere in the
/// list, unlike its position.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct EdgeId {
    pub from: String,
    pub to: String,
    /// 0 for the first edge from `from` to `to` in the list, 1 for the next.
    pub nth: usize,
}

impl EdgeId {
    /// The identity of the edge at `index`, if there is one.
    pub fn of(g: &Graph, index: usize) -> Option<EdgeId> {
        let e = g.edges.get(index)?;
        let nth = g.edges[..index]
            .iter()
            .filter(|x| x.from == e.from && x.to == e.to)
            .count();
        Some(EdgeId {
            from: e.from.clone(),
            to: e.to.clone(),
            nth,
        })
    }

    /// Where the edge is in the list now.
    pub fn index(&self, g: &Graph) -> Option<usize> {
        g.edges
            .iter()
            .enumerate()
            .filter(|(_, e)| e.from == self.from && e.to == self.to)
            .nth(self.nth)
            .map(|(i, _)| i)
    }

    /// Every edge's identity, in list order (one pass).
    pub fn all(g: &Graph) -> Vec<EdgeId> {
        let mut seen: std::collections::HashMap<(&str, &str), usize> = Default::default();
        g.edges
            .iter()
            .map(|e| {
                let n = seen.entry((e.from.as_str(), e.to.as_str())).or_default();
                *n += 1;
                EdgeId {
                    from: e.from.clone(),
                    to: e.to.clone(),
                    nth: *n - 1,
                }
            })
            .collect()
    }
}

/// One connection of a component, as its properties panel lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct Link {
    pub edge: EdgeId,
    /// "→ Orders" for an outgoing edge, "← Web" for an incoming one.
    pub text: String,
    pub is_async: bool,
}

/// Every connection to or from a component, in list order.
pub fn links(g: &Graph, id: &str) -> Vec<Link> {
    EdgeId::all(g)
        .into_iter()
        .zip(&g.edges)
        .filter(|(_, e)| e.from == id || e.to == id)
        .map(|(edge, e)| Link {
            text: if e.from == id {
                format!("→ {}", g.name_of(&e.to))
            } else {
                format!("← {}", g.name_of(&e.from))
            },
            is_async: e.style == crate::workbook::EdgeStyle::Async,
            edge,
        })
        .collect()
}

/// What a review finding is about, shown on the canvas: its components and
/// every edge between the pairs it names (a finding is about a relationship,
/// so parallel edges between the same two components all light up).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Highlight {
    pub nodes: Vec<String>,
    pub edges: Vec<EdgeId>,
}

impl Highlight {
    pub fn of(finding: &crate::analysis::Finding, g: &Graph) -> Highlight {
        let edges = EdgeId::all(g)
            .into_iter()
            .filter(|e| {
                finding
                    .edges
                    .iter()
                    .any(|(a, b)| **a == *e.from && **b == *e.to)
            })
            .collect();
        Highlight {
            nodes: finding.nodes.iter().map(|n| n.to_string()).collect(),
            edges,
        }
    }
}

/// What is selected on the canvas: nodes, or one edge.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Selection {
    pub nodes: Vec<String>,
    pub edge: Option<EdgeId>,
}

impl Selection {
    pub fn node(id: &str) -> Selection {
        Selection {
            nodes: vec![id.to_owned()],
            edge: None,
        }
    }

    pub fn edge(id: EdgeId) -> Selection {
        Selection {
            nodes: vec![],
            edge: Some(id),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty() && self.edge.is_none()
    }

    /// A click on a node: it alone, or (with Shift) added to or taken out of
    /// the selection. An edge selection ends either way.
    pub fn click_node(&mut self, id: &str, additive: bool) {
        self.edge = None;
        if additive {
            if let Some(i) = self.nodes.iter().position(|n| n == id) {
                self.nodes.remove(i);
            } else {
                self.nodes.push(id.to_owned());
            }
        } else if self.nodes != [id] {
            self.nodes = vec![id.to_owned()];
        }
    }

    /// The edit that deletes what is selected, as one undo step: the edge,
    /// or every selected component (with its edges). `None` when nothing
    /// that exists is selected.
    pub fn removal(&self, g: &Graph) -> Option<Edit> {
        if let Some(index) = self.edge.as_ref().and_then(|e| e.index(g)) {
            return Some(Edit::RemoveEdge { index });
        }
        let ids: Vec<Edit> = self
            .nodes
            .iter()
            .filter(|id| g.nodes.iter().any(|n| n.id == **id))
            .map(|id| Edit::RemoveNode { id: id.clone() })
            .collect();
        (!ids.is_empty()).then_some(Edit::Batch(ids))
    }

    /// Drops what no longer exists. Returns whether anything was dropped.
    pub fn prune(&mut self, g: &Graph) -> bool {
        let before = (self.nodes.len(), self.edge.is_some());
        self.nodes.retain(|id| g.nodes.iter().any(|n| n.id == *id));
        if self.edge.as_ref().is_some_and(|e| e.index(g).is_none()) {
            self.edge = None;
        }
        before != (self.nodes.len(), self.edge.is_some())
    }
}

/// A text field of the properties panel, tied to the component or
/// connection it edits.
#[derive(Debug, Clone, PartialEq)]
pub enum Property {
    Name(String),
    Team(String),
    Instances(String),
    EdgeLabel(EdgeId),
}

impl Property {
    /// The field's value as stored, as the field shows it.
    pub fn current(&self, g: &Graph) -> Option<String> {
        let node = |id: &str| g.nodes.iter().find(|n| n.id == id);
        Some(match self {
            Property::Name(id) => node(id)?.name.clone(),
            Property::Team(id) => node(id)?.team.clone().unwrap_or_default(),
            Property::Instances(id) => node(id)?
                .replicas
                .map(|r| r.to_string())
                .unwrap_or_default(),
            Property::EdgeLabel(e) => g.edges[e.index(g)?].label.clone().unwrap_or_default(),
        })
    }
}

/// Text typed into a field and not yet saved.
#[derive(Debug, Clone, PartialEq)]
pub struct Draft {
    pub field: Property,
    pub text: String,
    /// What the field held when typing began.
    pub was: Option<String>,
}

/// What leaving a field does with its draft.
#[derive(Debug, Clone, PartialEq)]
pub enum Commit {
    /// The text says what is stored already (or its target is gone).
    Unchanged,
    /// One undoable edit.
    Edit(Box<Edit>),
    /// The text cannot be stored; the stored value stays. The message says
    /// why, in words for the person who typed it.
    Refused(String),
}

impl Draft {
    /// Text typed into `field` of `g`, which held `was` when typing began
    /// (kept from the draft before, when it is for the same field).
    pub fn typed(field: Property, text: String, before: Option<&Draft>, g: &Graph) -> Draft {
        let was = match before {
            Some(d) if d.field == field => d.was.clone(),
            _ => field.current(g),
        };
        Draft { field, text, was }
    }

    /// A value saved elsewhere (another tab, another person) since typing
    /// began, that differs from what is typed: shown beside the field. What
    /// was typed still wins when the field is left; an incoming change never
    /// overwrites a field being typed in.
    pub fn newer(&self, g: &Graph) -> Option<String> {
        let now = self.field.current(g)?;
        (Some(&now) != self.was.as_ref() && now != self.text.trim()).then_some(now)
    }

    /// The edit this draft makes to `g`.
    pub fn commit(&self, g: &Graph) -> Commit {
        let text = self.text.trim();
        let node = |id: &str| -> Option<&Node> { g.nodes.iter().find(|n| n.id == id) };
        let optional = || (!text.is_empty()).then(|| text.to_owned());
        let edit = match &self.field {
            Property::Name(id) => {
                let Some(n) = node(id) else {
                    return Commit::Unchanged;
                };
                if text.is_empty() {
                    return Commit::Refused(format!(
                        "A component needs a name; \"{}\" keeps its name.",
                        n.display_name()
                    ));
                }
                (n.name != text).then(|| Edit::Rename {
                    id: id.clone(),
                    name: text.to_owned(),
                })
            }
            Property::Team(id) => {
                let Some(n) = node(id) else {
                    return Commit::Unchanged;
                };
                (n.team.as_deref() != optional().as_deref()).then(|| Edit::SetTeam {
                    id: id.clone(),
                    team: optional(),
                })
            }
            Property::Instances(id) => {
                let Some(n) = node(id) else {
                    return Commit::Unchanged;
                };
                let replicas = match parse_instances(text) {
                    Ok(r) => r,
                    Err(why) => return Commit::Refused(why),
                };
                (n.replicas != replicas).then(|| Edit::SetReplicas {
                    id: id.clone(),
                    replicas,
                })
            }
            Property::EdgeLabel(edge) => {
                let Some(index) = edge.index(g) else {
                    return Commit::Unchanged;
                };
                let e = &g.edges[index];
                (e.label.as_deref() != optional().as_deref()).then(|| Edit::SetEdge {
                    index,
                    style: e.style,
                    access: e.access,
                    label: optional(),
                })
            }
        };
        edit.map_or(Commit::Unchanged, |e| Commit::Edit(Box::new(e)))
    }
}

/// The instances field: empty means "not stated" (the review then asks),
/// otherwise a whole number of at least one.
pub fn parse_instances(text: &str) -> Result<Option<u32>, String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    match text.parse::<u32>() {
        Ok(n) if n >= 1 => Ok(Some(n)),
        _ => Err(format!(
            "\"{}\" is not a number of instances: enter a whole number, 1 or more, or leave it empty if you do not know.",
            text.chars().take(20).collect::<String>()
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workbook::{Edge, NodeKind};

    fn graph() -> Graph {
        let mut g = Graph::default();
        for id in ["a", "b", "c"] {
            g.nodes
                .push(Node::new(id, id.to_uppercase(), NodeKind::Service));
        }
        g.edges.push(Edge::new("a", "b"));
        g.edges.push(Edge::new("b", "c"));
        g.edges.push(Edge::new("a", "b"));
        g
    }

    #[test]
    fn an_edge_keeps_its_identity_when_edges_before_it_come_and_go() {
        let mut g = graph();
        let second_ab = EdgeId::of(&g, 2).unwrap();
        assert_eq!(second_ab.nth, 1);
        let bc = EdgeId::of(&g, 1).unwrap();
        assert_eq!(
            EdgeId::all(&g),
            vec![EdgeId::of(&g, 0).unwrap(), bc.clone(), second_ab.clone()]
        );
        // Removing the edge before b → c moves it in the list, not its identity.
        let inverse = Edit::RemoveEdge { index: 0 }.apply(&mut g).unwrap();
        assert_eq!(bc.index(&g), Some(0));
        // Undo puts a → b back in front: b → c is found again where it went.
        inverse.apply(&mut g).unwrap();
        assert_eq!(bc.index(&g), Some(1));
        assert_eq!(g.edges[bc.index(&g).unwrap()].to, "c");
        assert_eq!(second_ab.index(&g), Some(2));
    }

    #[test]
    fn a_selection_forgets_what_was_deleted() {
        let mut g = graph();
        let mut s = Selection::edge(EdgeId::of(&g, 1).unwrap());
        assert!(!s.prune(&g));
        g.edges.remove(1);
        assert!(s.prune(&g));
        assert!(s.is_empty());
        let mut s = Selection::node("a");
        s.click_node("c", true);
        g.nodes.retain(|n| n.id != "a");
        assert!(s.prune(&g));
        assert_eq!(s.nodes, ["c"]);
    }

    #[test]
    fn shift_click_adds_and_removes_and_a_plain_click_replaces() {
        let mut s = Selection::node("a");
        s.click_node("b", true);
        assert_eq!(s.nodes, ["a", "b"]);
        s.click_node("a", true);
        assert_eq!(s.nodes, ["b"]);
        s.click_node("c", false);
        assert_eq!(s.nodes, ["c"]);
    }

    fn draft(field: Property, text: &str) -> Draft {
        Draft {
            was: None,
            field,
            text: text.to_owned(),
        }
    }

    #[test]
    fn a_draft_edits_the_component_it_was_typed_for() {
        let g = graph();
        assert_eq!(
            draft(Property::Name("b".into()), "  orders ").commit(&g),
            Commit::Edit(Box::new(Edit::Rename {
                id: "b".into(),
                name: "orders".into()
            }))
        );
        assert_eq!(
            draft(Property::Team("c".into()), "payments").commit(&g),
            Commit::Edit(Box::new(Edit::SetTeam {
                id: "c".into(),
                team: Some("payments".into())
            }))
        );
        let label = draft(Property::EdgeLabel(EdgeId::of(&g, 2).unwrap()), "retries");
        assert_eq!(
            label.commit(&g),
            Commit::Edit(Box::new(Edit::SetEdge {
                index: 2,
                style: g.edges[2].style,
                access: None,
                label: Some("retries".into())
            }))
        );
    }

    #[test]
    fn text_that_changes_nothing_makes_no_undo_step() {
        let g = graph();
        assert_eq!(
            draft(Property::Name("a".into()), "A ").commit(&g),
            Commit::Unchanged
        );
        assert_eq!(
            draft(Property::Team("a".into()), "  ").commit(&g),
            Commit::Unchanged
        );
        assert_eq!(
            draft(Property::Instances("a".into()), "").commit(&g),
            Commit::Unchanged
        );
        // A component deleted meanwhile is not brought back by its draft.
        assert_eq!(
            draft(Property::Name("zz".into()), "x").commit(&g),
            Commit::Unchanged
        );
    }

    #[test]
    fn instances_are_stated_as_typed_and_bad_numbers_are_refused() {
        let g = graph();
        assert_eq!(
            draft(Property::Instances("a".into()), "1").commit(&g),
            Commit::Edit(Box::new(Edit::SetReplicas {
                id: "a".into(),
                replicas: Some(1)
            })),
            "one instance typed is a fact, not the absence of one"
        );
        for bad in ["0", "-2", "two", "1.5"] {
            assert!(matches!(
                draft(Property::Instances("a".into()), bad).commit(&g),
                Commit::Refused(_)
            ));
        }
        assert!(matches!(
            draft(Property::Name("a".into()), " ").commit(&g),
            Commit::Refused(m) if m.contains("keeps its name")
        ));
    }

    #[test]
    fn the_field_shows_what_is_stored() {
        let mut g = graph();
        g.nodes[0].replicas = Some(3);
        assert_eq!(
            Property::Instances("a".into()).current(&g).as_deref(),
            Some("3")
        );
        assert_eq!(
            Property::Instances("b".into()).current(&g).as_deref(),
            Some("")
        );
        assert_eq!(Property::Name("zz".into()).current(&g), None);
    }
}

#[cfg(test)]
mod typing {
    use super::*;
    use crate::workbook::NodeKind;

    #[test]
    fn a_value_saved_elsewhere_while_typing_is_shown_and_what_was_typed_wins() {
        let mut g = Graph::default();
        g.nodes
            .push(Node::new("r", "Restaurants", NodeKind::Service));
        let field = Property::Name("r".into());
        let d = Draft::typed(field.clone(), "Restaurants c".into(), None, &g);
        assert_eq!(d.was.as_deref(), Some("Restaurants"));
        assert_eq!(d.newer(&g), None);
        // Another tab renames it while this one types.
        g.nodes[0].name = "Restaurants X".into();
        let d = Draft::typed(field, "Restaurants catalogue".into(), Some(&d), &g);
        assert_eq!(
            d.was.as_deref(),
            Some("Restaurants"),
            "kept from the first keystroke"
        );
        assert_eq!(d.newer(&g).as_deref(), Some("Restaurants X"));
        let Commit::Edit(edit) = d.commit(&g) else {
            panic!()
        };
        assert_eq!(
            *edit,
            Edit::Rename {
                id: "r".into(),
                name: "Restaurants catalogue".into()
            }
        );
    }
}
