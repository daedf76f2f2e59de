//! Where an edge's caption ("orders · read") is drawn: level, on its line,
//! clear of every box and of the captions placed before it.
//!
//! A caption written along its line turns with it: on a vertical run it reads
//! sideways, and two parallel edges put their captions on top of each other.
//! Here captions stay horizontal (drawn over a halo of the background, as
//! diagram editors do) and each goes to the first free spot among a few
//! along its line, the middle first; when none is free it sits at the middle.
//! Spots taken are kept in a grid, so placing costs about the captions near
//! each spot, not all of them.

use std::collections::HashMap;

use super::draw::{edge_caption, text_width};
use super::geometry::{node_rect, Point, Rect};
use super::route::Route;
use crate::workbook::Graph;

/// Caption font size, in graph pixels (as the canvas and the SVG draw it).
pub const FONT: f64 = 11.0;
/// Height of a caption's box, and the air kept around it.
const HEIGHT: f64 = 14.0;
const PAD: f64 = 3.0;
/// Where along its line a caption may go, tried in order.
const SPOTS: [f64; 7] = [0.5, 0.38, 0.62, 0.26, 0.74, 0.16, 0.84];
/// Grid cell size for the taken spots.
const CELL: f64 = 128.0;

/// The baseline centre of each edge's caption (drawn with its text centred
/// there), in edge order; `None` for an edge without a caption or route.
pub fn place(g: &Graph, routes: &[Option<Route>]) -> Vec<Option<Point>> {
    let mut taken = Taken::default();
    for n in &g.nodes {
        taken.add(node_rect(n));
    }
    g.edges
        .iter()
        .zip(routes)
        .map(|(e, r)| {
            let r = r.as_ref()?;
            let text = edge_caption(e.label.as_deref(), e.access);
            if text.is_empty() {
                return None;
            }
            let w = text_width(&text, FONT, false) + 2.0 * PAD;
            let boxed = |p: Point| Rect {
                x: p.x - w / 2.0,
                y: p.y - HEIGHT / 2.0,
                w,
                h: HEIGHT,
            };
            let spot = SPOTS
                .iter()
                .map(|&s| r.at(s))
                .find(|&p| !taken.hits(&boxed(p)))
                .unwrap_or_else(|| r.middle());
            taken.add(boxed(spot));
            Some(baseline(spot))
        })
        .collect()
}

/// Where a caption centred on `center` has its baseline: a little below,
/// for an 11 px sans-serif font.
pub fn baseline(center: Point) -> Point {
    Point::new(center.x, center.y + FONT * 0.36)
}

#[derive(Default)]
struct Taken {
    boxes: Vec<Rect>,
    grid: HashMap<(i64, i64), Vec<usize>>,
}

impl Taken {
    fn cells(r: &Rect) -> impl Iterator<Item = (i64, i64)> {
        let (x0, x1) = (
            (r.x / CELL).floor() as i64,
            ((r.x + r.w) / CELL).floor() as i64,
        );
        let (y0, y1) = (
            (r.y / CELL).floor() as i64,
            ((r.y + r.h) / CELL).floor() as i64,
        );
        (x0..=x1).flat_map(move |x| (y0..=y1).map(move |y| (x, y)))
    }

    fn add(&mut self, r: Rect) {
        let i = self.boxes.len();
        self.boxes.push(r);
        for c in Self::cells(&r) {
            self.grid.entry(c).or_default().push(i);
        }
    }

    fn hits(&self, r: &Rect) -> bool {
        Self::cells(r)
            .filter_map(|c| self.grid.get(&c))
            .flatten()
            .any(|&i| self.boxes[i].intersects(r))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::canvas::geometry::{NODE_H, NODE_W};
    use crate::canvas::route::routes;
    use crate::workbook::{Edge, Node, NodeKind};

    fn caption_box(g: &Graph, i: usize, at: Point) -> Rect {
        let e = &g.edges[i];
        let w = text_width(&edge_caption(e.label.as_deref(), e.access), FONT, false);
        Rect {
            x: at.x - w / 2.0,
            y: at.y - FONT * 0.36 - HEIGHT / 2.0,
            w,
            h: HEIGHT,
        }
    }

    fn node(id: &str, x: f64, y: f64) -> Node {
        let mut n = Node::new(id, id, NodeKind::Service);
        n.x = Some(x);
        n.y = Some(y);
        n
    }

    fn edge(from: &str, to: &str, label: &str) -> Edge {
        let mut e = Edge::new(from, to);
        e.label = Some(label.into());
        e
    }

    #[test]
    fn two_edges_side_by_side_keep_their_captions_apart() {
        // Two edges that cross at their middles, where both captions would go.
        let g = Graph {
            nodes: vec![
                node("a", 0.0, 0.0),
                node("b", 400.0, 300.0),
                node("c", 400.0, 0.0),
                node("d", 0.0, 300.0),
            ],
            edges: vec![
                edge("a", "b", "placing orders"),
                edge("c", "d", "reading orders"),
            ],
            ..Graph::default()
        };
        let at = place(&g, &routes(&g));
        let (p, q) = (at[0].unwrap(), at[1].unwrap());
        let (bp, bq) = (caption_box(&g, 0, p), caption_box(&g, 1, q));
        assert!(!bp.intersects(&bq), "{bp:?} overlaps {bq:?}");
        // The first stays in the middle of its line.
        assert!(
            (p.y - FONT * 0.36 - (NODE_H + 300.0) / 2.0).abs() < 1.0,
            "{p:?}"
        );
        assert!((p.x - (NODE_W + 400.0) / 2.0).abs() < 1.0, "{p:?}");
    }

    #[test]
    fn a_caption_stays_off_the_boxes() {
        // A short edge: its middle is in the gap, clear of both boxes.
        let g = Graph {
            nodes: vec![node("a", 0.0, 0.0), node("b", NODE_W + 140.0, 0.0)],
            edges: vec![edge("a", "b", "orders")],
            ..Graph::default()
        };
        let at = place(&g, &routes(&g));
        let b = caption_box(&g, 0, at[0].unwrap());
        for n in &g.nodes {
            assert!(!b.intersects(&node_rect(n)));
        }
    }

    #[test]
    fn edges_without_words_get_no_caption() {
        let g = Graph {
            nodes: vec![node("a", 0.0, 0.0), node("b", 400.0, 0.0)],
            edges: vec![Edge::new("a", "b")],
            ..Graph::default()
        };
        assert_eq!(place(&g, &routes(&g)), vec![None]);
    }
}
