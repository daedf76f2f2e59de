//! The SVG canvas. One set of pointer handlers on the `<svg>` finds what was
//! hit through `data-*` attributes and runs a gesture (move, connect, pan,
//! select by box, pinch). Each node and edge draws from its own memos, so a
//! drag step rewrites one node's transform and the paths of its edges only.

use archbook_core::canvas::boundary::{CAPTION_BASELINE, CAPTION_INSET};
use archbook_core::canvas::caption::baseline;
use archbook_core::canvas::draw::{edge_path, family, name_lines, shape};
use archbook_core::canvas::geometry::{Rect, ViewMode, Viewport, NODE_H, NODE_W};
use archbook_core::canvas::gesture::{self, Context, Gestures, Press, Target};
use archbook_core::canvas::route::route;
use archbook_core::canvas::{EdgeId, Edit, Point, Property, Selection};
use archbook_core::NodeKind;
use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{Element, PointerEvent};

use super::cells::{Cells, NodeCell};
use super::editor::{Editor, Left};

/// The drag-and-drop type of palette items.
pub const KIND_MIME: &str = "application/x-archbook-kind";

/// Where the canvas' top left corner is in the window. Read once per
/// gesture: reading it after each drag step would force a layout each time.
fn canvas_origin(wrap: &Element) -> Point {
    let r = wrap.get_bounding_client_rect();
    Point::new(r.left(), r.top())
}

/// Where a pointer event is, in pixels from the canvas' top left.
fn screen_point(e: &web_sys::MouseEvent, origin: Point) -> Point {
    Point::new(
        e.client_x() as f64 - origin.x,
        e.client_y() as f64 - origin.y,
    )
}

/// Sends the pointer's next events to the `<svg>` (the handlers' element),
/// wherever it goes, until it is released.
fn capture(e: &PointerEvent, pointer: i32) {
    if let Some(el) = e
        .current_target()
        .and_then(|t| t.dyn_into::<Element>().ok())
    {
        let _ = el.set_pointer_capture(pointer);
    }
}

/// The `data-*` value of the nearest marked element under the event.
fn hit(e: &web_sys::Event, attr: &str) -> Option<String> {
    let target = e.target()?.dyn_into::<Element>().ok()?;
    let el = target.closest(&format!("[{attr}]")).ok()??;
    el.get_attribute(attr)
}

/// The canvas' own pointer state and what it draws for a gesture.
#[derive(Clone, Copy)]
struct Pointers {
    gestures: StoredValue<Gestures>,
    /// The connection being drawn: from a component to a graph point.
    connect_to: RwSignal<Option<(String, Point)>>,
    marquee: RwSignal<Option<Rect>>,
    /// The space bar is held: a drag pans.
    space: StoredValue<bool>,
}

/// Feeds one pointer event to the gesture machine and carries out what it
/// answers.
fn feed(
    editor: Editor,
    local: Pointers,
    e: &PointerEvent,
    step: &dyn Fn(&mut Gestures, Context) -> Vec<gesture::Effect>,
) {
    let fx = editor.state.workbook.with_untracked(|w| {
        editor.selection.with_untracked(|selection| {
            let cx = Context {
                graph: &w.graph,
                view: editor.viewport.get_untracked(),
                selection,
                readonly: editor.readonly,
                space: local.space.get_value(),
                placing: editor.placing.get_untracked(),
            };
            local
                .gestures
                .try_update_value(|g| step(g, cx))
                .unwrap_or_default()
        })
    });
    for effect in fx {
        carry_out(editor, effect, e, local.connect_to, local.marquee);
    }
}

/// Does what the gesture machine asks for one event.
fn carry_out(
    editor: Editor,
    effect: gesture::Effect,
    e: &PointerEvent,
    connect_to: RwSignal<Option<(String, Point)>>,
    marquee: RwSignal<Option<Rect>>,
) {
    match effect {
        gesture::Effect::Capture => capture(e, e.pointer_id()),
        gesture::Effect::PreventDefault => e.prevent_default(),
        gesture::Effect::Select(s) => editor.select(|x| *x = s),
        gesture::Effect::Place(kind, at) => {
            if let Some(id) = editor.add_node(kind, at) {
                editor.placing.set(None);
                request_animation_frame(move || editor.focus_node(&id));
            }
        }
        gesture::Effect::Offsets(ids, d) => {
            for id in &ids {
                editor.offset(id).set(d);
            }
        }
        gesture::Effect::Connecting(c) => connect_to.set(c),
        gesture::Effect::DropTarget(t) => {
            if editor.drop_target.with_untracked(|x| *x != t) {
                editor.drop_target.set(t);
            }
        }
        gesture::Effect::Marquee(m) => marquee.set(m),
        gesture::Effect::View(v) => {
            editor.view_mode.set_value(ViewMode::Moved);
            editor.viewport.set(v);
        }
        gesture::Effect::Apply(edit) => {
            editor.apply(edit);
        }
        gesture::Effect::Connect(edge) => {
            if let Some(id) = editor.connect(edge) {
                editor.select_edge(id);
            }
        }
    }
}

/// Keeps the editor's idea of the canvas' size current. Until the user pans
/// or zooms, every change of size (first layout, window, presentation mode)
/// fits the graph again.
fn watch_size(editor: Editor, wrap: NodeRef<html::Div>) {
    let measure = move || {
        if let Some(el) = wrap.get_untracked() {
            let r = el.get_bounding_client_rect();
            if r.width() > 0.0 {
                editor.size.set((r.width(), r.height()));
            }
        }
    };
    let observer = StoredValue::new_local(None::<(web_sys::ResizeObserver, Closure<dyn FnMut()>)>);
    Effect::new(move |_| {
        let Some(el) = wrap.get() else {
            return;
        };
        if observer.with_value(Option::is_some) {
            return;
        }
        let on_resize = Closure::<dyn FnMut()>::new(move || {
            measure();
            editor.resized();
        });
        if let Ok(ro) = web_sys::ResizeObserver::new(on_resize.as_ref().unchecked_ref()) {
            ro.observe(&el);
            observer.set_value(Some((ro, on_resize)));
        }
    });
    on_cleanup(move || {
        if let Some((ro, _)) = observer.try_update_value(Option::take).flatten() {
            ro.disconnect();
        }
    });
}

/// The canvas' keys: delete, Escape, rename, arrows nudge the selection.
fn canvas_key(editor: Editor, svg_ref: NodeRef<leptos::svg::Svg>, e: &web_sys::KeyboardEvent) {
    if crate::ui::typing_in(e) || editor.readonly {
        return;
    }
    let ctrl = e.ctrl_key() || e.meta_key();
    let key = e.key();
    match key.as_str() {
        // Undo and redo are window shortcuts (GraphStep).
        "z" | "Z" | "y" if ctrl => return,
        "Delete" | "Backspace" => {
            editor.delete_selection();
            // The focused node is gone: keep the keyboard on the canvas.
            if let Some(svg) = svg_ref.get_untracked() {
                let _ = svg.focus();
            }
        }
        "Escape" => {
            editor.placing.set(None);
            editor.select(|s| *s = Selection::default());
        }
        "Enter" | "F2" => {
            let sel = editor.selection.get_untracked();
            if let [id] = sel.nodes.as_slice() {
                editor.renaming.set(Some(id.clone()));
            } else {
                return;
            }
        }
        "ArrowLeft" | "ArrowRight" | "ArrowUp" | "ArrowDown" => {
            let ids = editor.selection.with_untracked(|s| s.nodes.clone());
            if ids.is_empty() {
                return;
            }
            let step = if e.shift_key() { 40.0 } else { 8.0 };
            let (dx, dy) = match key.as_str() {
                "ArrowLeft" => (-step, 0.0),
                "ArrowRight" => (step, 0.0),
                "ArrowUp" => (0.0, -step),
                _ => (0.0, step),
            };
            editor.apply(Edit::Move { ids, dx, dy });
        }
        _ => return,
    }
    e.prevent_default();
}

/// What a press landed on, from the `data-*` marks of the element hit.
fn target_of(e: &PointerEvent, editor: Editor) -> Target {
    let ev: &web_sys::Event = e;
    if let Some(id) = hit(ev, "data-handle") {
        Target::Handle(id)
    } else if let Some(id) = hit(ev, "data-node") {
        Target::Node(id)
    } else if let Some(id) = hit(ev, "data-edge")
        .and_then(|i| i.parse::<usize>().ok())
        .and_then(|i| {
            editor
                .state
                .workbook
                .with_untracked(|w| EdgeId::of(&w.graph, i))
        })
    {
        Target::Edge(id)
    } else {
        Target::Empty
    }
}

/// Zooms about the pointer. A trackpad pinch arrives as a wheel with Ctrl
/// held, in finer steps.
fn zoom_by_wheel(editor: Editor, e: &web_sys::WheelEvent, origin: Point) {
    let at = screen_point(e, origin);
    let step = if e.ctrl_key() { 0.01 } else { 0.0015 };
    let factor = (-e.delta_y() * step).exp();
    editor.view_mode.set_value(ViewMode::Moved);
    editor.viewport.update(|v| *v = v.zoom_at(at, factor));
}

/// A palette kind dropped on the canvas: a new component there.
fn drop_kind(editor: Editor, e: &web_sys::DragEvent, origin: Point) {
    let kind = e
        .data_transfer()
        .and_then(|dt| dt.get_data(KIND_MIME).ok())
        .and_then(|k| NodeKind::ALL.into_iter().find(|n| n.id() == k));
    if let (Some(kind), false) = (kind, editor.readonly) {
        e.prevent_default();
        let at = editor
            .viewport
            .get_untracked()
            .to_graph(screen_point(e, origin));
        if let Some(id) = editor.add_node(kind, at) {
            editor.placing.set(None);
            request_animation_frame(move || editor.focus_node(&id));
        }
    }
}

#[component]
pub fn GraphCanvas(editor: Editor) -> impl IntoView {
    let state = editor.state;
    let wrap = NodeRef::<html::Div>::new();
    let local = Pointers {
        gestures: StoredValue::new(Gestures::default()),
        connect_to: RwSignal::new(None),
        marquee: RwSignal::new(None),
        space: StoredValue::new(false),
    };
    let (connect_to, marquee, space) = (local.connect_to, local.marquee, local.space);
    let origin = StoredValue::new(Point::default());
    let svg_ref = NodeRef::<leptos::svg::Svg>::new();

    watch_size(editor, wrap);

    let on_pointerdown = move |e: PointerEvent| {
        let Some(wrap_el) = wrap.get_untracked() else {
            return;
        };
        if e.button() > 1 {
            return;
        }
        origin.set_value(canvas_origin(&wrap_el));
        let press = Press {
            pointer: e.pointer_id(),
            touch: e.pointer_type() == "touch",
            screen: screen_point(&e, origin.get_value()),
            middle: e.button() == 1,
            shift: e.shift_key(),
            target: target_of(&e, editor),
        };
        feed(editor, local, &e, &|g, cx| g.down(press.clone(), cx));
    };
    let on_pointermove = move |e: PointerEvent| {
        let at = screen_point(&e, origin.get_value());
        feed(editor, local, &e, &|g, cx| g.moved(e.pointer_id(), at, cx));
    };
    let on_pointerup = move |e: PointerEvent| {
        let at = screen_point(&e, origin.get_value());
        feed(editor, local, &e, &|g, cx| g.up(e.pointer_id(), at, cx));
    };

    let on_wheel = move |e: web_sys::WheelEvent| {
        if let Some(w) = wrap.get_untracked() {
            e.prevent_default();
            zoom_by_wheel(editor, &e, canvas_origin(&w));
        }
    };

    let on_keydown = move |e: web_sys::KeyboardEvent| {
        if e.key() == " " && !crate::ui::typing_in(&e) {
            space.set_value(true);
        }
        canvas_key(editor, svg_ref, &e);
    };
    let on_keyup = move |e: web_sys::KeyboardEvent| {
        if e.key() == " " {
            space.set_value(false);
        }
    };

    let on_dragover = move |e: web_sys::DragEvent| {
        let ours = e
            .data_transfer()
            .is_some_and(|dt| dt.types().includes(&KIND_MIME.into(), 0));
        if ours && !editor.readonly {
            e.prevent_default();
        }
    };
    let on_drop = move |e: web_sys::DragEvent| {
        if let Some(w) = wrap.get_untracked() {
            origin.set_value(canvas_origin(&w));
        }
        drop_kind(editor, &e, origin.get_value());
    };

    let transform = move || {
        let v = editor.viewport.get();
        format!("translate({} {}) scale({})", v.pan.x, v.pan.y, v.zoom)
    };
    let empty = Memo::new(move |_| state.workbook.with(|w| w.graph.nodes.is_empty()));
    let class = move || {
        let mut c = String::from("canvas");
        if editor.placing.get().is_some() {
            c.push_str(" placing");
        }
        if editor.readonly {
            c.push_str(" readonly");
        }
        c
    };
    let label = if editor.readonly {
        "Service graph (read only; drag to pan, wheel to zoom)"
    } else {
        "Service graph canvas"
    };

    view! {
        <div class="canvas-wrap" node_ref=wrap on:keydown=on_keydown on:keyup=on_keyup
            on:dragover=on_dragover on:drop=on_drop>
            <svg node_ref=svg_ref class=class role="group" aria-label=label tabindex="-1"
                on:pointerdown=on_pointerdown on:pointermove=on_pointermove
                on:pointerup=on_pointerup on:pointercancel=on_pointerup on:wheel=on_wheel>
                <defs>
                    <marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse">
                        <path class="arrowhead" d="M0 0L10 5L0 10Z"/>
                    </marker>
                </defs>
                <g transform=transform>
                    <Drawing editor connect_to marquee/>
                </g>
            </svg>
            <Show when=move || empty.get() && !editor.readonly && editor.placing.get().is_none()>
                <EmptyCanvas/>
            </Show>
            <Overlays editor/>
        </div>
    }
}

/// What sits over the canvas: the rename box, the note editor, the find box
/// and the minimap.
#[component]
fn Overlays(editor: Editor) -> impl IntoView {
    view! {
        <RenameBox editor/>
        <NoteEditor editor/>
        <FindBox editor/>
        <MiniMap editor/>
    }
}

/// A large graph's minimap (core `canvas::minimap`): every component small,
/// the part in view outlined; a click or a drag on it moves the view.
#[component]
fn MiniMap(editor: Editor) -> impl IntoView {
    use archbook_core::canvas::geometry::{bounds, node_rect};
    use archbook_core::canvas::minimap::{Minimap, MINIMAP_FROM};
    const W: f64 = 180.0;
    const H: f64 = 110.0;
    let state = editor.state;
    let large = Memo::new(move |_| state.workbook.with(|w| w.graph.nodes.len() > MINIMAP_FROM));
    let map = Memo::new(move |_| {
        if !large.get() {
            return None;
        }
        let (vp, size) = (editor.viewport.get(), editor.size.get());
        state
            .workbook
            .with(|w| bounds(&w.graph))
            .map(|b| Minimap::new(b, &vp, size, (W, H)))
    });
    // Every component as one path: a large graph's minimap is one element.
    let shapes = move || {
        let Some(m) = map.get() else {
            return String::new();
        };
        state.workbook.with(|w| {
            let mut d = String::new();
            for n in &w.graph.nodes {
                let r = m.rect(node_rect(n));
                d.push_str(&format!(
                    "M{:.1} {:.1}h{:.1}v{:.1}h{:.1}z",
                    r.x,
                    r.y,
                    r.w.max(1.0),
                    r.h.max(1.0),
                    -r.w.max(1.0)
                ));
            }
            d
        })
    };
    let dragging = StoredValue::new(false);
    let go = move |e: &web_sys::PointerEvent| {
        let Some(m) = map.get_untracked() else {
            return;
        };
        // From the minimap's own corner (offsetX is relative to whichever
        // shape inside it was hit).
        let Some(map_el) = e
            .current_target()
            .and_then(|t| t.dyn_into::<Element>().ok())
        else {
            return;
        };
        let r = map_el.get_bounding_client_rect();
        let at = Point::new(
            e.client_x() as f64 - r.left(),
            e.client_y() as f64 - r.top(),
        );
        let next = m.centre_on(
            at,
            &editor.viewport.get_untracked(),
            editor.size.get_untracked(),
        );
        editor.view_mode.set_value(ViewMode::Moved);
        editor.viewport.set(next);
    };
    move || {
        map.get().map(|m| view! {
            <svg class="minimap" width=W height=H viewBox=format!("0 0 {W} {H}") role="img"
                aria-label="Minimap of the whole graph: click or drag to move the view"
                on:pointerdown=move |e| { e.stop_propagation(); dragging.set_value(true); go(&e); }
                on:pointermove=move |e| { e.stop_propagation(); if dragging.get_value() { go(&e); } }
                on:pointerup=move |e| { e.stop_propagation(); dragging.set_value(false); }
                on:pointerleave=move |_| dragging.set_value(false)>
                <path class="minimap-nodes" d=shapes/>
                <rect class="minimap-view" x=m.view.x y=m.view.y width=m.view.w height=m.view.h/>
            </svg>
        })
    }
}

/// Ctrl+F: a component found by name, selected and brought into view.
#[component]
fn FindBox(editor: Editor) -> impl IntoView {
    let query = RwSignal::new(String::new());
    let input = NodeRef::<html::Input>::new();
    let found = Memo::new(move |_| {
        let q = query.get();
        editor.state.workbook.with(|w| {
            archbook_core::canvas::find::find(&w.graph, &q, 8)
                .into_iter()
                .map(|id| (w.graph.name_of(&id).to_owned(), id))
                .collect::<Vec<_>>()
        })
    });
    Effect::new(move |_| {
        if editor.finding.get() {
            if let Some(el) = input.get() {
                let _ = el.focus();
                el.select();
            }
        }
    });
    let go = move |id: String| {
        editor.finding.set(false);
        editor.go_to(&id);
    };
    move || {
        editor.finding.get().then(|| view! {
            <div class="find-box" role="search">
                <input node_ref=input class="input" type="search" aria-label="Find a component"
                    placeholder="Find a component…" prop:value=move || query.get()
                    on:input=move |e| query.set(event_target_value(&e))
                    on:keydown=move |e| match e.key().as_str() {
                        "Enter" => {
                            e.prevent_default();
                            if let Some((_, id)) = found.with_untracked(|f| f.first().cloned()) {
                                go(id);
                            }
                        }
                        "Escape" => {
                            e.prevent_default();
                            editor.finding.set(false);
                        }
                        _ => {}
                    }/>
                <ul class="find-results">
                    {move || found.get().into_iter().map(|(name, id)| view! {
                        <li><button type="button" class="btn btn-small" on:click=move |_| go(id.clone())>{name}</button></li>
                    }).collect_view()}
                </ul>
                {move || (!query.with(String::is_empty) && found.with(Vec::is_empty)).then(|| view! {
                    <p class="hint" role="status">"No component has that name."</p>
                })}
            </div>
        })
    }
}

/// What the canvas draws in graph coordinates: team frames, edges, nodes,
/// the connection being drawn and the selection box.
#[component]
fn Drawing(
    editor: Editor,
    connect_to: RwSignal<Option<(String, Point)>>,
    marquee: RwSignal<Option<Rect>>,
) -> impl IntoView {
    let state = editor.state;
    let cells = Cells::new(editor);
    // What is drawn: the whole graph, or above the cull limits what is in
    // view (core `canvas::scene::in_view`); the selection is always drawn.
    let in_view = Memo::new(move |_| {
        let view = editor.viewport.get();
        let size = editor.size.get();
        let keep = editor.selection.with(|s| s.nodes.clone());
        let filter = editor.edge_filter.get();
        state.workbook.with(|w| {
            editor.routes.with(|r| {
                archbook_core::canvas::scene::in_view(&w.graph, r, &view, size, &keep, filter)
            })
        })
    });
    let node_ids = Memo::new(move |_| in_view.with(|v| v.nodes.clone()));
    // Edges are keyed by their identity (ends, and which of the edges
    // between them), so removing one edge leaves the others' elements.
    let edge_keys = Memo::new(move |_| in_view.with(|v| v.edges.clone()));
    let frames = Memo::new(move |_| {
        if editor.teams.get() {
            state
                .workbook
                .with(|w| archbook_core::canvas::boundary::teams(&w.graph))
        } else {
            Vec::new()
        }
    });
    view! {
        <g class="boundaries">
            {move || frames.get().into_iter().map(|f| view! {
                <g class="boundary">
                    <rect x=f.rect.x y=f.rect.y width=f.rect.w height=f.rect.h rx="14"/>
                    <text x=f.rect.x + CAPTION_INSET y=f.rect.y + CAPTION_BASELINE>{f.caption()}</text>
                </g>
            }).collect_view()}
        </g>
        <g class="edges">
            <For each=move || edge_keys.get() key=|k| k.clone() let(edge)>
                <EdgeView editor cells edge/>
            </For>
        </g>
        <g class="nodes">
            <For each=move || node_ids.get() key=|id| id.clone() let(id)>
                <NodeView editor cells id/>
            </For>
        </g>
        <g class="notes">
            <For each=move || state.workbook.with(|w| w.graph.notes.iter().map(|n| n.id.clone()).collect::<Vec<_>>())
                key=|id| id.clone() let(id)>
                <NoteView editor id/>
            </For>
        </g>
        {move || connect_to.get().and_then(|(from, to)| {
            let a = state.workbook.with_untracked(|w| {
                w.graph.nodes.iter().find(|n| n.id == from).map(|n| Point::new(n.x.unwrap_or(0.0) + NODE_W, n.y.unwrap_or(0.0) + NODE_H / 2.0))
            })?;
            Some(view! { <path class="link connecting" d=edge_path(a, to) marker-end="url(#arrow)"/> })
        })}
        {move || marquee.get().map(|r| view! {
            <rect class="marquee" x=r.x y=r.y width=r.w height=r.h/>
        })}
    }
}

/// The top left corner of a node as drawn: its place in the workbook, plus
/// the drag offset while it is being dragged.
fn node_position(editor: Editor, cell: NodeCell, id: &str) -> Point {
    let base = cell.look.with(|l| l.at);
    match editor.offset(id).get() {
        Some(d) => Point::new(base.x + d.x, base.y + d.y),
        None => base,
    }
}

#[component]
fn NodeView(editor: Editor, cells: Cells, id: String) -> impl IntoView {
    let cell = cells.node(editor, &id);
    let id = StoredValue::new(id);
    let node = Memo::new(move |_| {
        cell.look
            .with(|l| Some((l.kind, l.name.clone(), l.kind_line.clone())))
    });
    let pos = Memo::new(move |_| node_position(editor, cell, &id.get_value()));
    let (selected, target, highlighted) = (cell.selected, cell.target, cell.highlighted);
    let kind = move || node.get().map(|n| n.0).unwrap_or(NodeKind::Service);
    let name = move || node.get().map(|n| n.1).unwrap_or_default();
    let line = move || node.get().map(|n| n.2).unwrap_or_default();
    let class = move || {
        let mut c = format!("node fam-{}", family(kind()));
        if kind() == NodeKind::External {
            c.push_str(" external");
        }
        if selected.get() {
            c.push_str(" selected");
        }
        if highlighted.get() {
            c.push_str(" highlighted");
        }
        if target.get() {
            c.push_str(" drop-target");
        }
        c
    };
    let transform = move || {
        let p = pos.get();
        format!("translate({} {})", p.x, p.y)
    };
    let on_focus = move |e: leptos::ev::FocusEvent| {
        // Reached with the keyboard (not a click, which must not move the
        // view under the pointer): bring it into view.
        let by_keyboard = e
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|el| el.matches(":focus-visible").ok())
            .unwrap_or(false);
        if by_keyboard {
            editor.reveal(&id.get_value());
        }
        if !editor
            .selection
            .with_untracked(|s| s.nodes.contains(&id.get_value()))
        {
            editor.select_node(&id.get_value(), false);
        }
    };
    let on_dblclick = move |_| {
        if !editor.readonly {
            editor.renaming.set(Some(id.get_value()));
        }
    };
    view! {
        <g class=class transform=transform data-node=id.get_value() tabindex="0" role="button"
            aria-label=move || format!("{}, {}", name(), kind().label())
            aria-pressed=move || selected.get().to_string()
            on:focus=on_focus on:dblclick=on_dblclick>
            <path class="shape" d=move || shape(kind())/>
            <text class="kind" x="84" y="25" text-anchor="middle">{line}</text>
            {move || {
                let l = name_lines(kind(), &name());
                let font = format!("{}px", l.font);
                let baselines = l.baselines();
                l.lines.into_iter().zip(baselines).map(|(line, y)| view! {
                    <text class="name" x="84" y=y text-anchor="middle" style:font-size=font.clone()>{line}</text>
                }).collect_view()
            }}
            <title>{move || format!("{}\n{}", name(), cell.look.with(|l| l.details.clone()))}</title>
            {(!editor.readonly).then(|| view! {
                <circle class="handle" cx="168" cy="32" r="8" data-handle=id.get_value()>
                    <title>"Drag to another component to connect"</title>
                </circle>
            })}
        </g>
    }
}

#[component]
fn EdgeView(editor: Editor, cells: Cells, edge: EdgeId) -> impl IntoView {
    let cell = cells.edge(editor, &edge);
    let (from, to) = (cells.node(editor, &edge.from), cells.node(editor, &edge.to));
    let ends = StoredValue::new((edge.from, edge.to));
    // Where the nodes stand, the route and caption place worked out for the
    // whole graph; while an end is dragged, this edge alone, caption at its
    // middle (the others do not move meanwhile).
    let drawn = Memo::new(move |_| {
        let (a_id, b_id) = ends.get_value();
        if editor.offset(&a_id).get().is_some() || editor.offset(&b_id).get().is_some() {
            let a = node_position(editor, from, &a_id);
            let b = node_position(editor, to, &b_id);
            let r = editor.obstacles.with(|o| route(a, b, &a_id, &b_id, o));
            return Some((r.path(), Some(baseline(r.middle()))));
        }
        cell.look
            .with(|l| (!l.path.is_empty()).then(|| (l.path.clone(), l.caption_at)))
    });
    let path = Memo::new(move |_| drawn.with(|d| d.as_ref().map(|d| d.0.clone())));
    let caption_at = Memo::new(move |_| drawn.with(|d| d.as_ref().and_then(|d| d.1)));
    let look = Memo::new(move |_| cell.look.with(|l| Some((l.is_async, l.caption.clone()))));
    let index = Memo::new(move |_| cell.look.with(|l| l.index));
    let (selected, highlighted) = (cell.selected, cell.highlighted);
    let class = move || {
        let mut c = String::from("edge");
        if look.get().is_some_and(|l| l.0) {
            c.push_str(" async");
        }
        if selected.get() {
            c.push_str(" selected");
        }
        if highlighted.get() {
            c.push_str(" highlighted");
        }
        c
    };
    // An element id for the caption's textPath, stable while the edge lives.
    static NEXT_PATH: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let path_id = format!(
        "edge-{}",
        NEXT_PATH.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
    );
    let href = format!("#{path_id}");
    let title = move || {
        format!(
            "{} → {}",
            from.look.with(|l| l.name.clone()),
            to.look.with(|l| l.name.clone())
        )
    };
    view! {
        <g class=class data-edge=move || index.get().to_string()>
            <path id=path_id class="link" d=move || path.get().unwrap_or_default() marker-end="url(#arrow)"/>
            // The wide, invisible hit area reuses the line, so a drag rewrites one path per edge.
            <use_ href=href.clone() class="hit"/>
            <text class="caption" text-anchor="middle"
                x=move || caption_at.get().map(|p| p.x.round()).unwrap_or_default()
                y=move || caption_at.get().map(|p| p.y.round()).unwrap_or_default()>
                {move || look.get().map(|l| l.1).unwrap_or_default()}
            </text>
            <title>{title}</title>
        </g>
    }
}

/// A note on the canvas: dragged on its own (the review never reads it, so
/// it takes no part in selection or connections), edited with a
/// double-click or Enter, removed with Delete.
#[component]
fn NoteView(editor: Editor, id: String) -> impl IntoView {
    use archbook_core::canvas::draw::{note_baselines, note_lines, note_rect};
    let state = editor.state;
    let id = StoredValue::new(id);
    let note = Memo::new(move |_| {
        state.workbook.with(|w| {
            w.graph
                .notes
                .iter()
                .find(|n| n.id == id.get_value())
                .cloned()
        })
    });
    // While dragged: how far, in graph units, and where the press began.
    let offset = RwSignal::new(None::<Point>);
    let start = StoredValue::new(None::<(i32, Point)>);
    let at = move || {
        let n = note.get();
        let d = offset.get().unwrap_or_default();
        n.map(|n| Point::new(n.x + d.x, n.y + d.y))
            .unwrap_or_default()
    };
    let edit = move || {
        if !editor.readonly {
            editor.note_editing.set(Some(id.get_value()));
        }
    };
    view! {
        <g class="note" data-note=id.get_value() tabindex="0" role="button"
            aria-label=move || format!("Note: {}", note.get().map(|n| n.text).unwrap_or_default())
            transform=move || { let p = at(); format!("translate({} {})", p.x, p.y) }
            on:dblclick=move |_| edit()
            on:keydown=move |e| match e.key().as_str() {
                "Enter" => { e.prevent_default(); edit() }
                "Delete" | "Backspace" if !editor.readonly => {
                    e.prevent_default();
                    editor.apply(Edit::RemoveNote { id: id.get_value() });
                }
                _ => {}
            }
            on:pointerdown=move |e| {
                if editor.readonly || e.button() != 0 { return; }
                e.stop_propagation();
                if let Some(el) = e.current_target().and_then(|t| t.dyn_into::<Element>().ok()) {
                    let _ = el.set_pointer_capture(e.pointer_id());
                }
                start.set_value(Some((e.pointer_id(), Point::new(e.client_x() as f64, e.client_y() as f64))));
            }
            on:pointermove=move |e| {
                let Some((p, s)) = start.get_value() else { return };
                if p != e.pointer_id() { return; }
                let z = editor.viewport.get_untracked().zoom;
                offset.set(Some(Point::new((e.client_x() as f64 - s.x) / z, (e.client_y() as f64 - s.y) / z)));
            }
            on:pointerup=move |_| {
                start.set_value(None);
                if let (Some(d), Some(n)) = (offset.get_untracked(), note.get_untracked()) {
                    if d.x.abs() + d.y.abs() > 2.0 {
                        editor.set_note(&n.id, None, Some(Point::new(n.x + d.x, n.y + d.y)));
                    }
                }
                offset.set(None);
            }>
            {move || note.get().map(|n| {
                let r = note_rect(&n);
                let lines = note_lines(&n.text);
                let baselines = note_baselines(lines.len());
                view! {
                    <rect class="note-box" width=r.w height=r.h rx="4"/>
                    {lines.into_iter().zip(baselines).map(|(line, y)| view! {
                        <text class="note-text" x="10" y=y>{line}</text>
                    }).collect_view()}
                    <title>{format!("{}\n(a note: for people, not read by the review)", n.text)}</title>
                }
            })}
        </g>
    }
}

/// The text of the note being edited, over the canvas.
#[component]
fn NoteEditor(editor: Editor) -> impl IntoView {
    let area = NodeRef::<html::Textarea>::new();
    let target = move || {
        let id = editor.note_editing.get()?;
        let n = editor
            .state
            .workbook
            .with_untracked(|w| w.graph.notes.iter().find(|n| n.id == id).cloned())?;
        let v: Viewport = editor.viewport.get();
        Some((n.clone(), v.to_screen(Point::new(n.x, n.y)), v.zoom))
    };
    Effect::new(move |_| {
        if editor.note_editing.get().is_some() {
            if let Some(el) = area.get() {
                let _ = el.focus();
            }
        }
    });
    let finish = move |text: Option<String>| {
        let Some(Some(id)) = editor.note_editing.try_get_untracked() else {
            return;
        };
        editor.note_editing.try_set(None);
        match text {
            Some(t) => editor.set_note(&id, Some(t), None),
            // Escape on a note never written removes it.
            None => editor.set_note(&id, None, None),
        }
    };
    move || {
        target().map(|(n, p, zoom)| {
            let style = format!(
                "left:{}px;top:{}px;width:{}px",
                p.x,
                p.y,
                (archbook_core::canvas::draw::NOTE_W * zoom).max(160.0)
            );
            view! {
                <textarea node_ref=area class="note-edit input" style=style rows="4" aria-label="Note text"
                    on:keydown=move |e| match e.key().as_str() {
                        "Escape" => { e.prevent_default(); finish(None) }
                        "Enter" if e.ctrl_key() || e.meta_key() => {
                            e.prevent_default();
                            finish(Some(event_target_value(&e)))
                        }
                        _ => {}
                    }
                    on:blur=move |e| finish(Some(event_target_value(&e)))>{n.text}</textarea>
            }
        })
    }
}

#[component]
fn RenameBox(editor: Editor) -> impl IntoView {
    let input = NodeRef::<html::Input>::new();
    let target = move || {
        let id = editor.renaming.get()?;
        let i = editor.index.with(|ix| ix.get(&id).copied())?;
        let (name, x, y) = editor.state.workbook.with_untracked(|w| {
            let n = w.graph.nodes.get(i)?;
            Some((n.name.clone(), n.x.unwrap_or(0.0), n.y.unwrap_or(0.0)))
        })?;
        let v: Viewport = editor.viewport.get();
        let p = v.to_screen(Point::new(x, y));
        Some((id, name, p, v.zoom))
    };
    Effect::new(move |_| {
        if editor.renaming.get().is_some() {
            if let Some(el) = input.get() {
                let _ = el.focus();
                el.select();
            }
        }
    });
    let finish = move |commit: Option<web_sys::HtmlInputElement>| {
        // Total: the box may get its blur while it is being removed.
        let Some(Some(id)) = editor.renaming.try_get_untracked() else {
            return;
        };
        editor.renaming.try_set(None);
        if let Some(el) = commit {
            editor.stage(Property::Name(id.clone()), el.value());
            editor.commit_draft(Left::Property);
        }
        request_animation_frame(move || editor.focus_node(&id));
    };
    move || {
        target().map(|(_, name, p, zoom)| {
            let style = format!(
                "left:{}px;top:{}px;width:{}px;height:{}px",
                p.x,
                p.y + 30.0 * zoom,
                NODE_W * zoom,
                (24.0 * zoom).max(24.0)
            );
            view! {
                <input node_ref=input class="rename" style=style value=name aria-label="Component name"
                    on:keydown=move |e| {
                        match e.key().as_str() {
                            "Enter" => { e.prevent_default(); finish(Some(event_target(&e))) }
                            "Escape" => { e.prevent_default(); finish(None) }
                            _ => {}
                        }
                    }
                    on:blur=move |e| finish(Some(event_target(&e)))/>
            }
        })
    }
}

#[component]
fn EmptyCanvas() -> impl IntoView {
    let editor = expect_context::<Editor>();
    view! {
        <div class="canvas-empty">
            <h2>"An empty graph"</h2>
            <p>"Add components from the palette on the left, or start from a template:"</p>
            <div class="template-choices">
                {archbook_core::canvas::catalog::Template::ALL.into_iter().map(|t| view! {
                    <button type="button" class="template-choice" on:click=move |_| editor.use_template(t)>
                        <strong>{t.label()}</strong>
                        <span>{t.description()}</span>
                    </button>
                }).collect_view()}
            </div>
        </div>
    }
}
