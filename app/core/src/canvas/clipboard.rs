//! Copy, paste and duplicate of selected components, as diagram editors do
//! (Ctrl+C, Ctrl+V, Ctrl+D): the components with everything said about
//! them, and the connections among them; never a connection to a component
//! left behind, which would be a guess about the copy's callers.

use std::collections::{HashMap, HashSet};

use super::edit::Edit;
use super::geometry::Point;
use crate::workbook::{Edge, Graph, Node};

/// How far a pasted copy lands from what it copies, so both stay visible.
pub const PASTE_OFFSET: f64 = 32.0;

/// Components taken from a graph, and the connections among them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Clip {
    pub nodes: Vec<Node>,
    pub edges: Vec<Edge>,
}

impl Clip {
    /// The components `ids` of `g` (in the graph's order) and the edges
    /// whose two ends are both among them.
    pub fn copy(g: &Graph, ids: &[String]) -> Clip {
        let chosen: HashSet<&str> = ids.iter().map(String::as_str).collect();
        let nodes: Vec<Node> = g
            .nodes
            .iter()
            .filter(|n| chosen.contains(n.id.as_str()))
            .cloned()
            .collect();
        let edges = g
            .edges
            .iter()
            .filter(|e| chosen.contains(e.from.as_str()) && chosen.contains(e.to.as_str()))
            .cloned()
            .collect();
        Clip { nodes, edges }
    }

    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    /// One undoable edit that adds a copy of the clip to `g`, `times`
    /// offsets down and right of the original, with ids and names not used
    /// yet ("orders (copy)", "orders (copy 2)"); and the new ids, to select.
    pub fn paste(&self, g: &Graph, times: usize) -> (Edit, Vec<String>) {
        // Hash sets, so that pasting hundreds of components into a graph of
        // hundreds stays linear.
        let mut ids: HashSet<String> = g.nodes.iter().map(|n| n.id.clone()).collect();
        let mut names: HashSet<String> = g.nodes.iter().map(|n| n.name.clone()).collect();
        let fresh = |taken: &HashSet<String>, make: &dyn Fn(usize) -> String| {
            (1..)
                .map(make)
                .find(|c| !taken.contains(c))
                .expect("some number is free")
        };
        let shift = PASTE_OFFSET * times.max(1) as f64;
        let mut renamed: HashMap<String, String> = HashMap::new();
        let mut order: Vec<String> = Vec::new();
        let mut edits = Vec::new();
        for (k, n) in self.nodes.iter().enumerate() {
            let mut copy = n.clone();
            let id = fresh(&ids, &|i| {
                if i == 1 {
                    format!("{}-copy", n.id)
                } else {
                    format!("{}-copy-{i}", n.id)
                }
            });
            let base = n.display_name().to_owned();
            let name = fresh(&names, &|i| {
                if i == 1 {
                    format!("{base} (copy)")
                } else {
                    format!("{base} (copy {i})")
                }
            });
            copy.id = id.clone();
            copy.name = name.clone();
            let at = Point::new(n.x.unwrap_or(0.0), n.y.unwrap_or(0.0));
            copy.x = Some(at.x + shift);
            copy.y = Some(at.y + shift);
            ids.insert(id.clone());
            names.insert(name);
            renamed.insert(n.id.clone(), id.clone());
            order.push(id);
            edits.push(Edit::AddNode {
                node: copy,
                index: g.nodes.len() + k,
            });
        }
        let mut index = g.edges.len();
        for e in &self.edges {
            if let (Some(from), Some(to)) = (renamed.get(&e.from), renamed.get(&e.to)) {
                let mut copy = e.clone();
                copy.from = from.clone();
                copy.to = to.clone();
                edits.push(Edit::AddEdge { edge: copy, index });
                index += 1;
            }
        }
        (Edit::Batch(edits), order)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workbook::NodeKind;

    fn graph() -> Graph {
        let mut g = Graph::default();
        for (i, id) in ["api", "db", "cache"].iter().enumerate() {
            let mut n = Node::new(*id, *id, NodeKind::Service);
            n.x = Some(100.0 * i as f64);
            n.y = Some(0.0);
            n.replicas = Some(3);
            n.traits = vec!["traced".into()];
            g.nodes.push(n);
        }
        g.edges = vec![Edge::new("api", "db"), Edge::new("api", "cache")];
        g
    }

    #[test]
    fn a_copy_keeps_what_was_said_and_the_connections_among_the_copied() {
        let mut g = graph();
        let clip = Clip::copy(&g, &["api".into(), "db".into()]);
        assert_eq!(clip.edges, vec![Edge::new("api", "db")]);
        let (edit, ids) = clip.paste(&g, 1);
        assert_eq!(ids, ["api-copy", "db-copy"]);
        edit.apply(&mut g).unwrap();
        let copy = g.nodes.iter().find(|n| n.id == "api-copy").unwrap();
        assert_eq!(copy.name, "api (copy)");
        assert_eq!((copy.x, copy.y), (Some(PASTE_OFFSET), Some(PASTE_OFFSET)));
        assert_eq!(
            (copy.replicas, copy.traits.clone()),
            (Some(3), vec!["traced".to_owned()])
        );
        // The edge among the copies is copied; the one to the cache is not.
        assert!(g
            .edges
            .iter()
            .any(|e| e.from == "api-copy" && e.to == "db-copy"));
        assert_eq!(g.edges.iter().filter(|e| e.from == "api-copy").count(), 1);
    }

    #[test]
    fn pasting_again_takes_new_ids_and_names_and_lands_further_on() {
        let mut g = graph();
        let clip = Clip::copy(&g, &["db".into()]);
        for times in 1..=2 {
            let (edit, _) = clip.paste(&g, times);
            edit.apply(&mut g).unwrap();
        }
        let names: Vec<&str> = g.nodes.iter().map(|n| n.name.as_str()).collect();
        assert_eq!(names, ["api", "db", "cache", "db (copy)", "db (copy 2)"]);
        assert_eq!(g.nodes[4].x, Some(100.0 + 2.0 * PASTE_OFFSET));
        // One undo takes a paste back.
        let (edit, _) = clip.paste(&g, 3);
        let before = g.clone();
        let undo = edit.apply(&mut g).unwrap();
        undo.apply(&mut g).unwrap();
        assert_eq!(g, before);
    }
}
