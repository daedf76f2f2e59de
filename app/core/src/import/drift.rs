//! "Update graph from files": what differs between the drawn graph and what
//! the files say runs, and one edit that brings the graph up to date while
//! keeping positions, names, kinds and everything set by hand.
//!
//! A node of the graph matches a component of the files by id, else by the
//! slug of its name. Nodes and edges drawn by hand (no evidence) are never
//! removed: they are listed as "only in the design". Imported ones the files
//! no longer hold are removed.

use std::collections::{BTreeMap, BTreeSet};

use crate::canvas::geometry::{NODE_H, NODE_W};
use crate::canvas::Edit;
use crate::library::slug;
use crate::workbook::{Edge, Graph, Node};

/// One difference, in words, for the preview.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    /// The node it is about (its name in the design).
    pub name: String,
    pub what: String,
}

#[derive(Debug, Clone, Default)]
pub struct Drift {
    /// Components in the files and not in the design.
    pub added: Vec<Node>,
    /// Imported nodes the files no longer hold (by id).
    pub removed: Vec<(String, String)>,
    /// Nodes drawn by hand that the files do not hold: kept.
    pub design_only: Vec<String>,
    /// Changes to nodes in both, as words.
    pub changed: Vec<Change>,
    /// Differences noticed and not applied (a kind the team changed).
    pub kept: Vec<Change>,
    /// Edges in the files and not in the design (with design ids).
    pub added_edges: Vec<Edge>,
    /// Imported edges the files no longer hold: "from → to" by name.
    pub removed_edges: Vec<String>,
    edit: Vec<Edit>,
}

impl Drift {
    /// Whether the design already matches the files.
    pub fn is_empty(&self) -> bool {
        self.edit.is_empty()
    }

    /// The update as one undoable edit.
    pub fn edit(&self) -> Edit {
        Edit::Batch(self.edit.clone())
    }

    /// The preview, section by section (empty sections left out): a
    /// heading and one line per difference, components by the name the
    /// design gives them.
    pub fn sections(&self, design: &Graph) -> Vec<(&'static str, Vec<String>)> {
        let name = |id: &str| {
            design
                .nodes
                .iter()
                .chain(&self.added)
                .find(|n| n.id == id)
                .map_or(id.to_owned(), |n| n.display_name().to_owned())
        };
        let changes = |list: &[Change]| -> Vec<String> {
            list.iter()
                .map(|c| format!("{}: {}", c.name, c.what))
                .collect()
        };
        let all = [
            (
                "Added",
                self.added
                    .iter()
                    .map(|n| format!("{} ({})", n.display_name(), n.kind.label()))
                    .collect(),
            ),
            (
                "Removed (no longer in the files)",
                self.removed.iter().map(|(_, n)| n.clone()).collect(),
            ),
            ("Changed", changes(&self.changed)),
            (
                "New edges",
                self.added_edges
                    .iter()
                    .map(|e| format!("{} → {}", name(&e.from), name(&e.to)))
                    .collect(),
            ),
            ("Removed edges", self.removed_edges.clone()),
            ("Kept as you drew them", changes(&self.kept)),
            ("Only in the design (kept)", self.design_only.clone()),
        ];
        all.into_iter().filter(|(_, l)| !l.is_empty()).collect()
    }

    /// One sentence on what applying it did.
    pub fn summary(&self) -> String {
        format!(
            "Updated the graph from the files: {} added, {} removed, {} changed.",
            self.added.len(),
            self.removed.len(),
            self.changed.len()
        )
    }
}

/// Compares the design with a graph imported from files.
pub fn compare(design: &Graph, files: &Graph) -> Drift {
    let mut d = Drift::default();
    // File id → design id.
    let mut matched: BTreeMap<&str, &str> = BTreeMap::new();
    for f in &files.nodes {
        let hit = design
            .nodes
            .iter()
            .find(|n| n.id == f.id)
            .or_else(|| design.nodes.iter().find(|n| slug(&n.name) == f.id));
        if let Some(n) = hit {
            if !matched.values().any(|v| *v == n.id) {
                matched.insert(&f.id, &n.id);
            }
        }
    }
    let kept_ids: BTreeSet<&str> = matched.values().copied().collect();
    let name_of = |id: &str| {
        design
            .nodes
            .iter()
            .find(|n| n.id == id)
            .or_else(|| files.nodes.iter().find(|n| n.id == id))
            .map_or(id.to_owned(), |n| n.display_name().to_owned())
    };

    // Edges first: imported ones the files no longer hold, between nodes
    // that stay (a removed node takes its edges with it). Highest index first.
    let files_pairs: BTreeSet<(String, String)> = files
        .edges
        .iter()
        .filter_map(|e| {
            Some((
                matched.get(e.from.as_str())?.to_string(),
                matched.get(e.to.as_str())?.to_string(),
            ))
        })
        .collect();
    let removed_nodes: Vec<&Node> = design
        .nodes
        .iter()
        .filter(|n| !kept_ids.contains(n.id.as_str()) && !n.evidence.is_empty())
        .collect();
    let gone = |id: &str| removed_nodes.iter().any(|n| n.id == id);
    for (i, e) in design.edges.iter().enumerate().rev() {
        if e.evidence.is_empty() || gone(&e.from) || gone(&e.to) {
            continue;
        }
        if !files_pairs.contains(&(e.from.clone(), e.to.clone())) {
            d.removed_edges
                .push(format!("{} → {}", name_of(&e.from), name_of(&e.to)));
            d.edit.push(Edit::RemoveEdge { index: i });
        }
    }
    d.removed_edges.reverse();
    for n in &removed_nodes {
        d.removed.push((n.id.clone(), n.display_name().to_owned()));
        d.edit.push(Edit::RemoveNode { id: n.id.clone() });
    }
    for n in &design.nodes {
        if !kept_ids.contains(n.id.as_str()) && n.evidence.is_empty() {
            d.design_only.push(n.display_name().to_owned());
        }
    }

    // Nodes in both: instances, traits and evidence follow the files; the
    // name, kind and position stay the team's.
    for f in &files.nodes {
        let Some(&id) = matched.get(f.id.as_str()) else {
            continue;
        };
        let n = design.nodes.iter().find(|n| n.id == id).expect("matched");
        let name = n.display_name().to_owned();
        if f.replicas.is_some() && f.replicas != n.replicas {
            let was = n
                .replicas
                .map_or("not stated".to_owned(), |r| r.to_string());
            d.changed.push(Change {
                name: name.clone(),
                what: format!("instances {was} → {}", f.replicas.unwrap_or(1)),
            });
            d.edit.push(Edit::SetReplicas {
                id: id.to_owned(),
                replicas: f.replicas,
            });
        }
        let new_traits: Vec<&String> = f.traits.iter().filter(|t| !n.traits.contains(t)).collect();
        if !new_traits.is_empty() {
            let mut traits = n.traits.clone();
            traits.extend(new_traits.iter().map(|t| (*t).clone()));
            d.changed.push(Change {
                name: name.clone(),
                what: format!(
                    "traits added: {}",
                    new_traits
                        .iter()
                        .map(|t| t.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            });
            d.edit.push(Edit::SetTraits {
                id: id.to_owned(),
                traits,
            });
        }
        if f.kind != n.kind {
            d.kept.push(Change {
                name: name.clone(),
                what: format!(
                    "the files suggest {}; the design says {}, which is kept",
                    f.kind.label(),
                    n.kind.label()
                ),
            });
        }
        if f.evidence != n.evidence {
            d.edit.push(Edit::SetEvidence {
                id: id.to_owned(),
                evidence: f.evidence.clone(),
            });
        }
    }

    // New components, in a column right of the drawing.
    let right = design
        .nodes
        .iter()
        .filter_map(|n| n.x)
        .fold(None, |m: Option<f64>, x| Some(m.map_or(x, |m| m.max(x))));
    let top = design
        .nodes
        .iter()
        .filter_map(|n| n.y)
        .fold(None, |m: Option<f64>, y| Some(m.map_or(y, |m| m.min(y))));
    let x = right.map_or(0.0, |r| r + NODE_W + 120.0);
    let mut taken: BTreeSet<String> = design.nodes.iter().map(|n| n.id.clone()).collect();
    let mut new_ids: BTreeMap<&str, String> = BTreeMap::new();
    for f in files
        .nodes
        .iter()
        .filter(|f| !matched.contains_key(f.id.as_str()))
    {
        let mut node = f.clone();
        let mut id = f.id.clone();
        let mut k = 2;
        while taken.contains(&id) {
            id = format!("{}-{k}", f.id);
            k += 1;
        }
        taken.insert(id.clone());
        node.id = id.clone();
        node.x = Some(x);
        node.y = Some(top.unwrap_or(0.0) + d.added.len() as f64 * (NODE_H + 40.0));
        new_ids.insert(&f.id, id);
        d.edit.push(Edit::AddNode {
            node: node.clone(),
            index: usize::MAX,
        });
        d.added.push(node);
    }

    // New edges, with design ids.
    let design_pairs: BTreeMap<(&str, &str), usize> = design
        .edges
        .iter()
        .enumerate()
        .map(|(i, e)| ((e.from.as_str(), e.to.as_str()), i))
        .collect();
    let to_design = |id: &str| -> Option<String> {
        matched
            .get(id)
            .map(|s| s.to_string())
            .or_else(|| new_ids.get(id).cloned())
    };
    // Removals above shift indices; evidence updates are applied to edges
    // found again by their ends, after all structural edits.
    let mut evidence_updates = Vec::new();
    for e in &files.edges {
        let (Some(from), Some(to)) = (to_design(&e.from), to_design(&e.to)) else {
            continue;
        };
        if let Some(&i) = design_pairs.get(&(from.as_str(), to.as_str())) {
            if design.edges[i].evidence != e.evidence {
                evidence_updates.push((from.clone(), to.clone(), e.evidence.clone()));
            }
            continue;
        }
        let mut edge = e.clone();
        edge.from = from;
        edge.to = to;
        d.edit.push(Edit::AddEdge {
            edge: edge.clone(),
            index: usize::MAX,
        });
        d.added_edges.push(edge);
    }
    if !evidence_updates.is_empty() {
        // Replay the edits on a copy to know the final indices.
        let mut g = design.clone();
        for e in &d.edit {
            let _ = e.clone().apply(&mut g);
        }
        for (from, to, evidence) in evidence_updates {
            if let Some(index) = g.edges.iter().position(|e| e.from == from && e.to == to) {
                d.edit.push(Edit::SetEdgeEvidence { index, evidence });
            }
        }
    }
    d
}
