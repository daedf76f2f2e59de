//! The canvas' pointer gestures, event by event, as a person makes them.

use archbook_core::canvas::gesture::{Context, Effect, Gestures, Press, Target};
use archbook_core::canvas::{EdgeId, Edit, Point, Rect, Selection, Viewport};
use archbook_core::{Access, Edge, Graph, Node, NodeKind};
use pretty_assertions::assert_eq;

/// Two services side by side and a database under them (160 × 64 boxes).
fn graph() -> Graph {
    let mut g = Graph::default();
    for (id, kind, x, y) in [
        ("api", NodeKind::Service, 0.0, 0.0),
        ("orders", NodeKind::Service, 300.0, 0.0),
        ("db", NodeKind::Database, 300.0, 200.0),
    ] {
        let mut n = Node::new(id, id, kind);
        n.x = Some(x);
        n.y = Some(y);
        g.nodes.push(n);
    }
    g.edges.push(Edge::new("api", "orders"));
    g
}

struct Canvas {
    g: Graph,
    view: Viewport,
    selection: Selection,
    readonly: bool,
    /// The space bar is held.
    space: bool,
    placing: Option<NodeKind>,
    gestures: Gestures,
}

impl Canvas {
    fn new() -> Canvas {
        Canvas {
            g: graph(),
            view: Viewport::default(),
            selection: Selection::default(),
            readonly: false,
            space: false,
            placing: None,
            gestures: Gestures::default(),
        }
    }

    fn cx(&self) -> Context<'_> {
        Context {
            graph: &self.g,
            view: self.view,
            selection: &self.selection,
            readonly: self.readonly,
            space: self.space,
            placing: self.placing,
        }
    }

    /// Carries out what the web layer would for selection and view.
    fn run(&mut self, fx: Vec<Effect>) -> Vec<Effect> {
        for f in &fx {
            match f {
                Effect::Select(s) => self.selection = s.clone(),
                Effect::View(v) => self.view = *v,
                _ => {}
            }
        }
        fx
    }

    fn down(&mut self, pointer: i32, x: f64, y: f64, target: Target) -> Vec<Effect> {
        self.press(Press {
            pointer,
            touch: false,
            screen: Point::new(x, y),
            middle: false,
            shift: false,
            target,
        })
    }

    fn press(&mut self, p: Press) -> Vec<Effect> {
        let mut g = std::mem::take(&mut self.gestures);
        let fx = g.down(p, self.cx());
        self.gestures = g;
        self.run(fx)
    }

    fn touch(&mut self, pointer: i32, x: f64, y: f64) -> Vec<Effect> {
        self.press(Press {
            pointer,
            touch: true,
            screen: Point::new(x, y),
            middle: false,
            shift: false,
            target: Target::Empty,
        })
    }

    fn to(&mut self, pointer: i32, x: f64, y: f64) -> Vec<Effect> {
        let mut g = std::mem::take(&mut self.gestures);
        let fx = g.moved(pointer, Point::new(x, y), self.cx());
        self.gestures = g;
        self.run(fx)
    }

    fn up(&mut self, pointer: i32, x: f64, y: f64) -> Vec<Effect> {
        let mut g = std::mem::take(&mut self.gestures);
        let fx = g.up(pointer, Point::new(x, y), self.cx());
        self.gestures = g;
        self.run(fx)
    }
}

fn node(id: &str) -> Target {
    Target::Node(id.to_owned())
}

#[test]
fn dragging_a_component_shows_it_moving_then_makes_one_move_edit() {
    let mut c = Canvas::new();
    let fx = c.down(1, 20.0, 20.0, node("api"));
    assert_eq!(fx, [Effect::Select(Selection::node("api"))]);
    let fx = c.to(1, 60.0, 45.0);
    assert_eq!(
        fx,
        [
            Effect::Capture,
            Effect::Offsets(vec!["api".into()], Some(Point::new(40.0, 25.0)))
        ]
    );
    // The edit is what was shown, rounded to whole pixels.
    let fx = c.up(1, 60.0, 45.0);
    assert_eq!(
        fx,
        [
            Effect::Apply(Edit::Move {
                ids: vec!["api".into()],
                dx: 40.0,
                dy: 25.0
            }),
            Effect::Offsets(vec!["api".into()], None),
        ]
    );
    assert!(!c.gestures.active());
}

#[test]
fn a_press_that_barely_moves_is_a_click_and_edits_nothing() {
    let mut c = Canvas::new();
    c.down(1, 20.0, 20.0, node("api"));
    let fx = c.to(1, 21.0, 21.0);
    assert_eq!(
        fx,
        [Effect::Capture],
        "under the click slop: no offset shown"
    );
    assert_eq!(
        c.up(1, 21.0, 21.0),
        [Effect::Offsets(vec!["api".into()], None)]
    );
    assert_eq!(c.selection, Selection::node("api"));
}

#[test]
fn dragging_one_of_several_selected_components_moves_them_all() {
    let mut c = Canvas::new();
    c.selection.nodes = vec!["api".into(), "orders".into()];
    let fx = c.down(1, 20.0, 20.0, node("api"));
    assert!(fx.is_empty(), "the selection stays: {fx:?}");
    c.to(1, 30.0, 20.0);
    let fx = c.up(1, 30.0, 20.0);
    assert_eq!(
        fx[0],
        Effect::Apply(Edit::Move {
            ids: vec!["api".into(), "orders".into()],
            dx: 10.0,
            dy: 0.0
        })
    );
}

#[test]
fn shift_click_takes_a_selected_component_out_and_does_not_move_it() {
    let mut c = Canvas::new();
    c.selection.nodes = vec!["api".into(), "orders".into()];
    c.press(Press {
        pointer: 1,
        touch: false,
        screen: Point::new(20.0, 20.0),
        middle: false,
        shift: true,
        target: node("api"),
    });
    assert_eq!(c.selection.nodes, ["orders"]);
    c.to(1, 80.0, 80.0);
    assert!(
        c.up(1, 80.0, 80.0).is_empty(),
        "no drag of a component no longer selected"
    );
}

#[test]
fn a_connection_drawn_from_a_handle_to_a_database_reads_and_writes_it() {
    let mut c = Canvas::new();
    let fx = c.down(1, 470.0, 32.0, Target::Handle("orders".into()));
    assert_eq!(fx[0], Effect::PreventDefault);
    assert!(fx.contains(&Effect::Capture), "captured at once");
    let fx = c.to(1, 350.0, 230.0);
    assert_eq!(
        fx,
        [
            Effect::DropTarget(Some("db".into())),
            Effect::Connecting(Some(("orders".into(), Point::new(350.0, 230.0)))),
        ],
        "already captured: no second capture"
    );
    let fx = c.up(1, 350.0, 230.0);
    assert_eq!(
        fx.last(),
        Some(&Effect::Connect(Edge {
            access: Some(Access::ReadWrite),
            ..Edge::new("orders", "db")
        }))
    );
}

#[test]
fn a_connection_dropped_on_its_own_component_or_nowhere_makes_nothing() {
    let mut c = Canvas::new();
    c.down(1, 470.0, 32.0, Target::Handle("orders".into()));
    let fx = c.to(1, 320.0, 20.0);
    assert_eq!(fx[0], Effect::DropTarget(None), "not onto itself");
    assert_eq!(
        c.up(1, 320.0, 20.0),
        [Effect::Connecting(None), Effect::DropTarget(None)]
    );
    c.down(1, 470.0, 32.0, Target::Handle("orders".into()));
    assert_eq!(
        c.up(1, 900.0, 900.0),
        [Effect::Connecting(None), Effect::DropTarget(None)]
    );
}

#[test]
fn dragging_the_background_with_the_mouse_selects_what_the_box_covers() {
    let mut c = Canvas::new();
    c.selection = Selection::node("api");
    c.down(1, 0.0, 0.0, Target::Empty);
    assert!(c.selection.is_empty(), "a new box replaces the selection");
    let fx = c.to(1, 700.0, 120.0);
    assert!(fx.iter().any(|f| matches!(f, Effect::Marquee(Some(_)))));
    assert_eq!(c.view.pan, Point::default(), "no pan");
    c.up(1, 700.0, 120.0);
    assert!(!c.selection.is_empty(), "{:?}", c.selection);
}

#[test]
fn the_middle_button_the_space_bar_and_a_finger_pan_the_background() {
    for how in ["middle", "space", "touch"] {
        let mut c = Canvas::new();
        c.selection = Selection::node("api");
        c.space = how == "space";
        c.press(Press {
            pointer: 1,
            touch: how == "touch",
            screen: Point::new(500.0, 500.0),
            middle: how == "middle",
            shift: false,
            target: Target::Empty,
        });
        if how == "touch" {
            assert!(c.selection.is_empty(), "a tap clears the selection");
        } else {
            assert!(!c.selection.is_empty(), "{how} keeps the selection");
        }
        c.to(1, 520.0, 490.0);
        assert_eq!(c.view.pan, Point::new(20.0, -10.0), "{how}");
        c.to(1, 530.0, 480.0);
        assert_eq!(
            c.view.pan,
            Point::new(30.0, -20.0),
            "{how}: from the start, not cumulative"
        );
    }
}

#[test]
fn a_read_only_canvas_pans_from_a_component_and_never_edits() {
    let mut c = Canvas::new();
    c.readonly = true;
    c.down(1, 20.0, 20.0, node("api"));
    c.to(1, 60.0, 20.0);
    assert_eq!(c.view.pan, Point::new(40.0, 0.0));
    assert!(c.up(1, 60.0, 20.0).is_empty());
    let fx = c.down(1, 470.0, 32.0, Target::Handle("api".into()));
    assert!(!fx.contains(&Effect::PreventDefault), "no connection drawn");
}

#[test]
fn shift_drag_on_the_background_adds_what_the_box_touches() {
    let mut c = Canvas::new();
    c.selection = Selection::node("api");
    c.press(Press {
        pointer: 1,
        touch: false,
        screen: Point::new(280.0, 180.0),
        middle: false,
        shift: true,
        target: Target::Empty,
    });
    let fx = c.to(1, 320.0, 220.0);
    assert_eq!(
        fx[1],
        Effect::Marquee(Some(Rect::from_corners(
            Point::new(280.0, 180.0),
            Point::new(320.0, 220.0)
        )))
    );
    assert_eq!(c.selection.nodes, ["api", "db"]);
    assert_eq!(c.up(1, 320.0, 220.0), [Effect::Marquee(None)]);
}

#[test]
fn a_click_with_a_palette_kind_waiting_places_it_there() {
    let mut c = Canvas::new();
    c.view = Viewport {
        pan: Point::new(100.0, 0.0),
        zoom: 2.0,
    };
    c.placing = Some(NodeKind::Cache);
    let fx = c.down(1, 300.0, 100.0, Target::Empty);
    assert_eq!(
        fx,
        [Effect::Place(NodeKind::Cache, Point::new(100.0, 50.0))]
    );
}

#[test]
fn clicking_an_edge_selects_that_edge() {
    let mut c = Canvas::new();
    let id = EdgeId::of(&c.g, 0).unwrap();
    c.down(1, 200.0, 32.0, Target::Edge(id.clone()));
    assert_eq!(c.selection, Selection::edge(id));
}

/// The bug this module fixed: the pinch started with both fingers at the
/// second finger's place, so spreading them zoomed from a zero distance.
#[test]
fn a_pinch_zooms_from_where_both_fingers_really_are() {
    let mut c = Canvas::new();
    c.touch(1, 100.0, 100.0);
    c.to(1, 100.0, 100.0);
    let fx = c.touch(2, 200.0, 100.0);
    assert_eq!(fx.last(), Some(&Effect::Capture));
    // Spread from 100 px apart to 200 px apart about the same midpoint.
    c.to(2, 250.0, 100.0);
    c.to(1, 50.0, 100.0);
    assert!((c.view.zoom - 2.0).abs() < 1e-9, "zoom {}", c.view.zoom);
    // The graph point that was between the fingers is still between them.
    let mid = c.view.to_graph(Point::new(150.0, 100.0));
    assert!(
        (mid.x - 150.0).abs() < 1e-9 && (mid.y - 100.0).abs() < 1e-9,
        "{mid:?}"
    );
}

#[test]
fn two_fingers_moving_together_pan_without_zooming() {
    let mut c = Canvas::new();
    c.touch(1, 100.0, 100.0);
    c.touch(2, 200.0, 100.0);
    c.to(1, 100.0, 160.0);
    c.to(2, 200.0, 160.0);
    assert!((c.view.zoom - 1.0).abs() < 1e-9);
    let pan = c.view.pan;
    assert!(pan.x.abs() < 1e-9 && (pan.y - 60.0).abs() < 1e-9, "{pan:?}");
}

#[test]
fn a_second_finger_during_a_drag_puts_the_components_back_and_pinches() {
    let mut c = Canvas::new();
    c.press(Press {
        pointer: 1,
        touch: true,
        screen: Point::new(20.0, 20.0),
        middle: false,
        shift: false,
        target: node("api"),
    });
    c.to(1, 60.0, 20.0);
    let fx = c.touch(2, 200.0, 200.0);
    assert_eq!(fx[0], Effect::Offsets(vec!["api".into()], None));
    assert!(
        !c.up(1, 60.0, 20.0)
            .iter()
            .any(|f| matches!(f, Effect::Apply(_))),
        "a pinch never moves components"
    );
}

#[test]
fn a_mouse_press_while_another_pointer_drags_does_not_pinch() {
    let mut c = Canvas::new();
    c.down(1, 500.0, 500.0, Target::Empty);
    c.down(2, 20.0, 20.0, node("api"));
    assert_eq!(c.selection, Selection::node("api"));
}
