//! What the pointer does on the canvas, between down and up: move the
//! selected components, draw a connection, pan, select by box, pinch. A
//! state machine fed the pointer's events in screen pixels; it answers with
//! [`Effect`]s that the web layer carries out (edits, selection, view).
//!
//! Mouse, pen and touch all arrive as pointers. A second finger on a touch
//! screen turns whatever the first one was doing into a pinch that zooms
//! about the fingers' midpoint and pans with it.

use crate::workbook::{Edge, Graph, NodeKind};

use super::geometry::{node_at, nodes_in, Point, Rect, Viewport};
use super::{EdgeId, Edit, Selection};

/// How far (screen pixels, along x plus along y) a press must travel before
/// it moves components: less is a click.
pub const CLICK_SLOP: f64 = 3.0;

/// What a press landed on.
#[derive(Debug, Clone, PartialEq)]
pub enum Target {
    /// A component's connection handle.
    Handle(String),
    Node(String),
    Edge(EdgeId),
    /// The canvas' background.
    Empty,
}

/// A pointer going down.
#[derive(Debug, Clone, PartialEq)]
pub struct Press {
    pub pointer: i32,
    /// A finger, rather than a mouse or pen.
    pub touch: bool,
    /// Where, in pixels from the canvas' top left.
    pub screen: Point,
    /// The middle mouse button (pans).
    pub middle: bool,
    pub shift: bool,
    pub target: Target,
}

/// What the machine reads of the editor at each event.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    pub graph: &'a Graph,
    pub view: Viewport,
    pub selection: &'a Selection,
    pub readonly: bool,
    /// The space bar is held (drag pans).
    pub space: bool,
    /// A palette kind waiting for a click on the canvas.
    pub placing: Option<NodeKind>,
}

/// What the web layer does in answer to an event, in order.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Route the pointer's next events to the canvas wherever it goes.
    Capture,
    /// Keep the browser from its own handling (text selection, dragging).
    PreventDefault,
    Select(Selection),
    /// Add a component of this kind centred on a graph point.
    Place(NodeKind, Point),
    /// Draw these components shifted by an offset while they are dragged
    /// (`None`: where they are).
    Offsets(Vec<String>, Option<Point>),
    /// The connection being drawn: from a component to a graph point.
    Connecting(Option<(String, Point)>),
    /// The component a connection being drawn would end on.
    DropTarget(Option<String>),
    /// The selection box, in graph coordinates.
    Marquee(Option<Rect>),
    /// The user moved the view: show this one.
    View(Viewport),
    Apply(Edit),
    /// Add this connection (it may be refused as a duplicate).
    Connect(Edge),
}

#[derive(Debug, Clone, Default, PartialEq)]
enum Gesture {
    #[default]
    Idle,
    Move {
        pointer: i32,
        start: Point,
        ids: Vec<String>,
        /// The offset shown so far, once the pointer has really moved.
        moved: Option<Point>,
    },
    Connect {
        pointer: i32,
        from: String,
    },
    Pan {
        pointer: i32,
        start: Point,
        pan: Point,
    },
    Select {
        pointer: i32,
        start: Point,
        additive: bool,
        before: Vec<String>,
    },
    Pinch {
        a: (i32, Point),
        b: (i32, Point),
    },
}

/// The canvas' pointer state: the gesture under way and where each pointer
/// that is down is now.
#[derive(Debug, Clone, Default)]
pub struct Gestures {
    now: Gesture,
    pointers: Vec<(i32, Point)>,
    captured: bool,
}

impl Gestures {
    /// Whether a gesture is under way.
    pub fn active(&self) -> bool {
        self.now != Gesture::Idle
    }

    fn track(&mut self, pointer: i32, at: Option<Point>) {
        self.pointers.retain(|(p, _)| *p != pointer);
        if let Some(at) = at {
            self.pointers.push((pointer, at));
        }
    }

    /// A pointer went down.
    pub fn down(&mut self, press: Press, cx: Context) -> Vec<Effect> {
        let Press {
            pointer, screen, ..
        } = press;
        self.track(pointer, Some(screen));
        if let Some(fx) = self.second_finger(&press) {
            return fx;
        }
        let at = cx.view.to_graph(screen);
        let pan = press.middle || cx.space || cx.readonly;
        let mut fx = Vec::new();
        let next = match press.target {
            Target::Handle(from) if !cx.readonly => {
                fx.push(Effect::PreventDefault);
                fx.push(Effect::Connecting(Some((from.clone(), at))));
                // Captured at once: the handle is small and the pointer soon leaves it.
                fx.push(Effect::Capture);
                self.captured = true;
                Gesture::Connect { pointer, from }
            }
            Target::Node(id) if !pan => {
                let mut selection = cx.selection.clone();
                if press.shift || !selection.nodes.contains(&id) {
                    selection.click_node(&id, press.shift);
                    fx.push(Effect::Select(selection.clone()));
                }
                if selection.nodes.contains(&id) {
                    Gesture::Move {
                        pointer,
                        start: at,
                        ids: selection.nodes,
                        moved: None,
                    }
                } else {
                    Gesture::Idle
                }
            }
            Target::Edge(edge) if !pan => {
                fx.push(Effect::Select(Selection::edge(edge)));
                Gesture::Idle
            }
            _ => match cx.placing.filter(|_| !cx.readonly) {
                Some(kind) => {
                    fx.push(Effect::Place(kind, at));
                    Gesture::Idle
                }
                // A drag on the background selects what its box covers, as
                // in diagram editors (Shift adds to the selection); the
                // middle button, the space bar, a finger, or a read-only
                // canvas pan instead.
                None if !pan && !press.touch => {
                    if !press.shift {
                        fx.push(Effect::Select(Selection::default()));
                    }
                    Gesture::Select {
                        pointer,
                        start: at,
                        additive: press.shift,
                        before: if press.shift {
                            cx.selection.nodes.clone()
                        } else {
                            Vec::new()
                        },
                    }
                }
                None => {
                    // A finger on the background clears the selection;
                    // panning with the middle button or space keeps it.
                    if !pan || cx.readonly {
                        fx.push(Effect::Select(Selection::default()));
                    }
                    Gesture::Pan {
                        pointer,
                        start: screen,
                        pan: cx.view.pan,
                    }
                }
            },
        };
        self.now = next;
        fx
    }

    /// A second finger while one finger moves, pans or selects: a pinch,
    /// from where both fingers really are.
    fn second_finger(&mut self, press: &Press) -> Option<Vec<Effect>> {
        let first = match &self.now {
            Gesture::Move { pointer, .. }
            | Gesture::Pan { pointer, .. }
            | Gesture::Select { pointer, .. } => *pointer,
            _ => return None,
        };
        if !press.touch || first == press.pointer {
            return None;
        }
        let at = self
            .pointers
            .iter()
            .find(|(p, _)| *p == first)
            .map(|(_, at)| *at)?;
        let mut fx = Vec::new();
        if let Gesture::Move { ids, .. } = &self.now {
            fx.push(Effect::Offsets(ids.clone(), None));
        }
        fx.push(Effect::Marquee(None));
        fx.push(Effect::Capture);
        self.now = Gesture::Pinch {
            a: (first, at),
            b: (press.pointer, press.screen),
        };
        Some(fx)
    }

    /// A pointer moved to `screen`.
    pub fn moved(&mut self, pointer: i32, screen: Point, cx: Context) -> Vec<Effect> {
        if self.pointers.iter().any(|(p, _)| *p == pointer) {
            self.track(pointer, Some(screen));
        }
        let mut fx = Vec::new();
        if self.now == Gesture::Idle {
            return fx;
        }
        if !self.captured {
            // Captured once the pointer moves: capturing on down would send
            // clicks and double-clicks to the canvas instead of what was hit.
            fx.push(Effect::Capture);
            self.captured = true;
        }
        let at = cx.view.to_graph(screen);
        match &mut self.now {
            Gesture::Move {
                pointer: p,
                start,
                ids,
                moved,
            } if *p == pointer => {
                let d = Point::new(at.x - start.x, at.y - start.y);
                if moved.is_none() && d.x.abs() + d.y.abs() < CLICK_SLOP / cx.view.zoom {
                    return fx;
                }
                *moved = Some(d);
                fx.push(Effect::Offsets(ids.clone(), Some(d)));
            }
            Gesture::Connect { pointer: p, from } if *p == pointer => {
                let over = node_at(cx.graph, at)
                    .map(|n| n.id.clone())
                    .filter(|id| id != from);
                fx.push(Effect::DropTarget(over));
                fx.push(Effect::Connecting(Some((from.clone(), at))));
            }
            Gesture::Pan {
                pointer: p,
                start,
                pan,
            } if *p == pointer => {
                let mut v = cx.view;
                v.pan = Point::new(pan.x + screen.x - start.x, pan.y + screen.y - start.y);
                fx.push(Effect::View(v));
            }
            Gesture::Select {
                pointer: p,
                start,
                additive,
                before,
            } if *p == pointer => {
                let r = Rect::from_corners(*start, at);
                let mut nodes = if *additive { before.clone() } else { vec![] };
                for id in nodes_in(cx.graph, r) {
                    if !nodes.contains(&id) {
                        nodes.push(id);
                    }
                }
                fx.push(Effect::Marquee(Some(r)));
                fx.push(Effect::Select(Selection { nodes, edge: None }));
            }
            Gesture::Pinch { a, b } => {
                let before = (a.1, b.1);
                if pointer == a.0 {
                    a.1 = screen;
                } else if pointer == b.0 {
                    b.1 = screen;
                } else {
                    return fx;
                }
                fx.push(Effect::View(cx.view.pinch(before, (a.1, b.1))));
            }
            _ => {}
        }
        fx
    }

    /// A pointer went up (or was cancelled) at `screen`. Ends the gesture.
    pub fn up(&mut self, pointer: i32, screen: Point, cx: Context) -> Vec<Effect> {
        self.track(pointer, None);
        self.captured = false;
        let mut fx = Vec::new();
        // What a gesture shows while it runs goes away whichever pointer
        // ends it; only its own pointer's release completes it.
        match std::mem::take(&mut self.now) {
            Gesture::Move {
                pointer: p,
                ids,
                moved,
                ..
            } => {
                if let Some(d) = moved.filter(|_| p == pointer) {
                    fx.push(Effect::Apply(Edit::Move {
                        ids: ids.clone(),
                        dx: d.x.round(),
                        dy: d.y.round(),
                    }));
                }
                fx.push(Effect::Offsets(ids, None));
            }
            Gesture::Connect { pointer: p, from } => {
                fx.push(Effect::Connecting(None));
                fx.push(Effect::DropTarget(None));
                let at = cx.view.to_graph(screen);
                let to = node_at(cx.graph, at).filter(|n| n.id != from && p == pointer);
                if let Some(to) = to {
                    fx.push(Effect::Connect(Edit::new_connection(
                        cx.graph, &from, &to.id,
                    )));
                }
            }
            Gesture::Select { .. } => fx.push(Effect::Marquee(None)),
            Gesture::Idle | Gesture::Pan { .. } | Gesture::Pinch { .. } => {}
        }
        fx
    }
}
