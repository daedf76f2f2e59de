//! Automatic layered layout, left to right along the calls: layers by longest
//! path from the entry points (loops broken), order within layers by the
//! barycenter of neighbours, then even spacing.

use std::collections::HashMap;

use super::edit::Edit;
use super::geometry::{NODE_H, NODE_W};
use crate::workbook::Graph;

pub const LAYER_GAP: f64 = 96.0;
pub const ROW_GAP: f64 = 40.0;

/// An edit that places every node; apply it through the history to undo it.
pub fn layered(g: &Graph) -> Edit {
    let n = g.nodes.len();
    let index: HashMap<&str, usize> = g
        .nodes
        .iter()
        .enumerate()
        .map(|(i, x)| (x.id.as_str(), i))
        .collect();
    let mut out: Vec<Vec<usize>> = vec![vec![]; n];
    for e in &g.edges {
        if let (Some(&a), Some(&b)) = (index.get(e.from.as_str()), index.get(e.to.as_str())) {
            if a != b {
                out[a].push(b);
            }
        }
    }
    // Break loops: drop edges back to a node on the current DFS path.
    let mut state = vec![0u8; n]; // 0 new, 1 on path, 2 done
    let mut dag: Vec<Vec<usize>> = vec![vec![]; n];
    for start in 0..n {
        if state[start] != 0 {
            continue;
        }
        let mut stack = vec![(start, 0usize)];
        state[start] = 1;
        while let Some(&mut (v, ref mut next)) = stack.last_mut() {
            if let Some(&w) = out[v].get(*next) {
                *next += 1;
                match state[w] {
                    0 => {
                        dag[v].push(w);
                        state[w] = 1;
                        stack.push((w, 0));
                    }
                    2 => dag[v].push(w),
                    _ => {} // back edge
                }
            } else {
                state[v] = 2;
                stack.pop();
            }
        }
    }
    // Layers by longest path, in topological order (DFS post-order reversed).
    let mut order = Vec::with_capacity(n);
    let mut seen = vec![false; n];
    for s in 0..n {
        if seen[s] {
            continue;
        }
        let mut stack = vec![(s, 0usize)];
        seen[s] = true;
        while let Some(&mut (v, ref mut next)) = stack.last_mut() {
            if let Some(&w) = dag[v].get(*next) {
                *next += 1;
                if !seen[w] {
                    seen[w] = true;
                    stack.push((w, 0));
                }
            } else {
                order.push(v);
                stack.pop();
            }
        }
    }
    order.reverse();
    let mut layer = vec![0usize; n];
    for &v in &order {
        for &w in &dag[v] {
            layer[w] = layer[w].max(layer[v] + 1);
        }
    }
    let layers = layer.iter().max().map_or(0, |m| m + 1);
    let mut rows: Vec<Vec<usize>> = vec![vec![]; layers];
    for v in 0..n {
        rows[layer[v]].push(v);
    }
    // Bands: each team its own (a frame drawn around a team then holds all
    // of it), or, in a larger graph without teams, the application above
    // its data and the outside world below.
    let band = bands(g);
    // Barycenter ordering, two sweeps: each node follows the mean row of its
    // predecessors, which keeps edges short and crossings few; bands first.
    let mut pos = vec![0.0f64; n];
    let mut preds: Vec<Vec<usize>> = vec![vec![]; n];
    for (v, next) in dag.iter().enumerate() {
        for &w in next {
            preds[w].push(v);
        }
    }
    for _ in 0..2 {
        for row in rows.iter_mut() {
            row.sort_by_key(|&v| band[v]);
            for (r, &v) in row.iter().enumerate() {
                pos[v] = r as f64;
            }
        }
        for row in rows.iter_mut().skip(1) {
            let key = |v: &usize| {
                let p = &preds[*v];
                if p.is_empty() {
                    pos[*v]
                } else {
                    p.iter().map(|&u| pos[u]).sum::<f64>() / p.len() as f64
                }
            };
            row.sort_by(|a, b| {
                band[*a]
                    .cmp(&band[*b])
                    .then(key(a).total_cmp(&key(b)))
                    .then(a.cmp(b))
            });
            for (r, &v) in row.iter().enumerate() {
                pos[v] = r as f64;
            }
        }
    }
    // Each band as tall as its most crowded layer, one under the other.
    let bands_n = band.iter().max().map_or(0, |b| b + 1);
    let mut height = vec![0usize; bands_n];
    for row in &rows {
        let mut count = vec![0usize; bands_n];
        for &v in row {
            count[band[v]] += 1;
        }
        for (h, c) in height.iter_mut().zip(count) {
            *h = (*h).max(c);
        }
    }
    let step = NODE_H + ROW_GAP;
    let mut top = vec![0.0; bands_n];
    for b in 1..bands_n {
        let gap = if height[b - 1] > 0 { BAND_GAP } else { 0.0 };
        top[b] = top[b - 1] + height[b - 1] as f64 * step + gap;
    }
    let mut positions = Vec::with_capacity(n);
    for (l, row) in rows.iter().enumerate() {
        let x = l as f64 * (NODE_W + LAYER_GAP);
        for b in 0..bands_n {
            let members: Vec<usize> = row.iter().copied().filter(|&v| band[v] == b).collect();
            // Centred in its band against the band's most crowded layer.
            let offset = top[b] + (height[b] - members.len()) as f64 * step / 2.0;
            for (r, &v) in members.iter().enumerate() {
                let y = offset + r as f64 * step;
                positions.push((g.nodes[v].id.clone(), Some(x.round()), Some(y.round())));
            }
        }
    }
    Edit::SetPositions { positions }
}

/// Extra air between two bands.
pub const BAND_GAP: f64 = 48.0;

/// Graphs this large without teams are laid out in tiers (the application,
/// its data, the outside world).
pub const TIERS_FROM: usize = 20;

/// Each node's band: its team's (in the order teams first appear; no team
/// last) when any component has a team; else, from [`TIERS_FROM`]
/// components, its tier; else one band.
fn bands(g: &Graph) -> Vec<usize> {
    use crate::workbook::NodeKind;
    // As the frames read it: trimmed, blank is none.
    fn team(n: &crate::workbook::Node) -> Option<&str> {
        n.team.as_deref().map(str::trim).filter(|t| !t.is_empty())
    }
    if g.nodes.iter().any(|n| team(n).is_some()) {
        let mut teams: Vec<&str> = Vec::new();
        for n in &g.nodes {
            if let Some(t) = team(n) {
                if !teams.contains(&t) {
                    teams.push(t);
                }
            }
        }
        return g
            .nodes
            .iter()
            .map(|n| match team(n) {
                Some(t) => teams.iter().position(|x| *x == t).unwrap_or(0),
                None => teams.len(),
            })
            .collect();
    }
    if g.nodes.len() < TIERS_FROM {
        return vec![0; g.nodes.len()];
    }
    g.nodes
        .iter()
        .map(|n| match n.kind {
            k if k.is_data_store() || k == NodeKind::Queue => 1,
            NodeKind::External => 2,
            _ => 0,
        })
        .collect()
}
