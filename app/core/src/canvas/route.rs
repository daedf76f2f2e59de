//! Where an edge is drawn: straight from box to box when nothing is in the
//! way, else bent around the boxes between, so that a line from the gateway
//! to a service never runs through an unrelated database and reads as
//! "gateway → database → service".
//!
//! A bent edge goes from corner to corner of the boxes in its way: when the
//! line toward the target meets a box, the route turns at one of that box's
//! corners (kept clear by a margin), the corners nearest the straight way
//! first, and carries on from there, a few turns at most. Its corners are
//! rounded when drawn. Boxes are looked up in a grid, so a route costs about
//! the boxes near its line, not all of them. An edge that cannot be routed
//! in a few turns is drawn straight.

use std::collections::HashMap;

use super::geometry::{node_rect, Point, Rect, NODE_H, NODE_W};
use crate::workbook::Graph;

/// Air kept between an edge and a box it passes.
pub const CLEARANCE: f64 = 10.0;
/// The most turns a route takes.
const TURNS: usize = 8;
/// The most corners a route visits: past it, the edge is drawn straight
/// (dense graphs stay quick to draw).
const BUDGET: usize = 40;
/// Radius of a rounded corner, and the segments it is checked as.
const ROUND: f64 = 14.0;
const SAMPLES: usize = 6;
/// Size of a grid cell, about one box with its gaps.
const CELL: f64 = 256.0;

/// The boxes of a graph's nodes, indexed for "what is near this line".
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Obstacles {
    boxes: Vec<(String, Rect)>,
    grid: HashMap<(i64, i64), Vec<usize>>,
}

/// The largest graph whose edges are routed around boxes; a larger one is
/// drawn with straight edges, so every edit stays quick to draw (about
/// 0.15 s for 150 components with long random edges, the worst case; real
/// systems of 20 to 50 components take a few milliseconds).
pub const ROUTED_UP_TO: usize = 150;

impl Obstacles {
    pub fn new(g: &Graph) -> Obstacles {
        let mut o = Obstacles::default();
        if g.nodes.len() > ROUTED_UP_TO {
            return o;
        }
        for n in &g.nodes {
            let r = node_rect(n);
            let i = o.boxes.len();
            for cell in cells(&grow(r, CLEARANCE)) {
                o.grid.entry(cell).or_default().push(i);
            }
            o.boxes.push((n.id.clone(), r));
        }
        o
    }

    /// The box (grown by [`CLEARANCE`]) that the segment `a`–`b` meets
    /// first, other than those of `skip`.
    fn first_hit(&self, a: Point, b: Point, skip: [&str; 2]) -> Option<Rect> {
        let mut near: Vec<usize> = cells_along(a, b)
            .iter()
            .filter_map(|c| self.grid.get(c))
            .flatten()
            .copied()
            .collect();
        near.sort_unstable();
        near.dedup();
        let mut best: Option<(f64, Rect)> = None;
        {
            for i in near {
                let (id, r) = &self.boxes[i];
                if skip.contains(&id.as_str()) {
                    continue;
                }
                let grown = grow(*r, CLEARANCE);
                if let Some(t) = entry(a, b, &grown) {
                    if best.is_none_or(|(bt, _)| t < bt) {
                        best = Some((t, grown));
                    }
                }
            }
        }
        best.map(|(_, r)| r)
    }

    fn blocked(&self, a: Point, b: Point, skip: [&str; 2]) -> bool {
        self.first_hit(a, b, skip).is_some()
    }

    /// Turning points from `from` to `to` around the boxes between (not
    /// counting either end): a best-first search over the corners of the
    /// boxes met on the way, shortest first, each corner visited once.
    /// `None` past [`TURNS`] turns or [`BUDGET`] corners.
    fn plan(&self, from: Point, to: Point, skip: [&str; 2]) -> Option<Vec<Point>> {
        use std::cmp::Reverse;
        use std::collections::BinaryHeap;
        struct Step {
            at: Point,
            parent: Option<usize>,
            walked: f64,
            turns: usize,
        }
        let key = |f: f64| Reverse(f.max(0.0).to_bits());
        let mut steps = vec![Step {
            at: from,
            parent: None,
            walked: 0.0,
            turns: 0,
        }];
        let mut open = BinaryHeap::new();
        open.push((key(len(from, to)), 0usize));
        let mut done: Vec<Point> = Vec::new();
        let mut expanded = 0;
        while let Some((_, i)) = open.pop() {
            let (at, walked, turns) = (steps[i].at, steps[i].walked, steps[i].turns);
            if done.iter().any(|d| len(*d, at) < 0.5) {
                continue;
            }
            done.push(at);
            expanded += 1;
            if expanded > BUDGET {
                return None;
            }
            let Some(r) = self.first_hit(at, to, skip) else {
                let mut path = Vec::new();
                let mut k = Some(i);
                while let Some(j) = k {
                    path.push(steps[j].at);
                    k = steps[j].parent;
                }
                path.pop(); // `from`
                path.reverse();
                return Some(path);
            };
            if turns == TURNS {
                continue;
            }
            // The corners of the box in the way; a corner hidden behind
            // another box gives way to that box's corners.
            let mut next = corners(r).to_vec();
            for c in corners(r) {
                if let Some(b) = self.first_hit(at, c, skip) {
                    next.extend(corners(b));
                }
            }
            for c in next {
                if len(at, c) < 0.5
                    || done.iter().any(|d| len(*d, c) < 0.5)
                    || self.blocked(at, c, skip)
                {
                    continue;
                }
                let walked = walked + len(at, c);
                steps.push(Step {
                    at: c,
                    parent: Some(i),
                    walked,
                    turns: turns + 1,
                });
                // A small charge per turn: fewer turns when lengths are close.
                let f = walked + len(c, to) + 8.0 * (turns + 1) as f64;
                open.push((key(f), steps.len() - 1));
            }
        }
        None
    }
}

/// The corners of a (grown) box, just outside it.
fn corners(r: Rect) -> [Point; 4] {
    let out = 2.0;
    [
        Point::new(r.x - out, r.y - out),
        Point::new(r.x + r.w + out, r.y - out),
        Point::new(r.x - out, r.y + r.h + out),
        Point::new(r.x + r.w + out, r.y + r.h + out),
    ]
}

/// How an edge is drawn: through its points, from the border of one box to
/// the border of the other, turning (rounded) at the points between.
#[derive(Clone, Debug, PartialEq)]
pub struct Route(pub Vec<Point>);

impl Route {
    pub fn is_straight(&self) -> bool {
        self.0.len() == 2
    }

    /// The drawing: straight runs, and at each turn a quadratic curve from a
    /// little before the turning point to a little after it.
    fn pieces(&self) -> Vec<Piece> {
        let pts = &self.0;
        let mut out = Vec::new();
        let mut at = pts[0];
        for i in 1..pts.len() - 1 {
            let (prev, w, next) = (pts[i - 1], pts[i], pts[i + 1]);
            let r = ROUND.min(len(prev, w) / 2.0).min(len(w, next) / 2.0);
            let before = toward(w, prev, r);
            let after = toward(w, next, r);
            out.push(Piece::Line(at, before));
            out.push(Piece::Turn(before, w, after));
            at = after;
        }
        out.push(Piece::Line(at, pts[pts.len() - 1]));
        out
    }

    /// SVG path data (whole pixels are plenty on screen).
    pub fn path(&self) -> String {
        let r = |v: f64| v.round() as i64;
        let mut s = format!("M{} {}", r(self.0[0].x), r(self.0[0].y));
        for piece in self.pieces() {
            match piece {
                Piece::Line(_, b) => s.push_str(&format!("L{} {}", r(b.x), r(b.y))),
                Piece::Turn(_, c, b) => {
                    s.push_str(&format!("Q{} {} {} {}", r(c.x), r(c.y), r(b.x), r(b.y)))
                }
            }
        }
        s
    }

    /// The drawn line as straight segments, to check and to hit.
    pub fn segments(&self) -> Vec<(Point, Point)> {
        let mut out = Vec::new();
        for piece in self.pieces() {
            match piece {
                Piece::Line(a, b) => out.push((a, b)),
                Piece::Turn(a, c, b) => {
                    let at = |t: f64| {
                        let u = 1.0 - t;
                        Point::new(
                            u * u * a.x + 2.0 * u * t * c.x + t * t * b.x,
                            u * u * a.y + 2.0 * u * t * c.y + t * t * b.y,
                        )
                    };
                    for i in 0..SAMPLES {
                        out.push((
                            at(i as f64 / SAMPLES as f64),
                            at((i + 1) as f64 / SAMPLES as f64),
                        ));
                    }
                }
            }
        }
        out
    }

    /// The point halfway along the drawn line.
    pub fn middle(&self) -> Point {
        self.at(0.5)
    }

    /// The point a `share` (0 to 1) of the way along the drawn line.
    pub fn at(&self, share: f64) -> Point {
        let segs = self.segments();
        let total: f64 = segs.iter().map(|&(a, b)| len(a, b)).sum();
        let mut left = total * share.clamp(0.0, 1.0);
        for (a, b) in segs {
            let l = len(a, b);
            if l >= left && l > 0.0 {
                return toward(a, b, left);
            }
            left -= l;
        }
        self.0[self.0.len() - 1]
    }
}

enum Piece {
    Line(Point, Point),
    Turn(Point, Point, Point),
}

fn len(a: Point, b: Point) -> f64 {
    ((b.x - a.x).powi(2) + (b.y - a.y).powi(2)).sqrt()
}

/// The point `d` from `a` toward `b`.
fn toward(a: Point, b: Point, d: f64) -> Point {
    let l = len(a, b);
    if l == 0.0 {
        return a;
    }
    Point::new(a.x + (b.x - a.x) * d / l, a.y + (b.y - a.y) * d / l)
}

/// The route of an edge between the boxes whose top-left corners are `a`
/// (node `from`) and `b` (node `to`), around every other box of `obstacles`.
pub fn route(a: Point, b: Point, from: &str, to: &str, obstacles: &Obstacles) -> Route {
    let box_at = |p: Point| Rect {
        x: p.x,
        y: p.y,
        w: NODE_W,
        h: NODE_H,
    };
    let (ra, rb) = (box_at(a), box_at(b));
    let (ca, cb) = (ra.center(), rb.center());
    // Either way round: a box crowded at one end may be open at the other.
    // Nothing to go around (a graph drawn straight): no search at all.
    let turns = if obstacles.boxes.is_empty() {
        Vec::new()
    } else {
        obstacles.plan(ca, cb, [from, to]).unwrap_or_default()
    };
    let first = turns.first().copied().unwrap_or(cb);
    let last = turns.last().copied().unwrap_or(ca);
    let mut points = vec![ra.border_toward(first)];
    points.extend(turns);
    points.push(rb.border_toward(last));
    Route(points)
}

/// The route of every edge of `g`, in order (`None` for an edge whose ends
/// are missing).
pub fn routes(g: &Graph) -> Vec<Option<Route>> {
    routes_around(g, &Obstacles::new(g))
}

/// [`routes`], around `obstacles` already made for `g` (the editor keeps
/// them for the routes it draws while a node is dragged).
pub fn routes_around(g: &Graph, obstacles: &Obstacles) -> Vec<Option<Route>> {
    let at = g.positions();
    let corner = |id: &str| {
        at.get(id).map(|&i| {
            let r = node_rect(&g.nodes[i]);
            Point::new(r.x, r.y)
        })
    };
    g.edges
        .iter()
        .map(|e| {
            Some(route(
                corner(&e.from)?,
                corner(&e.to)?,
                &e.from,
                &e.to,
                obstacles,
            ))
        })
        .collect()
}

fn grow(r: Rect, by: f64) -> Rect {
    Rect {
        x: r.x - by,
        y: r.y - by,
        w: r.w + 2.0 * by,
        h: r.h + 2.0 * by,
    }
}

/// The grid cells the segment `a`–`b` passes through: the cells of short
/// pieces of it (each piece's box covers every cell the piece touches).
fn cells_along(a: Point, b: Point) -> Vec<(i64, i64)> {
    let pieces = (len(a, b) / CELL).ceil().max(1.0) as usize;
    let mut out: Vec<(i64, i64)> = Vec::new();
    let mut at = a;
    for i in 1..=pieces {
        let t = i as f64 / pieces as f64;
        let next = Point::new(a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t);
        out.extend(cells(&Rect::from_corners(at, next)));
        at = next;
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// The grid cells a rectangle touches.
fn cells(r: &Rect) -> impl Iterator<Item = (i64, i64)> {
    let c = |v: f64| (v / CELL).floor() as i64;
    let (x0, x1, y0, y1) = (c(r.x), c(r.x + r.w), c(r.y), c(r.y + r.h));
    (x0..=x1).flat_map(move |x| (y0..=y1).map(move |y| (x, y)))
}

/// Whether the segment `a`–`b` touches the rectangle.
pub fn segment_hits(a: Point, b: Point, r: &Rect) -> bool {
    entry(a, b, r).is_some()
}

/// Where along `a`–`b` (0 to 1) the segment enters the rectangle, if it
/// does (Liang–Barsky clipping).
fn entry(a: Point, b: Point, r: &Rect) -> Option<f64> {
    let (dx, dy) = (b.x - a.x, b.y - a.y);
    let mut t0: f64 = 0.0;
    let mut t1: f64 = 1.0;
    for (p, q) in [
        (-dx, a.x - r.x),
        (dx, r.x + r.w - a.x),
        (-dy, a.y - r.y),
        (dy, r.y + r.h - a.y),
    ] {
        if p == 0.0 {
            if q < 0.0 {
                return None;
            }
        } else {
            let t = q / p;
            if p < 0.0 {
                t0 = t0.max(t);
            } else {
                t1 = t1.min(t);
            }
            if t0 > t1 {
                return None;
            }
        }
    }
    Some(t0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workbook::{Edge, Node, NodeKind};

    fn node(id: &str, x: f64, y: f64) -> Node {
        let mut n = Node::new(id, id, NodeKind::Service);
        n.x = Some(x);
        n.y = Some(y);
        n
    }

    #[test]
    fn segments_and_boxes() {
        let r = Rect {
            x: 0.0,
            y: 0.0,
            w: 10.0,
            h: 10.0,
        };
        assert!(segment_hits(
            Point::new(-5.0, 5.0),
            Point::new(15.0, 5.0),
            &r
        ));
        assert!(!segment_hits(
            Point::new(-5.0, 15.0),
            Point::new(15.0, 15.0),
            &r
        ));
        assert!(!segment_hits(
            Point::new(-5.0, -5.0),
            Point::new(-1.0, 20.0),
            &r
        ));
        assert!(segment_hits(Point::new(5.0, 5.0), Point::new(5.0, 6.0), &r));
    }

    #[test]
    fn an_edge_with_nothing_in_the_way_is_straight() {
        let mut g = Graph {
            nodes: vec![
                node("a", 0.0, 0.0),
                node("b", 400.0, 0.0),
                node("c", 200.0, 200.0),
            ],
            ..Graph::default()
        };
        g.edges = vec![Edge::new("a", "b")];
        assert!(routes(&g)[0].as_ref().unwrap().is_straight());
    }

    #[test]
    fn an_edge_bends_around_the_box_between_its_ends() {
        // gateway → service, with a database in the column between.
        let mut g = Graph {
            nodes: vec![
                node("gw", 0.0, 0.0),
                node("db", 264.0, 0.0),
                node("svc", 528.0, 0.0),
            ],
            ..Graph::default()
        };
        g.edges = vec![Edge::new("gw", "svc")];
        let r = routes(&g)[0].clone().unwrap();
        assert!(!r.is_straight(), "{r:?}");
        let db = grow(node_rect(&g.nodes[1]), CLEARANCE - 0.5);
        for (p, q) in r.segments() {
            assert!(!segment_hits(p, q, &db), "{p:?} {q:?}");
        }
        assert!(r.path().starts_with('M') && r.path().contains('Q'));
    }

    /// Every segment of every drawn edge, against every box but its ends.
    fn crossings(g: &Graph) -> Vec<String> {
        crossings_of(g, routes(g))
    }

    fn crossings_of(g: &Graph, routes: Vec<Option<Route>>) -> Vec<String> {
        let mut out = Vec::new();
        for (e, r) in g.edges.iter().zip(routes) {
            let Some(r) = r else { continue };
            for n in &g.nodes {
                if n.id == e.from || n.id == e.to {
                    continue;
                }
                if r.segments()
                    .iter()
                    .any(|&(p, q)| segment_hits(p, q, &node_rect(n)))
                {
                    out.push(format!("{} → {} crosses {}", e.from, e.to, n.id));
                }
            }
        }
        out
    }

    #[test]
    fn no_edge_crosses_a_box_in_the_templates_the_example_or_their_layouts() {
        use crate::canvas::catalog::Template;
        use crate::canvas::layout::layered;
        let example = crate::load(crate::content::EXAMPLE_WORKBOOK).unwrap().graph;
        let mut graphs: Vec<(String, Graph)> = Template::ALL
            .into_iter()
            .map(|t| (t.label().to_owned(), t.graph()))
            .collect();
        graphs.push(("example".into(), example));
        for (name, g) in graphs {
            assert_eq!(crossings(&g), Vec::<String>::new(), "{name}");
            // Auto-layout of the same graph.
            let mut laid = g.clone();
            layered(&g).apply(&mut laid).unwrap();
            assert_eq!(
                crossings(&laid),
                Vec::<String>::new(),
                "{name}, auto-layout"
            );
        }
    }

    #[test]
    fn boxed_in_it_falls_back_to_the_straight_line() {
        // A wall of boxes taller than every bend tried.
        let mut g = Graph {
            nodes: vec![node("a", 0.0, 0.0), node("b", 600.0, 0.0)],
            ..Graph::default()
        };
        for i in -12..=12 {
            g.nodes.push(node(&format!("w{i}"), 300.0, i as f64 * 64.0));
        }
        g.edges = vec![Edge::new("a", "b")];
        assert!(routes(&g)[0].as_ref().unwrap().is_straight());
    }
}
