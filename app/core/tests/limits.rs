//! Big and deep graphs: every pass over the graph is iterative and linear, so
//! a chain or a loop of 100,000 services neither overflows the stack nor
//! takes quadratic time (issue 17). The default test thread has a 2 MiB
//! stack, smaller than a browser's or the CLI's main thread.

use archbook_core::analysis::analyze;
use archbook_core::canvas::layout::layered;
use archbook_core::content::{builtin_checklists, builtin_pitfalls};
use archbook_core::export::records;
use archbook_core::{Edge, Node, NodeKind, Workbook};

const N: usize = 100_000;

fn chain(n: usize, closed: bool) -> Workbook {
    let mut wb = Workbook::new("Deep");
    for i in 0..n {
        let mut node = Node::new(format!("s{i}"), format!("service {i}"), NodeKind::Service);
        node.replicas = Some(2);
        wb.graph.nodes.push(node);
    }
    for i in 1..n {
        wb.graph
            .edges
            .push(Edge::new(format!("s{}", i - 1), format!("s{i}")));
    }
    if closed {
        wb.graph
            .edges
            .push(Edge::new(format!("s{}", n - 1), "s0".to_owned()));
    }
    wb
}

#[test]
fn a_chain_of_a_hundred_thousand_calls_is_reviewed_exported_and_laid_out() {
    let wb = chain(N, false);
    let checklists = builtin_checklists();
    let report = analyze(&wb, &builtin_pitfalls(), &checklists);
    let depth = report
        .findings
        .iter()
        .find(|f| f.rule == "sync-chain-depth")
        .expect("the chain is far past the limit");
    assert!(depth
        .message
        .contains(&format!("{} synchronous calls", N - 1)));
    assert!(report.findings.iter().all(|f| f.rule != "sync-cycle"));
    let files = records(
        &wb,
        &checklists,
        &report,
        &archbook_core::export::Options::new(1, "2026-12-01"),
    );
    assert!(files[0].markdown.contains("n99999 --> n100000"));
    let layout = layered(&wb.graph);
    let mut g = wb.graph.clone();
    layout.apply(&mut g).unwrap();
    assert!(g.nodes.iter().all(|n| n.x.is_some()));
}

#[test]
fn a_loop_of_a_hundred_thousand_calls_is_one_cycle() {
    let wb = chain(N, true);
    let report = analyze(&wb, &builtin_pitfalls(), &builtin_checklists());
    let cycles: Vec<_> = report
        .findings
        .iter()
        .filter(|f| f.rule == "sync-cycle")
        .collect();
    assert_eq!(cycles.len(), 1);
    assert_eq!(cycles[0].nodes.len(), N);
    // Inside one loop no chain is measured: the loop is one step.
    assert!(report.findings.iter().all(|f| f.rule != "sync-chain-depth"));
}
