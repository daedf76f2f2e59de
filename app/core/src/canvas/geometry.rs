//! Canvas geometry: graph and screen coordinates, node boxes, hit testing.
//! The web layer only converts pointer positions and draws what this returns.

use crate::workbook::{Graph, Node};

/// Size of a node's box in graph coordinates.
pub const NODE_W: f64 = 168.0;
pub const NODE_H: f64 = 64.0;

#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Point {
    pub x: f64,
    pub y: f64,
}

impl Point {
    pub fn new(x: f64, y: f64) -> Self {
        Point { x, y }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

impl Rect {
    /// The rectangle spanned by two corners, in any order (a selection box).
    pub fn from_corners(a: Point, b: Point) -> Self {
        Rect {
            x: a.x.min(b.x),
            y: a.y.min(b.y),
            w: (a.x - b.x).abs(),
            h: (a.y - b.y).abs(),
        }
    }

    pub fn contains(&self, p: Point) -> bool {
        p.x >= self.x && p.x <= self.x + self.w && p.y >= self.y && p.y <= self.y + self.h
    }

    pub fn intersects(&self, o: &Rect) -> bool {
        self.x < o.x + o.w && o.x < self.x + self.w && self.y < o.y + o.h && o.y < self.y + self.h
    }

    pub fn union(&self, o: &Rect) -> Rect {
        let (x, y) = (self.x.min(o.x), self.y.min(o.y));
        Rect {
            x,
            y,
            w: (self.x + self.w).max(o.x + o.w) - x,
            h: (self.y + self.h).max(o.y + o.h) - y,
        }
    }

    pub fn center(&self) -> Point {
        Point::new(self.x + self.w / 2.0, self.y + self.h / 2.0)
    }

    /// Where a line from the center toward `to` leaves the rectangle: edges
    /// start and end on box borders, not in the middle of a label.
    pub fn border_toward(&self, to: Point) -> Point {
        let c = self.center();
        let (dx, dy) = (to.x - c.x, to.y - c.y);
        if dx == 0.0 && dy == 0.0 {
            return c;
        }
        let sx = if dx != 0.0 {
            (self.w / 2.0) / dx.abs()
        } else {
            f64::INFINITY
        };
        let sy = if dy != 0.0 {
            (self.h / 2.0) / dy.abs()
        } else {
            f64::INFINITY
        };
        let s = sx.min(sy);
        Point::new(c.x + dx * s, c.y + dy * s)
    }
}

/// The box of a node; unplaced nodes sit at the origin.
pub fn node_rect(n: &Node) -> Rect {
    Rect {
        x: n.x.unwrap_or(0.0),
        y: n.y.unwrap_or(0.0),
        w: NODE_W,
        h: NODE_H,
    }
}

/// Pan and zoom: `screen = graph × zoom + pan`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Viewport {
    pub pan: Point,
    pub zoom: f64,
}

impl Default for Viewport {
    fn default() -> Self {
        Viewport {
            pan: Point::default(),
            zoom: 1.0,
        }
    }
}

pub const MIN_ZOOM: f64 = 0.2;
/// How large the smallest component name must be on screen, in pixels: on
/// a laptop, and on a projector across a room (Present mode). The view
/// never opens or fits below the zoom that gives them (see [`name_zoom`]);
/// a graph too large for that opens at its start, or frames what is
/// discussed, and the rest is a pan away (the minimap shows where).
pub const LAPTOP_NAME_PX: f64 = 12.0;
pub const PROJECTOR_NAME_PX: f64 = 16.0;
pub const MAX_ZOOM: f64 = 4.0;

impl Viewport {
    pub fn to_screen(&self, p: Point) -> Point {
        Point::new(p.x * self.zoom + self.pan.x, p.y * self.zoom + self.pan.y)
    }

    pub fn to_graph(&self, p: Point) -> Point {
        Point::new(
            (p.x - self.pan.x) / self.zoom,
            (p.y - self.pan.y) / self.zoom,
        )
    }

    /// Zooms by `factor` keeping the graph point under `screen` where it is
    /// (wheel and pinch zoom around the pointer).
    pub fn zoom_at(&self, screen: Point, factor: f64) -> Viewport {
        let zoom = (self.zoom * factor).clamp(MIN_ZOOM, MAX_ZOOM);
        let g = self.to_graph(screen);
        Viewport {
            zoom,
            pan: Point::new(screen.x - g.x * zoom, screen.y - g.y * zoom),
        }
    }

    /// The view after two fingers moved from `before` to `after` (screen
    /// points): zoomed by how far they spread or closed, and panned with
    /// their midpoint, so that the graph point between the fingers stays
    /// between them.
    pub fn pinch(&self, before: (Point, Point), after: (Point, Point)) -> Viewport {
        let dist = |(p, q): (Point, Point)| ((p.x - q.x).powi(2) + (p.y - q.y).powi(2)).sqrt();
        let mid = |(p, q): (Point, Point)| Point::new((p.x + q.x) / 2.0, (p.y + q.y) / 2.0);
        let (m0, m1) = (mid(before), mid(after));
        let held = self.to_graph(m0);
        // Fingers that start together give no scale to compare with.
        let factor = if dist(before) < 1.0 {
            1.0
        } else {
            dist(after).max(1.0) / dist(before)
        };
        let zoom = (self.zoom * factor).clamp(MIN_ZOOM, MAX_ZOOM);
        Viewport {
            zoom,
            pan: Point::new(m1.x - held.x * zoom, m1.y - held.y * zoom),
        }
    }

    /// The view a graph opens at, and what "Fit" shows: all of it when
    /// that keeps the zoom at `floor` or more (names readable, see
    /// [`name_zoom`]), zooming in up to `floor` when that is above 1 (a
    /// projector); else at `floor`, framing `focus` (the selection, a team,
    /// a finding's components) when there is one, or the graph's top-left
    /// corner.
    pub fn open(
        bounds: Rect,
        w: f64,
        h: f64,
        margin: f64,
        floor: f64,
        focus: Option<Rect>,
    ) -> Viewport {
        let zx = (w - 2.0 * margin).max(1.0) / bounds.w.max(1.0);
        let zy = (h - 2.0 * margin).max(1.0) / bounds.h.max(1.0);
        let fit = zx.min(zy);
        if fit >= floor {
            let zoom = fit.min(floor.max(1.0)).clamp(MIN_ZOOM, MAX_ZOOM);
            return Viewport {
                zoom,
                pan: Point::new(w / 2.0 - bounds.center().x * zoom, margin - bounds.y * zoom),
            };
        }
        let zoom = floor.clamp(MIN_ZOOM, MAX_ZOOM);
        match focus {
            Some(f) => Viewport {
                zoom,
                pan: Point::new(w / 2.0 - f.center().x * zoom, h / 2.0 - f.center().y * zoom),
            }
            .show(f, w, h, margin),
            None => Viewport {
                zoom,
                pan: Point::new(margin - bounds.x * zoom, margin - bounds.y * zoom),
            },
        }
    }

    /// The viewport that shows all of `bounds` in a `w` × `h` screen with a
    /// margin, centred across and top-aligned (a tall canvas may reach below
    /// the fold, and the graph should not start there), never zooming in
    /// past 1.
    pub fn fit(bounds: Rect, w: f64, h: f64, margin: f64) -> Viewport {
        let zx = (w - 2.0 * margin).max(1.0) / bounds.w.max(1.0);
        let zy = (h - 2.0 * margin).max(1.0) / bounds.h.max(1.0);
        let zoom = zx.min(zy).clamp(MIN_ZOOM, 1.0);
        Viewport {
            zoom,
            pan: Point::new(w / 2.0 - bounds.center().x * zoom, margin - bounds.y * zoom),
        }
    }

    /// The view after the canvas changed size: a view the team moved stays
    /// where it is; an opened or fitted one is opened again (see
    /// [`Viewport::open`]).
    pub fn after_resize(
        self,
        mode: ViewMode,
        bounds: Rect,
        (w, h): (f64, f64),
        margin: f64,
        floor: f64,
        focus: Option<Rect>,
    ) -> Viewport {
        match mode {
            ViewMode::Opened | ViewMode::Fitted => {
                Viewport::open(bounds, w, h, margin, floor, focus)
            }
            ViewMode::Moved => self,
        }
    }
}

impl Viewport {
    /// The view that shows all of `r` (what a review finding is about):
    /// moved just enough when it fits at this zoom, else zoomed out to fit.
    pub fn show(self, r: Rect, w: f64, h: f64, margin: f64) -> Viewport {
        let fits = r.w * self.zoom <= w - 2.0 * margin && r.h * self.zoom <= h - 2.0 * margin;
        if fits {
            self.reveal(r, w, h, margin)
        } else {
            Viewport::fit(r, w, h, margin)
        }
    }

    /// The view moved just enough to show `r` (a node reached with the
    /// keyboard, or found by name) with `margin` around it; unchanged when
    /// it is already in view.
    pub fn reveal(self, r: Rect, w: f64, h: f64, margin: f64) -> Viewport {
        let a = self.to_screen(Point::new(r.x, r.y));
        let b = self.to_screen(Point::new(r.x + r.w, r.y + r.h));
        let shift = |lo: f64, hi: f64, size: f64| {
            if lo < margin {
                margin - lo
            } else if hi > size - margin {
                (size - margin - hi).max(margin - lo)
            } else {
                0.0
            }
        };
        Viewport {
            zoom: self.zoom,
            pan: Point::new(
                self.pan.x + shift(a.x, b.x, w),
                self.pan.y + shift(a.y, b.y, h),
            ),
        }
    }
}

/// How the graph's view was last set, which decides what a resize does.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ViewMode {
    /// As the graph opened (`Viewport::open`).
    #[default]
    Opened,
    /// "Fit to view": all of the graph.
    Fitted,
    /// Panned or zoomed by hand.
    Moved,
}

/// The zoom at which the smallest name `g` shows is `px` on screen: names
/// are drawn at [`super::draw::NAME_FONT`], or smaller when long.
pub fn name_zoom(g: &Graph, px: f64) -> f64 {
    let smallest = g
        .nodes
        .iter()
        .map(|n| super::draw::name_lines(n.kind, n.display_name()).font)
        .fold(super::draw::NAME_FONT, f64::min);
    px / smallest
}

/// The box around every node, if there are any.
pub fn bounds(g: &Graph) -> Option<Rect> {
    g.nodes
        .iter()
        .map(node_rect)
        .chain(g.notes.iter().map(super::draw::note_rect))
        .reduce(|a, b| a.union(&b))
}

/// The box around the nodes with these ids, if any of them exists.
pub fn bounds_of(g: &Graph, ids: &[String]) -> Option<Rect> {
    g.nodes
        .iter()
        .filter(|n| ids.contains(&n.id))
        .map(node_rect)
        .reduce(|a, b| a.union(&b))
}

/// The topmost node under a graph point (the last drawn wins).
pub fn node_at(g: &Graph, p: Point) -> Option<&Node> {
    g.nodes.iter().rev().find(|n| node_rect(n).contains(p))
}

/// Ids of the nodes that a selection box touches.
pub fn nodes_in(g: &Graph, r: Rect) -> Vec<String> {
    g.nodes
        .iter()
        .filter(|n| node_rect(n).intersects(&r))
        .map(|n| n.id.clone())
        .collect()
}

/// The index of the edge nearest to `p` within `tolerance` (graph units).
pub fn edge_at(g: &Graph, p: Point, tolerance: f64) -> Option<usize> {
    let at = g.positions();
    let rect = |id: &str| at.get(id).map(|&i| node_rect(&g.nodes[i]));
    g.edges
        .iter()
        .enumerate()
        .filter_map(|(i, e)| {
            let (a, b) = (rect(&e.from)?, rect(&e.to)?);
            let d = distance_to_segment(p, a.center(), b.center());
            (d <= tolerance).then_some((i, d))
        })
        .min_by(|x, y| x.1.total_cmp(&y.1))
        .map(|(i, _)| i)
}

fn distance_to_segment(p: Point, a: Point, b: Point) -> f64 {
    let (dx, dy) = (b.x - a.x, b.y - a.y);
    let len2 = dx * dx + dy * dy;
    let t = if len2 == 0.0 {
        0.0
    } else {
        (((p.x - a.x) * dx + (p.y - a.y) * dy) / len2).clamp(0.0, 1.0)
    };
    let (cx, cy) = (a.x + t * dx, a.y + t * dy);
    ((p.x - cx).powi(2) + (p.y - cy).powi(2)).sqrt()
}

#[cfg(test)]
mod tests {

    #[test]
    fn a_view_opens_readable_and_starts_at_the_graph() {
        let floor = 0.8;
        // Small: natural size, centred across, at the top.
        let small = Rect {
            x: 0.0,
            y: 0.0,
            w: 300.0,
            h: 100.0,
        };
        let vp = Viewport::open(small, 800.0, 400.0, 32.0, floor, None);
        assert_eq!(vp.zoom, 1.0);
        assert_eq!(vp.pan.y, 32.0);
        // On a projector the floor is above 1: the graph is drawn larger.
        let vp = Viewport::open(small, 800.0, 400.0, 32.0, 1.2, None);
        assert_eq!(vp.zoom, 1.2);
        // Too large to read when fitted: readable, its corner in view.
        let large = Rect {
            x: 100.0,
            y: 50.0,
            w: 3000.0,
            h: 600.0,
        };
        let vp = Viewport::open(large, 800.0, 400.0, 32.0, floor, None);
        assert_eq!(vp.zoom, floor);
        let corner = vp.to_screen(Point::new(100.0, 50.0));
        assert!((corner.x - 32.0).abs() < 1e-9 && (corner.y - 32.0).abs() < 1e-9);
        // With something to frame, that is in view, at the same zoom.
        let focus = Rect {
            x: 2000.0,
            y: 300.0,
            w: NODE_W,
            h: NODE_H,
        };
        let framed = Viewport::open(large, 800.0, 400.0, 32.0, floor, Some(focus));
        assert_eq!(framed.zoom, floor);
        let c = framed.to_screen(focus.center());
        assert!((0.0..800.0).contains(&c.x) && (0.0..400.0).contains(&c.y));
        // A resize opens again; a view moved by hand stays.
        assert_eq!(
            framed.after_resize(ViewMode::Fitted, large, (800.0, 400.0), 32.0, floor, None),
            vp
        );
        assert_eq!(
            vp.after_resize(ViewMode::Moved, large, (1200.0, 400.0), 32.0, floor, None),
            vp
        );
    }

    #[test]
    fn the_readable_zoom_follows_the_smallest_name() {
        let mut g = Graph::default();
        g.nodes
            .push(crate::workbook::Node::new("a", "orders", NodeKind::Service));
        let single = name_zoom(&g, LAPTOP_NAME_PX);
        assert!((single - LAPTOP_NAME_PX / crate::canvas::draw::NAME_FONT).abs() < 1e-9);
        g.nodes.push(crate::workbook::Node::new(
            "b",
            "mobileshoppingaggregatorgateway",
            NodeKind::Gateway,
        ));
        assert!(name_zoom(&g, LAPTOP_NAME_PX) > single);
        assert!(name_zoom(&g, PROJECTOR_NAME_PX) > name_zoom(&g, LAPTOP_NAME_PX));
    }

    use super::*;
    use crate::workbook::{Edge, EdgeStyle, NodeKind};

    #[test]
    fn showing_what_a_finding_is_about_moves_or_zooms_out_only_as_needed() {
        let mut g = Graph::default();
        for (id, x) in [("a", 0.0), ("b", 900.0), ("c", 2500.0)] {
            let mut n = crate::workbook::Node::new(id, id, NodeKind::Service);
            n.x = Some(x);
            n.y = Some(0.0);
            g.nodes.push(n);
        }
        let ids = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(bounds_of(&g, &ids(&["gone"])), None);
        let b = bounds_of(&g, &ids(&["b"])).unwrap();
        assert_eq!((b.x, b.w), (900.0, NODE_W));
        // One node off screen: the view moves, the zoom stays.
        let vp = Viewport::default();
        let moved = vp.show(b, 800.0, 400.0, 24.0);
        assert_eq!(moved.zoom, 1.0);
        let far = moved.to_screen(Point::new(900.0 + NODE_W, NODE_H));
        assert!(far.x <= 776.0 && far.x >= 0.0, "{far:?}");
        // Two nodes too far apart for this zoom: zoomed out until both fit.
        let both = bounds_of(&g, &ids(&["a", "c"])).unwrap();
        let fitted = vp.show(both, 800.0, 400.0, 24.0);
        assert!(fitted.zoom < 1.0);
        for x in [0.0, 2500.0 + NODE_W] {
            let p = fitted.to_screen(Point::new(x, 0.0));
            assert!(p.x >= 0.0 && p.x <= 800.0, "{p:?}");
        }
        // Already in view: nothing moves.
        let a = bounds_of(&g, &ids(&["a"])).unwrap();
        let here = Viewport {
            pan: Point::new(50.0, 50.0),
            zoom: 1.0,
        };
        assert_eq!(here.show(a, 800.0, 400.0, 24.0), here);
    }

    #[test]
    fn revealing_a_node_moves_the_view_just_enough() {
        let vp = Viewport::default();
        let inside = Rect {
            x: 100.0,
            y: 100.0,
            w: 168.0,
            h: 64.0,
        };
        assert_eq!(vp.reveal(inside, 800.0, 400.0, 24.0), vp);
        // Off to the right and below: its far corner comes in by the margin.
        let away = Rect {
            x: 1000.0,
            y: 500.0,
            w: 168.0,
            h: 64.0,
        };
        let moved = vp.reveal(away, 800.0, 400.0, 24.0);
        let far = moved.to_screen(Point::new(1168.0, 564.0));
        assert_eq!((far.x, far.y), (776.0, 376.0));
        // Off to the left: its near corner comes in.
        let left = Rect {
            x: -500.0,
            y: 100.0,
            w: 168.0,
            h: 64.0,
        };
        let near = vp
            .reveal(left, 800.0, 400.0, 24.0)
            .to_screen(Point::new(-500.0, 100.0));
        assert_eq!(near.x, 24.0);
    }

    fn at(id: &str, x: f64, y: f64) -> Node {
        let mut n = Node::new(id, id, NodeKind::Service);
        n.x = Some(x);
        n.y = Some(y);
        n
    }

    fn graph() -> Graph {
        Graph {
            nodes: vec![at("a", 0.0, 0.0), at("b", 400.0, 0.0), at("c", 100.0, 30.0)],
            edges: vec![Edge {
                from: "a".into(),
                to: "b".into(),
                style: EdgeStyle::Sync,
                access: None,
                label: None,
                evidence: vec![],
                extra: Default::default(),
            }],
            extra: Default::default(),
            notes: Vec::new(),
        }
    }

    #[test]
    fn screen_and_graph_coordinates_round_trip() {
        let v = Viewport {
            pan: Point::new(30.0, -12.0),
            zoom: 1.7,
        };
        let p = Point::new(123.0, 456.0);
        let back = v.to_graph(v.to_screen(p));
        assert!((back.x - p.x).abs() < 1e-9 && (back.y - p.y).abs() < 1e-9);
    }

    #[test]
    fn two_fingers_spreading_zoom_about_their_midpoint_and_pan_with_it() {
        let v = Viewport {
            zoom: 1.0,
            pan: Point::new(10.0, 20.0),
        };
        // Fingers 200 px apart spread to 400 px: twice the zoom, and the
        // graph point that was between them is between them still.
        let before = (Point::new(100.0, 100.0), Point::new(300.0, 100.0));
        let after = (Point::new(100.0, 100.0), Point::new(500.0, 100.0));
        let held = v.to_graph(Point::new(200.0, 100.0));
        let w = v.pinch(before, after);
        assert_eq!(w.zoom, 2.0);
        let now = w.to_screen(held);
        assert!(
            (now.x - 300.0).abs() < 1e-9 && (now.y - 100.0).abs() < 1e-9,
            "{now:?}"
        );
        // Both fingers moving together pan without zooming.
        let moved = (Point::new(150.0, 140.0), Point::new(350.0, 140.0));
        let p = v.pinch(before, moved);
        assert_eq!(p.zoom, 1.0);
        assert_eq!(p.pan, Point::new(60.0, 60.0));
        // Two fingers put down on one spot (as the old pinch start read
        // them) give no scale: the view does not leap to the zoom limit.
        let same = (Point::new(300.0, 100.0), Point::new(300.0, 100.0));
        assert_eq!(v.pinch(same, after).zoom, 1.0);
    }

    #[test]
    fn zooming_keeps_the_point_under_the_pointer() {
        let v = Viewport {
            pan: Point::new(10.0, 20.0),
            zoom: 1.0,
        };
        let pointer = Point::new(300.0, 200.0);
        let before = v.to_graph(pointer);
        let z = v.zoom_at(pointer, 2.0);
        let after = z.to_graph(pointer);
        assert_eq!(z.zoom, 2.0);
        assert!((before.x - after.x).abs() < 1e-9 && (before.y - after.y).abs() < 1e-9);
        assert_eq!(v.zoom_at(pointer, 1000.0).zoom, MAX_ZOOM);
    }

    #[test]
    fn fit_shows_every_node() {
        let g = graph();
        let b = bounds(&g).unwrap();
        let v = Viewport::fit(b, 800.0, 600.0, 20.0);
        let tl = v.to_screen(Point::new(b.x, b.y));
        let br = v.to_screen(Point::new(b.x + b.w, b.y + b.h));
        assert!(
            tl.x >= 19.9 && tl.y >= 0.0 && br.x <= 780.1 && br.y <= 600.0,
            "{tl:?} {br:?}"
        );
    }

    #[test]
    fn hit_testing_finds_the_topmost_node_the_box_and_the_edge() {
        let g = graph();
        assert_eq!(
            node_at(&g, Point::new(110.0, 40.0)).unwrap().id,
            "c",
            "c is drawn over a"
        );
        assert_eq!(node_at(&g, Point::new(5.0, 5.0)).unwrap().id, "a");
        assert!(node_at(&g, Point::new(300.0, 300.0)).is_none());
        assert_eq!(
            nodes_in(
                &g,
                Rect::from_corners(Point::new(410.0, 70.0), Point::new(-10.0, 50.0))
            ),
            ["a", "b", "c"]
        );
        assert_eq!(
            nodes_in(
                &g,
                Rect::from_corners(Point::new(350.0, -5.0), Point::new(600.0, 10.0))
            ),
            ["b"]
        );
        assert_eq!(edge_at(&g, Point::new(250.0, 34.0), 4.0), Some(0));
        assert_eq!(edge_at(&g, Point::new(250.0, 60.0), 4.0), None);
    }

    #[test]
    fn edges_leave_boxes_at_their_border() {
        let r = Rect {
            x: 0.0,
            y: 0.0,
            w: 100.0,
            h: 50.0,
        };
        assert_eq!(
            r.border_toward(Point::new(500.0, 25.0)),
            Point::new(100.0, 25.0)
        );
        assert_eq!(
            r.border_toward(Point::new(50.0, -300.0)),
            Point::new(50.0, 0.0)
        );
    }
}
