//! Align and distribute the selected components, as diagram editors do:
//! their left sides, centres or right sides on one line, their tops,
//! middles or bottoms on one line, or their centres spaced evenly across or
//! down. One edit, undone in one step.

use super::edit::Edit;
use super::geometry::{node_rect, Rect};
use crate::workbook::Graph;

/// How to arrange the selection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Arrange {
    Left,
    Centre,
    Right,
    Top,
    Middle,
    Bottom,
    /// Centres spaced evenly from left to right (three or more).
    Across,
    /// Centres spaced evenly from top to bottom (three or more).
    Down,
}

crate::labelled!(Arrange {
    Left => "left", "Align left sides";
    Centre => "centre", "Align centres (vertical line)";
    Right => "right", "Align right sides";
    Top => "top", "Align tops";
    Middle => "middle", "Align middles (horizontal line)";
    Bottom => "bottom", "Align bottoms";
    Across => "across", "Distribute across";
    Down => "down", "Distribute down";
});

impl Arrange {
    /// How many components it needs.
    pub fn needs(self) -> usize {
        match self {
            Arrange::Across | Arrange::Down => 3,
            _ => 2,
        }
    }
}

/// The edit that arranges `ids` of `g`; `None` when there are too few or
/// nothing would move.
pub fn arrange(g: &Graph, ids: &[String], how: Arrange) -> Option<Edit> {
    let boxes: Vec<(String, Rect)> = g
        .nodes
        .iter()
        .filter(|n| ids.contains(&n.id))
        .map(|n| (n.id.clone(), node_rect(n)))
        .collect();
    if boxes.len() < how.needs() {
        return None;
    }
    let min = |f: fn(&Rect) -> f64| boxes.iter().map(|(_, r)| f(r)).fold(f64::MAX, f64::min);
    let max = |f: fn(&Rect) -> f64| boxes.iter().map(|(_, r)| f(r)).fold(f64::MIN, f64::max);
    let mut placed: Vec<(String, f64, f64)> = Vec::new();
    match how {
        Arrange::Left
        | Arrange::Centre
        | Arrange::Right
        | Arrange::Top
        | Arrange::Middle
        | Arrange::Bottom => {
            let line = match how {
                Arrange::Left => min(|r| r.x),
                Arrange::Right => max(|r| r.x + r.w),
                Arrange::Centre => (min(|r| r.x) + max(|r| r.x + r.w)) / 2.0,
                Arrange::Top => min(|r| r.y),
                Arrange::Bottom => max(|r| r.y + r.h),
                _ => (min(|r| r.y) + max(|r| r.y + r.h)) / 2.0,
            };
            for (id, r) in &boxes {
                let (x, y) = match how {
                    Arrange::Left => (line, r.y),
                    Arrange::Right => (line - r.w, r.y),
                    Arrange::Centre => (line - r.w / 2.0, r.y),
                    Arrange::Top => (r.x, line),
                    Arrange::Bottom => (r.x, line - r.h),
                    _ => (r.x, line - r.h / 2.0),
                };
                placed.push((id.clone(), x, y));
            }
        }
        Arrange::Across | Arrange::Down => {
            let across = how == Arrange::Across;
            let centre = |r: &Rect| {
                if across {
                    r.x + r.w / 2.0
                } else {
                    r.y + r.h / 2.0
                }
            };
            let mut order: Vec<&(String, Rect)> = boxes.iter().collect();
            order.sort_by(|a, b| centre(&a.1).total_cmp(&centre(&b.1)).then(a.0.cmp(&b.0)));
            let (first, last) = (centre(&order[0].1), centre(&order[order.len() - 1].1));
            let step = (last - first) / (order.len() - 1) as f64;
            for (k, (id, r)) in order.into_iter().enumerate() {
                let c = first + step * k as f64;
                let (x, y) = if across {
                    (c - r.w / 2.0, r.y)
                } else {
                    (r.x, c - r.h / 2.0)
                };
                placed.push((id.clone(), x, y));
            }
        }
    }
    let positions: Vec<(String, Option<f64>, Option<f64>)> = placed
        .into_iter()
        .filter(|(id, x, y)| {
            let r = boxes.iter().find(|(b, _)| b == id).map(|(_, r)| *r);
            r.is_some_and(|r| (r.x - x).abs() > 0.01 || (r.y - y).abs() > 0.01)
        })
        .map(|(id, x, y)| (id, Some(x.round()), Some(y.round())))
        .collect();
    (!positions.is_empty()).then_some(Edit::SetPositions { positions })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workbook::{Node, NodeKind};

    fn graph(at: &[(f64, f64)]) -> (Graph, Vec<String>) {
        let mut g = Graph::default();
        for (i, &(x, y)) in at.iter().enumerate() {
            let mut n = Node::new(format!("n{i}"), format!("n{i}"), NodeKind::Service);
            n.x = Some(x);
            n.y = Some(y);
            g.nodes.push(n);
        }
        let ids = g.nodes.iter().map(|n| n.id.clone()).collect();
        (g, ids)
    }

    fn after(g: &Graph, ids: &[String], how: Arrange) -> Vec<(f64, f64)> {
        let mut g = g.clone();
        arrange(&g, ids, how).unwrap().apply(&mut g).unwrap();
        g.nodes
            .iter()
            .map(|n| (n.x.unwrap(), n.y.unwrap()))
            .collect()
    }

    #[test]
    fn aligning_puts_one_side_or_centre_on_one_line() {
        let (g, ids) = graph(&[(0.0, 0.0), (100.0, 200.0), (50.0, 400.0)]);
        assert!(after(&g, &ids, Arrange::Left).iter().all(|p| p.0 == 0.0));
        assert!(after(&g, &ids, Arrange::Right).iter().all(|p| p.0 == 100.0));
        assert!(after(&g, &ids, Arrange::Centre).iter().all(|p| p.0 == 50.0));
        assert!(after(&g, &ids, Arrange::Top).iter().all(|p| p.1 == 0.0));
        assert!(after(&g, &ids, Arrange::Bottom)
            .iter()
            .all(|p| p.1 == 400.0));
        assert!(after(&g, &ids, Arrange::Middle)
            .iter()
            .all(|p| p.1 == 200.0));
    }

    #[test]
    fn distributing_spaces_centres_evenly_between_the_outer_two() {
        let (g, ids) = graph(&[(0.0, 0.0), (500.0, 0.0), (100.0, 0.0), (900.0, 0.0)]);
        let xs: Vec<f64> = after(&g, &ids, Arrange::Across)
            .iter()
            .map(|p| p.0)
            .collect();
        assert_eq!(xs, [0.0, 600.0, 300.0, 900.0]);
        assert!(
            arrange(&g, &ids[..2], Arrange::Across).is_none(),
            "needs three"
        );
        let (g, ids) = graph(&[(0.0, 0.0), (0.0, 100.0)]);
        assert!(arrange(&g, &ids, Arrange::Left).is_none(), "nothing moves");
    }
}
