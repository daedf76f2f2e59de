//! The graph editor's model: commands, undo and redo, layout.

use archbook_core::canvas::layout::layered;
use archbook_core::canvas::{Edit, EditError, History};
use archbook_core::{Access, Edge, EdgeStyle, Graph, Node, NodeKind};
use proptest::prelude::*;

fn edge(a: &str, b: &str) -> Edge {
    Edge {
        from: a.into(),
        to: b.into(),
        style: EdgeStyle::Sync,
        access: None,
        label: None,
        evidence: vec![],
        extra: Default::default(),
    }
}

fn graph() -> Graph {
    let mut g = Graph::default();
    for (id, kind) in [
        ("web", NodeKind::Client),
        ("api", NodeKind::Service),
        ("db", NodeKind::Database),
        ("q", NodeKind::Queue),
    ] {
        g.nodes.push(Node::new(id, id, kind));
    }
    g.edges = vec![edge("web", "api"), edge("api", "db"), edge("api", "q")];
    g
}

#[test]
fn removing_a_node_takes_its_edges_and_undo_puts_everything_back_in_place() {
    let mut g = graph();
    let original = g.clone();
    let mut h = History::default();
    h.apply(&mut g, Edit::RemoveNode { id: "api".into() })
        .unwrap();
    assert_eq!(g.nodes.len(), 3);
    assert!(g.edges.is_empty());
    assert!(h.undo(&mut g));
    assert_eq!(g, original);
    assert!(h.redo(&mut g));
    assert!(g.edges.is_empty());
}

#[test]
fn bad_edits_are_refused_and_change_nothing() {
    let mut g = graph();
    let original = g.clone();
    let mut h = History::default();
    assert_eq!(
        h.apply(
            &mut g,
            Edit::Rename {
                id: "nope".into(),
                name: "x".into()
            }
        ),
        Err(EditError::UnknownNode("nope".into()))
    );
    assert_eq!(
        h.apply(
            &mut g,
            Edit::AddNode {
                node: Node::new("db", "db", NodeKind::Cache),
                index: 0
            }
        ),
        Err(EditError::DuplicateNode("db".into()))
    );
    assert_eq!(
        h.apply(
            &mut g,
            Edit::AddEdge {
                edge: edge("api", "api"),
                index: 0
            }
        ),
        Err(EditError::SelfLoop("api".into()))
    );
    assert_eq!(
        h.apply(
            &mut g,
            Edit::SetReplicas {
                id: "api".into(),
                replicas: Some(0)
            }
        ),
        Err(EditError::ZeroReplicas)
    );
    // A batch is all or nothing.
    let batch = Edit::Batch(vec![
        Edit::Rename {
            id: "api".into(),
            name: "Orders".into(),
        },
        Edit::RemoveEdge { index: 99 },
    ]);
    assert!(h.apply(&mut g, batch).is_err());
    assert_eq!(g, original);
    assert!(!h.can_undo());
}

#[test]
fn a_drag_is_one_undo_step() {
    let mut g = graph();
    let mut h = History::default();
    for _ in 0..10 {
        h.apply_drag(&mut g, vec!["api".into(), "db".into()], 3.0, -2.0, 7)
            .unwrap();
    }
    assert_eq!((g.nodes[1].x, g.nodes[1].y), (Some(30.0), Some(-20.0)));
    h.undo(&mut g);
    assert_eq!(
        (g.nodes[1].x, g.nodes[1].y),
        (None, None),
        "one undo reverts the whole drag"
    );
    assert!(!h.can_undo());
}

#[test]
fn layout_runs_left_to_right_along_the_calls_and_survives_loops() {
    let mut g = graph();
    g.edges.push(edge("db", "api")); // a loop
    let mut h = History::default();
    let layout = layered(&g);
    h.apply(&mut g, layout).unwrap();
    let x = |id: &str| g.nodes.iter().find(|n| n.id == id).unwrap().x.unwrap();
    assert!(x("web") < x("api") && x("api") < x("db"));
    assert_eq!(x("db"), x("q"), "db and q are both called by api");
    let y = |id: &str| g.nodes.iter().find(|n| n.id == id).unwrap().y.unwrap();
    assert_ne!(y("db"), y("q"), "nodes of one layer do not overlap");
    h.undo(&mut g);
    assert!(g.nodes.iter().all(|n| n.x.is_none()));
}

fn arb_edit() -> impl Strategy<Value = Edit> {
    let id =
        prop::sample::select(vec!["web", "api", "db", "q", "new", "ghost"]).prop_map(String::from);
    let kind = prop::sample::select(NodeKind::ALL.to_vec());
    prop_oneof![
        (id.clone(), kind.clone(), 0usize..6).prop_map(|(id, kind, index)| Edit::AddNode {
            node: Node::new(id.clone(), id, kind),
            index
        }),
        id.clone().prop_map(|id| Edit::RemoveNode { id }),
        (
            prop::collection::vec(id.clone(), 0..3),
            -50.0f64..50.0,
            -50.0f64..50.0
        )
            .prop_map(|(ids, dx, dy)| Edit::Move { ids, dx, dy }),
        (id.clone(), "[a-z ]{0,8}").prop_map(|(id, name)| Edit::Rename { id, name }),
        (id.clone(), kind).prop_map(|(id, kind)| Edit::SetKind { id, kind }),
        (id.clone(), prop::option::of(0u32..4))
            .prop_map(|(id, replicas)| Edit::SetReplicas { id, replicas }),
        (id.clone(), prop::collection::vec("[a-z]{1,5}", 0..3))
            .prop_map(|(id, traits)| Edit::SetTraits { id, traits }),
        (id.clone(), prop::option::of("[a-z]{1,5}"))
            .prop_map(|(id, team)| Edit::SetTeam { id, team }),
        (id.clone(), id.clone(), 0usize..5).prop_map(|(a, b, index)| Edit::AddEdge {
            edge: edge(&a, &b),
            index
        }),
        (0usize..6).prop_map(|index| Edit::RemoveEdge { index }),
        (
            0usize..6,
            any::<bool>(),
            prop::option::of(Just(Access::Read))
        )
            .prop_map(|(index, asy, access)| Edit::SetEdge {
                index,
                style: if asy {
                    EdgeStyle::Async
                } else {
                    EdgeStyle::Sync
                },
                access,
                label: None,
            }),
    ]
}

proptest! {
    /// Any sequence of commands, undone step by step, gives back the original
    /// graph; redone, the edited one. Refused commands change nothing.
    #[test]
    fn undo_and_redo_are_exact(edits in prop::collection::vec(arb_edit(), 0..40)) {
        let mut g = graph();
        let original = g.clone();
        let mut h = History::default();
        let mut steps = 0;
        for edit in edits {
            let before = g.clone();
            match h.apply(&mut g, edit) {
                Ok(()) => steps += 1,
                Err(_) => prop_assert_eq!(&g, &before),
            }
        }
        let edited = g.clone();
        for _ in 0..steps {
            prop_assert!(h.undo(&mut g));
        }
        prop_assert!(!h.undo(&mut g));
        prop_assert_eq!(&g, &original);
        for _ in 0..steps {
            prop_assert!(h.redo(&mut g));
        }
        prop_assert_eq!(&g, &edited);
    }
}

/// Issue 15: a second identical connection is refused; another style is a
/// different connection, and undo still restores duplicates a file holds.
#[test]
fn a_connection_drawn_twice_is_refused_with_the_names() {
    let mut g = graph();
    let (from, to) = (g.edges[0].from.clone(), g.edges[0].to.clone());
    let err = Edit::connect(&g, edge(&from, &to)).unwrap_err();
    assert!(matches!(err, EditError::DuplicateEdge(_, _)));
    assert!(err.to_string().contains("is already connected to"), "{err}");
    let mut async_edge = edge(&from, &to);
    async_edge.style = EdgeStyle::Async;
    let add = Edit::connect(&g, async_edge).unwrap();
    let mut h = History::default();
    h.apply(&mut g, add).unwrap();
    assert_eq!(
        g.edges
            .iter()
            .filter(|e| e.from == from && e.to == to)
            .count(),
        2
    );
}

#[test]
fn a_new_connection_to_a_data_store_reads_and_writes_it_and_others_have_no_access() {
    let g = graph();
    assert_eq!(
        Edit::new_connection(&g, "web", "db").access,
        Some(Access::ReadWrite)
    );
    assert_eq!(Edit::new_connection(&g, "web", "q").access, None);
    assert_eq!(Edit::new_connection(&g, "db", "api").access, None);
    assert_eq!(Edit::new_connection(&g, "web", "db").style, EdgeStyle::Sync);
}

#[test]
fn a_new_connection_to_or_from_a_queue_is_asynchronous_as_imports_draw_it() {
    let g = graph();
    assert_eq!(Edit::new_connection(&g, "web", "q").style, EdgeStyle::Async);
    assert_eq!(Edit::new_connection(&g, "q", "api").style, EdgeStyle::Async);
    assert_eq!(
        Edit::new_connection(&g, "web", "api").style,
        EdgeStyle::Sync
    );
}

#[test]
fn ticking_a_trait_is_one_edit_and_ticking_it_again_is_none() {
    let mut g = graph();
    let on = Edit::toggle_trait(&g, "api", "stateful", true).unwrap();
    on.apply(&mut g).unwrap();
    assert_eq!(g.nodes[1].traits, ["stateful"]);
    assert_eq!(Edit::toggle_trait(&g, "api", "stateful", true), None);
    assert_eq!(Edit::toggle_trait(&g, "gone", "stateful", true), None);
    Edit::toggle_trait(&g, "api", "stateful", false)
        .unwrap()
        .apply(&mut g)
        .unwrap();
    assert!(g.nodes[1].traits.is_empty());
}

#[test]
fn a_component_lists_its_connections_both_ways_with_each_edge_identity() {
    use archbook_core::canvas::selection::links;
    let mut g = graph();
    g.edges.push(Edge {
        style: EdgeStyle::Async,
        ..edge("q", "api")
    });
    let l = links(&g, "api");
    let texts: Vec<_> = l.iter().map(|l| (l.text.as_str(), l.is_async)).collect();
    assert_eq!(
        texts,
        [
            ("← web", false),
            ("→ db", false),
            ("→ q", false),
            ("← q", true)
        ]
    );
    assert_eq!(l[3].edge.index(&g), Some(3));
}

#[test]
fn deleting_the_selection_is_one_edit_of_what_still_exists() {
    use archbook_core::canvas::{EdgeId, Selection};
    let mut g = graph();
    let edge = EdgeId::of(&g, 1).unwrap();
    assert_eq!(
        Selection::edge(edge.clone()).removal(&g),
        Some(Edit::RemoveEdge { index: 1 })
    );
    let two = Selection {
        nodes: vec!["db".into(), "gone".into(), "q".into()],
        edge: None,
    };
    let mut h = History::default();
    let edit = two.removal(&g).unwrap();
    h.apply(&mut g, edit).unwrap();
    assert_eq!(g.nodes.len(), 2);
    assert!(g.edges.iter().all(|e| e.to != "db" && e.to != "q"));
    assert!(h.undo(&mut g), "one undo step");
    assert_eq!(g.nodes.len(), 4);
    assert_eq!(Selection::default().removal(&g), None);
    assert_eq!(Selection::node("gone").removal(&g), None);
    g.edges.clear();
    assert_eq!(Selection::edge(edge).removal(&g), None, "its edge is gone");
}

/// Three teams whose components call across each other in every layer.
fn three_teams() -> Graph {
    let mut g = Graph::default();
    let teams = ["checkout", "catalog", "marketplace"];
    for layer in 0..3 {
        for (t, team) in teams.iter().enumerate() {
            for k in 0..2 {
                let id = format!("{team}-{layer}-{k}");
                let mut n = Node::new(id.clone(), id, NodeKind::Service);
                n.team = Some((*team).to_owned());
                g.nodes.push(n);
                if layer > 0 {
                    // Each calls the next team's component of the layer before.
                    let from = format!("{}-{}-{k}", teams[(t + 1) % 3], layer - 1);
                    g.edges.push(archbook_core::Edge::new(
                        from,
                        format!("{team}-{layer}-{k}"),
                    ));
                }
            }
        }
    }
    g
}

#[test]
fn auto_layout_keeps_each_team_in_one_frame() {
    let mut g = three_teams();
    layered(&g).apply(&mut g).unwrap();
    let frames = archbook_core::canvas::boundary::teams(&g);
    assert_eq!(
        frames.len(),
        3,
        "{:?}",
        frames.iter().map(|f| f.caption()).collect::<Vec<_>>()
    );
    assert!(frames.iter().all(|f| f.members.len() == 6));
    for (i, a) in frames.iter().enumerate() {
        for b in &frames[i + 1..] {
            assert!(
                !a.rect.intersects(&b.rect),
                "{} overlaps {}",
                a.team,
                b.team
            );
        }
    }
}

#[test]
fn a_larger_graph_without_teams_is_laid_out_in_tiers() {
    let mut g = Graph::default();
    for i in 0..12 {
        g.nodes.push(Node::new(
            format!("s{i}"),
            format!("s{i}"),
            NodeKind::Service,
        ));
        g.nodes.push(Node::new(
            format!("d{i}"),
            format!("d{i}"),
            NodeKind::Database,
        ));
        g.edges
            .push(archbook_core::Edge::new(format!("s{i}"), format!("d{i}")));
        if i > 0 {
            g.edges.push(archbook_core::Edge::new(
                format!("s{}", i - 1),
                format!("s{i}"),
            ));
        }
    }
    layered(&g).apply(&mut g).unwrap();
    let lowest_service = g
        .nodes
        .iter()
        .filter(|n| n.kind == NodeKind::Service)
        .map(|n| n.y.unwrap())
        .fold(f64::MIN, f64::max);
    let highest_store = g
        .nodes
        .iter()
        .filter(|n| n.kind == NodeKind::Database)
        .map(|n| n.y.unwrap())
        .fold(f64::MAX, f64::min);
    assert!(
        highest_store > lowest_service,
        "the data sits below the application"
    );
    // No two boxes overlap.
    for (i, a) in g.nodes.iter().enumerate() {
        for b in &g.nodes[i + 1..] {
            assert!(
                !archbook_core::canvas::geometry::node_rect(a)
                    .intersects(&archbook_core::canvas::geometry::node_rect(b)),
                "{} overlaps {}",
                a.id,
                b.id
            );
        }
    }
}
