//! The full review at 100, 1,000 and 10,000 nodes (about three edges per node),
//! and the routes of every edge after auto-layout at 100 and 1,000.
//! Target: 10,000 nodes in 20 ms or less, growing about linearly (the app
//! and CLI accept 1,000; the analysis is measured well past that).
//! Run with `cargo bench -p archbook-core --bench analysis`; the budget script
//! (`scripts/budget.mjs`) runs it and prints the table.

use archbook_core::analysis::analyze;
use archbook_core::content::{builtin_checklists, builtin_pitfalls};
use archbook_core::Workbook;
use serde_json::json;

fn main() {
    divan::main();
}

/// A deterministic random system of `n` components with three calls each.
/// `healthy`: components carry the traits and replicas a well-run system has,
/// so findings are few, as in real designs; otherwise nearly every component
/// has a finding (the worst case for building findings).
fn system(n: usize, healthy: bool) -> Workbook {
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    let mut rand = move |k: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % k as u64) as usize
    };
    let kinds = [
        "client", "gateway", "service", "service", "service", "service", "database", "cache",
        "queue", "worker",
    ];
    let nodes: Vec<_> = (0..n)
        .map(|i| {
            let kind = kinds[i % kinds.len()];
            let traits = if healthy || i % 3 == 0 {
                json!([
                    "traced",
                    "metrics",
                    "logs",
                    "authenticated",
                    "rate-limited",
                    "idempotent",
                    "timeouts",
                    "retries",
                    "ttl"
                ])
            } else {
                json!([])
            };
            let replicas = if healthy && i % 50 != 0 { 2 } else { 1 + i % 2 };
            json!({ "id": format!("n{i}"), "kind": kind, "replicas": replicas, "traits": traits })
        })
        .collect();
    let mut edges = Vec::new();
    for i in 0..n {
        for _ in 0..3 {
            let j = rand(n);
            if j != i {
                let style = if kinds[i % kinds.len()] == "queue" || rand(4) == 0 {
                    "async"
                } else {
                    "sync"
                };
                edges.push(
                    json!({ "from": format!("n{i}"), "to": format!("n{j}"), "style": style }),
                );
            }
        }
    }
    let v = json!({ "format": "archbook-workbook", "version": 1, "title": "bench",
                    "context": { "team_size": 40, "teams": 5, "read_percent": 80 },
                    "graph": { "nodes": nodes, "edges": edges } });
    // Built directly rather than through `load`: 10,000 components are past
    // the size the app and CLI accept (1,000), but the analysis must keep
    // scaling linearly beyond it.
    serde_json::from_value(v).expect("the generated workbook is well formed")
}

#[divan::bench(args = [100, 1_000, 10_000], sample_count = 20)]
fn full_review(bencher: divan::Bencher, n: usize) {
    run(bencher, system(n, true));
}

#[divan::bench(args = [100, 1_000, 10_000], sample_count = 10)]
fn full_review_finding_on_most_nodes(bencher: divan::Bencher, n: usize) {
    run(bencher, system(n, false));
}

fn run(bencher: divan::Bencher, wb: Workbook) {
    let pitfalls = builtin_pitfalls();
    let checklists = builtin_checklists();
    bencher.bench(|| analyze(divan::black_box(&wb), &pitfalls, &checklists));
}

/// Drawing every edge around the boxes in its way, after auto-layout (the
/// graph step does this on every edit; the app accepts 1,000 components,
/// and routes graphs of up to 150). Random long edges: the worst case.
#[divan::bench(args = [40, 150, 1_000], sample_count = 10)]
fn edge_routes_after_layout(bencher: divan::Bencher, n: usize) {
    let mut g = system(n, true).graph;
    archbook_core::canvas::layout::layered(&g)
        .apply(&mut g)
        .expect("a layout applies");
    bencher.bench(|| archbook_core::canvas::route::routes(divan::black_box(&g)));
}
