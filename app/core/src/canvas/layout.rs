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
    // Barycenter ordering, two sweeps: each node follows the mean row of its
    // predecessors, which keeps edges short and crossings few.
    let mut pos = vec![0.0f64; n];
    let mut preds: Vec<Vec<usize>> = vec![vec![]; n];
    for (v, next) in dag.iter().enumerate() {
        for &w in next {
            preds[w].push(v);
        }
    }
    for _ in 0..2 {
        for row in rows.iter_mut() {
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
            row.sort_by(|a, b| key(a).total_cmp(&key(b)).then(a.cmp(b)));
            for (r, &v) in row.iter().enumerate() {
                pos[v] = r as f64;
            }
        }
    }
    let tallest = rows.iter().map(Vec::len).max().unwrap_or(0) as f64;
    let mut positions = Vec::with_capacity(n);
    for (l, row) in rows.iter().enumerate() {
        // Center shorter layers against the tallest one.
        let offset = (tallest - row.len() as f64) * (NODE_H + ROW_GAP) / 2.0;
        for (r, &v) in row.iter().enumerate() {
            let x = l as f64 * (NODE_W + LAYER_GAP);
            let y = offset + r as f64 * (NODE_H + ROW_GAP);
            positions.push((g.nodes[v].id.clone(), Some(x.round()), Some(y.round())));
        }
    }
    Edit::SetPositions { positions }
}
