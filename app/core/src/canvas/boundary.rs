//! Team boundaries: a frame drawn around the components each team owns,
//! named after the team, so that the room sees who owns what and where a
//! store or a call crosses from one team to another.
//!
//! A boundary is worked out from the components' `team`, which the review
//! reads too, not drawn by hand: it cannot say one thing while the review
//! reads another. A frame never covers a component the team does not own:
//! when the layout puts another component between a team's components, the
//! team gets a frame for each part ("checkout · 2 of 3 components"). Parts
//! are merged, the nearest first, as long as their common frame covers no
//! other team's (or no team's) component.

use super::draw::text_width;
use super::geometry::{node_rect, Rect};
use crate::workbook::Graph;

/// Air between a frame and the boxes in it, and room above for its name.
const PAD: f64 = 16.0;
const TITLE: f64 = 18.0;
/// The caption's font size and its distance from the frame's left side
/// (and its baseline from the top), as drawn.
pub const CAPTION_FONT: f64 = 12.0;
pub const CAPTION_INSET: f64 = 12.0;
pub const CAPTION_BASELINE: f64 = 17.0;

/// The largest graph whose teams' parts are merged into as few frames as
/// possible; in a larger one, each component gets its own frame (merging
/// costs about the square of a team's size times the graph's).
pub const MERGED_UP_TO: usize = 300;

#[derive(Clone, Debug, PartialEq)]
pub struct Boundary {
    pub team: String,
    pub rect: Rect,
    /// Names of the team's components in this frame, in the graph's order.
    pub members: Vec<String>,
    /// How many components the team has in all (in every frame).
    pub of: usize,
}

impl Boundary {
    /// The frame's caption: "payments · 3 components", or "payments · 1 of
    /// 3 components" when the team's components are in several frames.
    pub fn caption(&self) -> String {
        let n = self.members.len();
        let plural = |k: usize| if k == 1 { "" } else { "s" };
        if n == self.of {
            format!("{} · {n} component{}", self.team, plural(n))
        } else {
            format!(
                "{} · {n} of {} component{}",
                self.team,
                self.of,
                plural(self.of)
            )
        }
    }
}

/// The frames of every team named on a component, by team name, each
/// team's from top left to bottom right.
pub fn teams(g: &Graph) -> Vec<Boundary> {
    let mut by_team: Vec<(String, Vec<usize>)> = Vec::new();
    for (i, n) in g.nodes.iter().enumerate() {
        let Some(team) = n.team.as_deref().map(str::trim).filter(|t| !t.is_empty()) else {
            continue;
        };
        match by_team.iter_mut().find(|(t, _)| t == team) {
            Some((_, members)) => members.push(i),
            None => by_team.push((team.to_owned(), vec![i])),
        }
    }
    by_team.sort_by(|a, b| a.0.cmp(&b.0));
    let merge = g.nodes.len() <= MERGED_UP_TO;
    let mut out = Vec::new();
    for (team, members) in by_team {
        let of = members.len();
        let mut parts: Vec<(Rect, Vec<usize>)> = members
            .iter()
            .map(|&i| (frame(node_rect(&g.nodes[i])), vec![i]))
            .collect();
        if merge {
            let others: Vec<Rect> = g
                .nodes
                .iter()
                .enumerate()
                .filter(|(i, _)| !members.contains(i))
                .map(|(_, n)| node_rect(n))
                .collect();
            merge_parts(&mut parts, &others);
        }
        parts.sort_by(|a, b| {
            (a.0.y, a.0.x)
                .partial_cmp(&(b.0.y, b.0.x))
                .unwrap_or(std::cmp::Ordering::Equal)
        });
        for (rect, mut ids) in parts {
            ids.sort_unstable();
            let mut b = Boundary {
                team: team.clone(),
                rect,
                members: ids
                    .iter()
                    .map(|&i| g.nodes[i].display_name().to_owned())
                    .collect(),
                of,
            };
            // Wide enough for its caption (a lone box is narrower than
            // "checkout · 1 of 3 components").
            let need = text_width(&b.caption(), CAPTION_FONT, true) + 2.0 * CAPTION_INSET;
            if b.rect.w < need {
                b.rect.x -= (need - b.rect.w) / 2.0;
                b.rect.w = need;
            }
            out.push(b);
        }
    }
    out
}

/// A frame around a box (or boxes' union): air around, room for the name.
fn frame(r: Rect) -> Rect {
    Rect {
        x: r.x - PAD,
        y: r.y - PAD - TITLE,
        w: r.w + 2.0 * PAD,
        h: r.h + 2.0 * PAD + TITLE,
    }
}

/// Merges parts pairwise, the pair with the smallest common frame first,
/// while that frame covers none of `others`; a common frame that reaches
/// a third part takes it in too.
fn merge_parts(parts: &mut Vec<(Rect, Vec<usize>)>, others: &[Rect]) {
    loop {
        let mut best: Option<(f64, usize, usize, Rect, Vec<usize>)> = None;
        for a in 0..parts.len() {
            for b in a + 1..parts.len() {
                let mut rect = parts[a].0.union(&parts[b].0);
                let mut taken = vec![a, b];
                // Take in every part the common frame reaches, until none is left.
                while let Some(c) =
                    (0..parts.len()).find(|c| !taken.contains(c) && parts[*c].0.intersects(&rect))
                {
                    rect = rect.union(&parts[c].0);
                    taken.push(c);
                }
                let area = rect.w * rect.h;
                if best.as_ref().is_some_and(|b| b.0 <= area)
                    || others.iter().any(|o| o.intersects(&rect))
                {
                    continue;
                }
                best = Some((area, a, b, rect, taken));
            }
        }
        let Some((_, _, _, rect, mut taken)) = best else {
            return;
        };
        taken.sort_unstable_by(|x, y| y.cmp(x));
        let mut ids = Vec::new();
        for i in taken {
            ids.extend(parts.swap_remove(i).1);
        }
        parts.push((rect, ids));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workbook::{Node, NodeKind};

    fn node(id: &str, team: Option<&str>, x: f64, y: f64) -> Node {
        let mut n = Node::new(id, id, NodeKind::Service);
        n.team = team.map(str::to_owned);
        n.x = Some(x);
        n.y = Some(y);
        n
    }

    #[test]
    fn a_frame_goes_around_each_teams_components_and_names_it() {
        let g = Graph {
            nodes: vec![
                node("orders", Some("checkout"), 0.0, 0.0),
                node("payments", Some(" checkout "), 300.0, 0.0),
                node("search", Some("discovery"), 0.0, 400.0),
                node("db", None, 600.0, 400.0),
            ],
            ..Graph::default()
        };
        let b = teams(&g);
        assert_eq!(b.len(), 2);
        assert_eq!(b[0].team, "checkout");
        assert_eq!(b[0].members, ["orders", "payments"]);
        for n in &g.nodes[..2] {
            let r = node_rect(n);
            assert!(b[0].rect.x < r.x && b[0].rect.x + b[0].rect.w > r.x + r.w);
            assert!(b[0].rect.y + TITLE < r.y && b[0].rect.y + b[0].rect.h > r.y + r.h);
        }
        assert_eq!(b[0].caption(), "checkout · 2 components");
        assert_eq!(b[1].caption(), "discovery · 1 component");
    }

    #[test]
    fn a_frame_never_covers_what_the_team_does_not_own() {
        // The layout put an unowned store between two checkout services, and
        // a third checkout service beside the second.
        let g = Graph {
            nodes: vec![
                node("orders", Some("checkout"), 0.0, 0.0),
                node("db", None, 250.0, 0.0),
                node("payments", Some("checkout"), 500.0, 0.0),
                node("refunds", Some("checkout"), 500.0, 120.0),
            ],
            ..Graph::default()
        };
        let b = teams(&g);
        assert_eq!(b.len(), 2);
        assert_eq!(b[0].members, ["orders"]);
        assert_eq!(b[0].caption(), "checkout · 1 of 3 components");
        let room = b[0].rect.w - 2.0 * CAPTION_INSET;
        assert!(room >= text_width(&b[0].caption(), CAPTION_FONT, true));
        assert_eq!(b[1].members, ["payments", "refunds"]);
        assert_eq!(b[1].caption(), "checkout · 2 of 3 components");
        let db = node_rect(&g.nodes[1]);
        assert!(b.iter().all(|f| !f.rect.intersects(&db)));
    }

    #[test]
    fn no_teams_no_frames() {
        let g = Graph {
            nodes: vec![node("a", None, 0.0, 0.0), node("b", Some("  "), 0.0, 0.0)],
            ..Graph::default()
        };
        assert!(teams(&g).is_empty());
    }
}
