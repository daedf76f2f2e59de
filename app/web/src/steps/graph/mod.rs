//! Step 3, the service graph editor. The model (geometry, hit testing, edit
//! commands, undo and layout) lives in `archbook_core::canvas`; this module
//! turns pointer and key events into those commands and draws the result.

mod canvas;
mod cells;
mod editor;
mod panel;
mod update;

use archbook_core::canvas::catalog::Template;
use archbook_core::NodeKind;
use leptos::prelude::*;

use crate::state::{AppState, Step};
use crate::steps::frame::StepPage;

pub use canvas::GraphCanvas;
pub use editor::{Editor, Left};

/// Step 3: palette, toolbar, canvas and properties.
#[component]
pub fn GraphStep() -> impl IntoView {
    let state = expect_context::<AppState>();
    let editor = Editor::new(state, false);
    provide_context(editor);
    // Back on the step: the view and panels as they were left, for the same
    // workbook.
    let here = state.current_id.get_untracked();
    if let Some(v) = state.graph_view.get_value().filter(|v| v.workbook == here) {
        editor.panels.set(v.panels);
        if let Some((mode, vp)) = v.view {
            editor.viewport.set(vp);
            editor.view_mode.set_value(mode);
        }
    }
    // Nodes imported without positions are laid out once, as an undo step.
    let unplaced = state
        .workbook
        .with_untracked(|w| w.graph.nodes.iter().any(|n| n.x.is_none() || n.y.is_none()));
    if unplaced {
        editor.auto_layout();
    }
    // Undo and redo from anywhere on the step, except inside a text field,
    // where they belong to the field.
    let keys = window_event_listener(leptos::ev::keydown, move |e| {
        let ctrl = e.ctrl_key() || e.meta_key();
        if !ctrl || crate::ui::typing_in(&e) {
            return;
        }
        let selected = editor.selection.with_untracked(|s| s.nodes.clone());
        match e.key().as_str() {
            "z" | "Z" if e.shift_key() => editor.redo(),
            "z" => editor.undo(),
            "y" => editor.redo(),
            "a" => editor.select_all(),
            "c" if !selected.is_empty() => editor.copy(&selected),
            "v" if !state.clip.with_value(|c| c.0.is_empty()) => editor.paste(),
            "d" if !selected.is_empty() => editor.duplicate(&selected),
            "f" => editor.finding.set(true),
            _ => return,
        }
        e.prevent_default();
    });
    // Presenting: the view follows what is selected (the part under
    // discussion), and the readable size changes with the mode.
    Effect::new(move |_| {
        let selected = editor.selection.with(|s| s.nodes.clone());
        if state.presenting.get_untracked() && !selected.is_empty() {
            editor.show_nodes(&selected);
        }
    });
    Effect::new(move |first: Option<()>| {
        state.presenting.track();
        if first.is_some() && editor.view_mode.get_value() != archbook_core::canvas::ViewMode::Moved
        {
            request_animation_frame(move || editor.resized());
        }
    });
    on_cleanup(move || {
        keys.remove();
        // Leaving the step (a link, the back button, the tour) saves the text
        // being typed; the editor's own values live until this returns.
        editor.commit_draft(Left::Elsewhere);
        state.graph_view.set_value(Some(crate::state::GraphView {
            workbook: state.current_id.get_untracked(),
            view: Some((
                editor.view_mode.get_value(),
                editor.viewport.get_untracked(),
            )),
            panels: editor.panels.get_untracked(),
        }));
    });
    view! {
        <StepPage step=Step::Graph lede="Draw the system as the team knows it: add components, connect them, describe them. The review reads this graph.">
            <Toolbar/>
            <div class=move || if editor.panels.get() { "editor" } else { "editor editor-wide" }>
                <Show when=move || editor.panels.get()><Palette/></Show>
                <GraphCanvas editor/>
                <Show when=move || editor.panels.get()><panel::Properties/></Show>
            </div>
        </StepPage>
    }
}

#[component]
fn Toolbar() -> impl IntoView {
    let editor = expect_context::<Editor>();
    let zoom = move || format!("{}%", (editor.viewport.get().zoom * 100.0).round() as i64);
    let on_template = move |ev: leptos::ev::Event| {
        let select = event_target::<web_sys::HtmlSelectElement>(&ev);
        let value = select.value();
        select.set_value("");
        let Some(t) = Template::ALL.into_iter().find(|t| t.id() == value) else {
            return;
        };
        let empty = editor
            .state
            .workbook
            .with_untracked(|w| w.graph.nodes.is_empty());
        if empty {
            editor.use_template(t);
        } else {
            editor.state.confirm.set(Some(crate::state::Confirm {
                title: "Replace the graph with a template?",
                body: Signal::derive(move || {
                    format!(
                        "The graph is replaced by the \"{}\" template. Undo (Ctrl+Z) brings it back.",
                        t.label()
                    )
                }),
                action: "Replace graph",
                destructive: true,
                on_confirm: Callback::new(move |()| editor.use_template(t)),
            }));
        }
    };
    view! {
        <div class="toolbar" role="toolbar" aria-label="Graph tools">
            <div class="tool-group">
                <button type="button" class="btn" on:click=move |_| editor.undo() disabled=move || !editor.can_undo() title="Undo (Ctrl+Z)">"Undo"</button>
                <button type="button" class="btn" on:click=move |_| editor.redo() disabled=move || !editor.can_redo() title="Redo (Ctrl+Shift+Z)">"Redo"</button>
            </div>
            <div class="tool-group view-tools">
                <button type="button" class="btn toggle-panels" aria-pressed=move || (!editor.panels.get()).to_string()
                    on:click=move |_| editor.panels.update(|p| *p = !*p)
                    title="Hide the palette and the properties panel to give the graph the whole width">
                    {move || if editor.panels.get() { "Hide panels" } else { "Show panels" }}
                </button>
                <button type="button" class="btn" aria-pressed=move || editor.teams.get().to_string()
                    on:click=move |_| editor.teams.update(|t| *t = !*t)
                    title="Draw a frame around each team's components (set a component's team in its properties)">"Teams"</button>
                <button type="button" class="btn" on:click=move |_| editor.zoom_by(1.0 / 1.2) aria-label="Zoom out">"−"</button>
                <span class="zoom-level" aria-live="polite" aria-label="Zoom level">{zoom}</span>
                <button type="button" class="btn" on:click=move |_| editor.zoom_by(1.2) aria-label="Zoom in">"+"</button>
                <button type="button" class="btn" on:click=move |_| editor.fit() aria-label="Fit to view" title="Fit to view: all of the graph while its names stay readable">"Fit"</button>
                <PresentTools/>
            </div>
            <div class="tool-group">
                <label class="visually-hidden" for="edge-filter">"Connections to draw"</label>
                <select id="edge-filter" class="input" title="Which connections to draw: a busy graph, one question at a time"
                    on:change=move |e| {
                        if let Some(f) = archbook_core::canvas::scene::EdgeFilter::from_id(&event_target_value(&e)) {
                            editor.edge_filter.set(f);
                        }
                    }>
                    {archbook_core::canvas::scene::EdgeFilter::ALL.into_iter().map(|f| view! {
                        <option value=f.id() selected=move || editor.edge_filter.get() == f>{f.label()}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="tool-group">
                <button type="button" class="btn" on:click=move |_| editor.auto_layout()>"Auto-layout"</button>
                <label class="visually-hidden" for="template-select">"Start from a template"</label>
                <select id="template-select" class="input" on:change=on_template>
                    <option value="">"Template…"</option>
                    {Template::ALL.into_iter().map(|t| view! { <option value=t.id()>{t.label()}</option> }).collect_view()}
                </select>
                <button type="button" class="btn" on:click=move |_| editor.export_svg() title="Download the graph as an SVG image">"SVG"</button>
                <button type="button" class="btn" on:click=move |_| editor.export_png() title="Download the graph as a PNG image, for slides and chat">"PNG"</button>
                <update::UpdateFromFiles/>
            </div>
        </div>
    }
}

/// In Present mode, the graph fills the screen and these sit over it: the
/// teams to step through (each framed in turn) and the way out.
#[component]
fn PresentTools() -> impl IntoView {
    let editor = expect_context::<Editor>();
    let state = editor.state;
    let teams = Memo::new(move |_| {
        state.workbook.with(|w| {
            let mut names: Vec<String> = Vec::new();
            for n in &w.graph.nodes {
                if let Some(t) = n.team.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
                    if !names.iter().any(|x| x == t) {
                        names.push(t.to_owned());
                    }
                }
            }
            names
        })
    });
    let at = RwSignal::new(None::<usize>);
    let step = move |by: isize| {
        let count = teams.with_untracked(Vec::len) as isize;
        if count == 0 {
            return;
        }
        let next = at
            .get_untracked()
            .map_or(if by > 0 { 0 } else { count - 1 }, |i| {
                (i as isize + by).rem_euclid(count)
            });
        at.set(Some(next as usize));
        let team = teams.with_untracked(|t| t[next as usize].clone());
        let ids: Vec<String> = state.workbook.with_untracked(|w| {
            w.graph
                .nodes
                .iter()
                .filter(|n| n.team.as_deref().map(str::trim) == Some(team.as_str()))
                .map(|n| n.id.clone())
                .collect()
        });
        editor.teams.set(true);
        editor.frame(&ids);
    };
    let label = move || match at.get().and_then(|i| teams.with(|t| t.get(i).cloned())) {
        Some(t) => t,
        None => "Team by team".to_owned(),
    };
    view! {
        <Show when=move || state.presenting.get()>
            <Show when=move || teams.with(|t| !t.is_empty())>
                <button type="button" class="btn" on:click=move |_| step(-1) aria-label="Previous team">"◀"</button>
                <span class="present-team" aria-live="polite">{label}</span>
                <button type="button" class="btn" on:click=move |_| step(1) aria-label="Next team">"▶"</button>
            </Show>
            <button type="button" class="btn" on:click=move |_| state.presenting.set(false) title="Leave Present mode (Escape)">"Leave"</button>
        </Show>
    }
}

#[component]
fn Palette() -> impl IntoView {
    let editor = expect_context::<Editor>();
    view! {
        <aside class="palette" aria-label="Components">
            <h2 class="panel-title">"Add a component"</h2>
            <p class="hint">"Click one, then click the canvas; or drag it onto the canvas."</p>
            <ul>
                {NodeKind::ALL.into_iter().map(|kind| {
                    let pressed = move || editor.placing.get() == Some(kind);
                    let on_click = move |e: leptos::ev::MouseEvent| {
                        if e.detail() == 0 {
                            // Keyboard: add it in the middle of the canvas and focus it.
                            if let Some(id) = editor.add_node(kind, editor.visible_center()) {
                                editor.placing.set(None);
                                request_animation_frame(move || editor.focus_node(&id));
                            }
                        } else {
                            editor.placing.update(|p| *p = if *p == Some(kind) { None } else { Some(kind) });
                        }
                    };
                    let on_dragstart = move |e: leptos::ev::DragEvent| {
                        if let Some(dt) = e.data_transfer() {
                            let _ = dt.set_data(canvas::KIND_MIME, kind.id());
                            dt.set_effect_allowed("copy");
                        }
                    };
                    view! {
                        <li>
                            <button type="button" class="palette-item" draggable="true" data-kind=kind.id()
                                aria-pressed=move || pressed().to_string()
                                on:click=on_click on:dragstart=on_dragstart>
                                <svg class=format!("glyph fam-{}", archbook_core::canvas::draw::family(kind)) viewBox="-3 -3 174 70" aria-hidden="true">
                                    <path class="shape" d=archbook_core::canvas::draw::shape(kind)/>
                                </svg>
                                <span>{kind.label()}</span>
                            </button>
                        </li>
                    }
                }).collect_view()}
            </ul>
            <button type="button" class="palette-item palette-note" on:click=move |_| editor.add_note()
                title="A note for people: drawn and exported, never read by the review">
                <span class="glyph note-glyph" aria-hidden="true"></span>
                <span>"Note"</span>
            </button>
        </aside>
    }
}
