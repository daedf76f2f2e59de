//! What the canvas draws for each node and edge, as plain values, and which
//! of them are in view.
//!
//! The web layer keeps one set of signals per node and edge and writes only
//! those whose [`NodeLook`] or [`EdgeLook`] changed, so an edit wakes what
//! it changed and nothing else: no signal is read by thousands of views
//! (the reactive graph forgets a reader in time linear in their number, so
//! a thousand-fold fan-out made every edit quadratic). Above
//! [`CULL_ABOVE_NODES`] components or [`CULL_ABOVE_EDGES`] connections only
//! what is [`in_view`] is drawn, so opening a large graph and panning it
//! cost what is on screen, not the whole graph.

use std::collections::HashSet;

use super::draw::{edge_caption, kind_line};
use super::geometry::{node_rect, Point, Rect, Viewport};
use super::route::{segment_hits, Route};
use super::selection::EdgeId;
use crate::workbook::{Graph, Node, NodeKind};

/// A node as drawn: its kind, name, the small line under the kind, and
/// where its top left corner is.
#[derive(Debug, Clone, PartialEq)]
pub struct NodeLook {
    pub kind: NodeKind,
    pub name: String,
    pub kind_line: String,
    /// What the kind line shortens ("traced +4"), in full, for the tooltip.
    pub details: String,
    pub at: Point,
}

impl NodeLook {
    pub fn of(n: &Node) -> NodeLook {
        NodeLook {
            kind: n.kind,
            name: n.display_name().to_owned(),
            kind_line: kind_line(n),
            details: super::draw::kind_details(n),
            at: Point::new(n.x.unwrap_or(0.0), n.y.unwrap_or(0.0)),
        }
    }
}

/// An edge as drawn: where it is in the list, whether it is asynchronous,
/// its caption and where that goes, and its path.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct EdgeLook {
    pub index: usize,
    pub is_async: bool,
    pub caption: String,
    pub caption_at: Option<Point>,
    /// SVG path data; empty when an end is missing.
    pub path: String,
}

/// The look of the edge at `index`, from the routes and caption places
/// worked out for the whole graph.
pub fn edge_look(
    g: &Graph,
    index: usize,
    routes: &[Option<Route>],
    captions: &[Option<Point>],
) -> Option<EdgeLook> {
    let e = g.edges.get(index)?;
    Some(EdgeLook {
        index,
        is_async: e.style == crate::EdgeStyle::Async,
        caption: edge_caption(e.label.as_deref(), e.access),
        caption_at: captions.get(index).copied().flatten(),
        path: routes
            .get(index)
            .and_then(|r| r.as_ref().map(Route::path))
            .unwrap_or_default(),
    })
}

/// Every edge's identity and look, in list order, in one pass.
pub fn edge_looks(
    g: &Graph,
    routes: &[Option<Route>],
    captions: &[Option<Point>],
) -> Vec<(EdgeId, EdgeLook)> {
    EdgeId::all(g)
        .into_iter()
        .enumerate()
        .filter_map(|(i, id)| Some((id, edge_look(g, i, routes, captions)?)))
        .collect()
}

/// Which connections the canvas draws (the toolbar's "Connections" menu):
/// a busy graph read one question at a time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum EdgeFilter {
    #[default]
    All,
    /// Only those of the selected components (all when none is selected).
    Selection,
    Sync,
    Async,
    /// Only those a setting states (a URL, a host in a variable); not those
    /// found only from `depends_on`, `links` or names.
    Stated,
    /// All but those from clients: a system with many entry points.
    NoClients,
}

crate::labelled!(EdgeFilter {
    All => "all", "Edges: all";
    Selection => "selection", "Edges: selection's";
    Sync => "sync", "Edges: sync";
    Async => "async", "Edges: async";
    Stated => "stated", "Edges: stated";
    NoClients => "no-clients", "Edges: no clients'";
});

/// How sure an import is of a connection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Strength {
    /// Drawn by hand: no evidence, the team's word.
    Drawn,
    /// A setting names the other component (a URL, a host variable).
    Stated,
    /// Only an order of start-up (`depends_on`), a link or a name says so.
    Weak,
}

/// How sure the evidence is of `e`.
pub fn strength(e: &crate::workbook::Edge) -> Strength {
    if e.evidence.is_empty() {
        return Strength::Drawn;
    }
    let weak = |ev: &String| {
        ev.contains(".depends_on.")
            || ev.contains(": links: ")
            || ev.starts_with("inferred from names")
            || ev.contains("healthcheck")
    };
    if e.evidence.iter().all(weak) {
        Strength::Weak
    } else {
        Strength::Stated
    }
}

impl EdgeFilter {
    /// Whether the edge at `index` of `g` is drawn, with `selected` the
    /// selected components.
    pub fn shows(self, g: &Graph, index: usize, selected: &HashSet<&str>) -> bool {
        let Some(e) = g.edges.get(index) else {
            return false;
        };
        let kind = |id: &str| g.nodes.iter().find(|n| n.id == id).map(|n| n.kind);
        match self {
            EdgeFilter::All => true,
            EdgeFilter::Selection => {
                selected.is_empty()
                    || selected.contains(e.from.as_str())
                    || selected.contains(e.to.as_str())
            }
            EdgeFilter::Sync => e.style == crate::EdgeStyle::Sync,
            EdgeFilter::Async => e.style == crate::EdgeStyle::Async,
            EdgeFilter::Stated => strength(e) != Strength::Weak,
            EdgeFilter::NoClients => kind(&e.from) != Some(NodeKind::Client),
        }
    }
}

/// Graphs with more components than this draw only what is in view.
pub const CULL_ABOVE_NODES: usize = 300;
/// Graphs with more connections than this draw only what is in view.
pub const CULL_ABOVE_EDGES: usize = 1_000;

/// Whether a graph this large draws only what is in view.
pub fn culls(g: &Graph) -> bool {
    g.nodes.len() > CULL_ABOVE_NODES || g.edges.len() > CULL_ABOVE_EDGES
}

/// What to draw: node ids and edge identities, each in list order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct InView {
    pub nodes: Vec<String>,
    pub edges: Vec<EdgeId>,
}

/// The part of the graph a canvas of `size` pixels shows through `view`,
/// with half a screen of margin on every side (a small pan draws nothing
/// new), plus every node in `keep` (the selection: it stays focusable
/// wherever the view goes) and the edges among what is drawn. A graph
/// below the cull limits is drawn whole.
pub fn in_view(
    g: &Graph,
    routes: &[Option<Route>],
    view: &Viewport,
    size: (f64, f64),
    keep: &[String],
    filter: EdgeFilter,
) -> InView {
    let selected: HashSet<&str> = keep.iter().map(String::as_str).collect();
    let all_edges = || {
        EdgeId::all(g)
            .into_iter()
            .enumerate()
            .filter(|(i, _)| filter == EdgeFilter::All || filter.shows(g, *i, &selected))
            .map(|(_, id)| id)
            .collect::<Vec<_>>()
    };
    if !culls(g) {
        return InView {
            nodes: g.nodes.iter().map(|n| n.id.clone()).collect(),
            edges: all_edges(),
        };
    }
    let zoom = view.zoom.max(1e-3);
    let (w, h) = (size.0 / zoom, size.1 / zoom);
    let top_left = view.to_graph(Point::new(0.0, 0.0));
    let area = Rect {
        x: top_left.x - w / 2.0,
        y: top_left.y - h / 2.0,
        w: w * 2.0,
        h: h * 2.0,
    };
    let nodes: Vec<String> = g
        .nodes
        .iter()
        .filter(|n| selected.contains(n.id.as_str()) || node_rect(n).intersects(&area))
        .map(|n| n.id.clone())
        .collect();
    let edges = EdgeId::all(g)
        .into_iter()
        .zip(routes)
        .enumerate()
        .filter(|(i, (_, r))| {
            (filter == EdgeFilter::All || filter.shows(g, *i, &selected))
                && r.as_ref()
                    .is_some_and(|r| r.segments().iter().any(|&(a, b)| segment_hits(a, b, &area)))
        })
        .map(|(_, (id, _))| id)
        .collect();
    InView { nodes, edges }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::canvas::route::routes;
    use crate::workbook::Edge;

    /// A row of `n` services 200 px apart, each calling the next.
    fn row(n: usize) -> Graph {
        let mut g = Graph::default();
        for i in 0..n {
            let mut node = Node::new(format!("s{i}"), format!("s{i}"), NodeKind::Service);
            node.x = Some(200.0 * i as f64);
            node.y = Some(0.0);
            g.nodes.push(node);
        }
        for i in 1..n {
            g.edges
                .push(Edge::new(format!("s{}", i - 1), format!("s{i}")));
        }
        g
    }

    #[test]
    fn a_small_graph_is_drawn_whole() {
        let g = row(10);
        let v = in_view(
            &g,
            &routes(&g),
            &Viewport::default(),
            (100.0, 100.0),
            &[],
            EdgeFilter::All,
        );
        assert_eq!(v.nodes.len(), 10);
        assert_eq!(v.edges.len(), 9);
    }

    #[test]
    fn a_large_graph_draws_what_is_in_view_and_the_selection() {
        let mut g = row(CULL_ABOVE_NODES + 100);
        // One long edge from the far end back to the start crosses the view.
        g.edges.push(Edge::new("s399", "s1"));
        let view = Viewport {
            zoom: 1.0,
            pan: Point::new(-2000.0, 0.0),
        };
        // 1,000 px wide: 2,000 to 3,000 in the graph, 1,500 to 3,500 with
        // the margin.
        let v = in_view(
            &g,
            &routes(&g),
            &view,
            (1000.0, 600.0),
            &["s300".to_owned()],
            EdgeFilter::All,
        );
        let first = v.nodes.first().unwrap();
        let last = &v.nodes[v.nodes.len() - 2];
        assert_eq!((first.as_str(), last.as_str()), ("s7", "s17"));
        assert_eq!(v.nodes.last().unwrap(), "s300", "the selection is kept");
        assert!(v.edges.iter().any(|e| e.from == "s399" && e.to == "s1"));
        assert!(v.edges.iter().all(|e| e.from != "s100"));
    }

    #[test]
    fn looks_change_only_with_what_they_show() {
        let mut g = row(3);
        let r = routes(&g);
        let before = edge_looks(&g, &r, &[]);
        g.nodes[2].name = "renamed".into();
        assert_eq!(edge_looks(&g, &routes(&g), &[]), before);
        assert_ne!(NodeLook::of(&g.nodes[2]), NodeLook::of(&row(3).nodes[2]));
        assert_eq!(NodeLook::of(&g.nodes[1]), NodeLook::of(&row(3).nodes[1]));
    }
}

#[cfg(test)]
mod filters {
    use super::*;
    use crate::workbook::{Edge, EdgeStyle};

    #[test]
    fn each_filter_keeps_what_it_says() {
        let mut g = Graph::default();
        for (id, kind) in [
            ("c", NodeKind::Client),
            ("a", NodeKind::Service),
            ("b", NodeKind::Service),
            ("q", NodeKind::Queue),
        ] {
            g.nodes.push(Node::new(id, id, kind));
        }
        let mut stated = Edge::new("a", "b");
        stated.evidence = vec!["compose.yml: services.a.environment.B_URL = http://b".into()];
        let mut weak = Edge::new("b", "a");
        weak.evidence = vec!["compose.yml: services.b.depends_on.a".into()];
        let mut queued = Edge::new("a", "q");
        queued.style = EdgeStyle::Async;
        g.edges = vec![Edge::new("c", "a"), stated, weak, queued];
        let shown = |f: EdgeFilter, sel: &[&str]| {
            let sel: HashSet<&str> = sel.iter().copied().collect();
            (0..g.edges.len())
                .filter(|&i| f.shows(&g, i, &sel))
                .collect::<Vec<_>>()
        };
        assert_eq!(shown(EdgeFilter::All, &[]), [0, 1, 2, 3]);
        assert_eq!(shown(EdgeFilter::Selection, &["q"]), [3]);
        assert_eq!(shown(EdgeFilter::Selection, &[]), [0, 1, 2, 3]);
        assert_eq!(shown(EdgeFilter::Sync, &[]), [0, 1, 2]);
        assert_eq!(shown(EdgeFilter::Async, &[]), [3]);
        assert_eq!(shown(EdgeFilter::Stated, &[]), [0, 1, 3]);
        assert_eq!(shown(EdgeFilter::NoClients, &[]), [1, 2, 3]);
        assert_eq!(strength(&g.edges[0]), Strength::Drawn);
        assert_eq!(strength(&g.edges[2]), Strength::Weak);
    }
}
