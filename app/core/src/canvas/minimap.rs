//! The minimap of a large graph (more than [`MINIMAP_FROM`] components):
//! the whole graph small in a corner, with the part in view outlined; a
//! click or a drag on it moves the view there.

use super::geometry::{Point, Rect, Viewport};

/// Graphs with more components than this show a minimap.
pub const MINIMAP_FROM: usize = 30;

/// Where the graph and the view are drawn on a minimap.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Minimap {
    /// Minimap pixels per graph unit.
    pub scale: f64,
    /// The graph point drawn at the minimap's top-left corner.
    pub origin: Point,
    /// The part of the graph in view, in minimap pixels.
    pub view: Rect,
}

impl Minimap {
    /// The minimap of a `map`-sized box for a graph within `bounds`, seen
    /// through `vp` on a `canvas`-sized screen: the graph and the view both
    /// fit, centred.
    pub fn new(bounds: Rect, vp: &Viewport, canvas: (f64, f64), map: (f64, f64)) -> Minimap {
        let top_left = vp.to_graph(Point::new(0.0, 0.0));
        let seen = Rect {
            x: top_left.x,
            y: top_left.y,
            w: canvas.0 / vp.zoom,
            h: canvas.1 / vp.zoom,
        };
        let area = bounds.union(&seen);
        let scale = (map.0 / area.w.max(1.0)).min(map.1 / area.h.max(1.0));
        let origin = Point::new(
            area.x - (map.0 / scale - area.w) / 2.0,
            area.y - (map.1 / scale - area.h) / 2.0,
        );
        let m = Minimap {
            scale,
            origin,
            view: Rect::default(),
        };
        let a = m.to_map(Point::new(seen.x, seen.y));
        Minimap {
            view: Rect {
                x: a.x,
                y: a.y,
                w: seen.w * scale,
                h: seen.h * scale,
            },
            ..m
        }
    }

    /// A graph point on the minimap.
    pub fn to_map(&self, p: Point) -> Point {
        Point::new(
            (p.x - self.origin.x) * self.scale,
            (p.y - self.origin.y) * self.scale,
        )
    }

    /// A rectangle of the graph on the minimap.
    pub fn rect(&self, r: Rect) -> Rect {
        let a = self.to_map(Point::new(r.x, r.y));
        Rect {
            x: a.x,
            y: a.y,
            w: r.w * self.scale,
            h: r.h * self.scale,
        }
    }

    /// The view centred on what is at `at` on the minimap, at the same zoom.
    pub fn centre_on(&self, at: Point, vp: &Viewport, canvas: (f64, f64)) -> Viewport {
        let g = Point::new(
            self.origin.x + at.x / self.scale,
            self.origin.y + at.y / self.scale,
        );
        Viewport {
            zoom: vp.zoom,
            pan: Point::new(
                canvas.0 / 2.0 - g.x * vp.zoom,
                canvas.1 / 2.0 - g.y * vp.zoom,
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_graph_and_the_view_fit_and_a_click_centres_the_view_there() {
        let bounds = Rect {
            x: 0.0,
            y: 0.0,
            w: 4000.0,
            h: 1000.0,
        };
        let vp = Viewport {
            zoom: 1.0,
            pan: Point::new(0.0, 0.0),
        };
        let m = Minimap::new(bounds, &vp, (800.0, 500.0), (200.0, 100.0));
        assert!((m.scale - 0.05).abs() < 1e-9);
        assert_eq!(
            m.view,
            Rect {
                x: 0.0,
                y: 25.0,
                w: 40.0,
                h: 25.0
            }
        );
        let whole = m.rect(bounds);
        assert!(whole.x >= 0.0 && whole.x + whole.w <= 200.0 + 1e-9);
        // A click at the far right centres the view on the graph's end.
        let moved = m.centre_on(Point::new(200.0, 50.0), &vp, (800.0, 500.0));
        let centre = moved.to_graph(Point::new(400.0, 250.0));
        assert!((centre.x - 4000.0).abs() < 1e-6 && (centre.y - 500.0).abs() < 1e-6);
    }
}
