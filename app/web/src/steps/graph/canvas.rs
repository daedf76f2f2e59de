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
            <RenameBox editor/>
        </div>
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
        state.workbook.with(|w| {
            editor
                .routes
                .with(|r| archbook_core::canvas::scene::in_view(&w.graph, r, &view, size, &keep))
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
                    <text class="name" x="84" y=*y text-anchor="middle" style:font-size=font.clone()>{line}</text>
                }).collect_view()
            }}
            <title>{name}</title>
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
