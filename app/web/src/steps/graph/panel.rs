//! The properties panel: what is selected, and every field of it. Each change
//! is one undoable edit. Text fields keep what is typed as a draft that is
//! saved however the field is left (Tab, Enter, a click anywhere, another
//! selection, another step); Escape puts the stored value back. Handlers
//! only use `try_` accessors: a field being removed may still get its blur.

use archbook_core::canvas::catalog::TRAITS;
use archbook_core::canvas::selection::links;
use archbook_core::canvas::{EdgeId, Edit, Property};
use archbook_core::{Access, Edge, EdgeStyle, NodeKind};
use leptos::prelude::*;

use super::editor::{Editor, Left};

#[component]
pub fn Properties() -> impl IntoView {
    let editor = expect_context::<Editor>();
    let what = Memo::new(move |_| {
        let s = editor.selection.get();
        match (s.edge, s.nodes.as_slice()) {
            (Some(e), _) => Panel::Edge(e),
            (None, [id]) => Panel::Node(id.clone()),
            (None, []) => Panel::Nothing,
            (None, many) => Panel::Many(many.len()),
        }
    });
    view! {
        <aside class="properties" aria-label="Properties" tabindex="0">
            {move || match what.get() {
                Panel::Nothing => view! { <Help/> }.into_any(),
                Panel::Many(n) => view! {
                    <h2 class="panel-title">{format!("{n} components selected")}</h2>
                    <p class="hint">"Drag any of them to move them together, or use the arrow keys."</p>
                    <Arrange count=n/>
                    <button type="button" class="btn btn-danger" on:click=move |_| editor.delete_selection()>"Delete selected"</button>
                }.into_any(),
                Panel::Node(id) => view! { <NodeProperties id/> }.into_any(),
                Panel::Edge(edge) => view! { <EdgeProperties edge/> }.into_any(),
            }}
        </aside>
    }
}

/// Align or distribute the selected components (core `canvas::arrange`),
/// each one undoable edit; distributing needs three.
#[component]
fn Arrange(count: usize) -> impl IntoView {
    use archbook_core::canvas::arrange::{arrange, Arrange};
    let editor = expect_context::<Editor>();
    let run = move |how: Arrange| {
        let ids = editor.selection.with_untracked(|s| s.nodes.clone());
        let edit = editor
            .state
            .workbook
            .with_untracked(|w| arrange(&w.graph, &ids, how));
        if let Some(edit) = edit {
            editor.apply(edit);
        }
    };
    view! {
        <fieldset class="arrange">
            <legend>"Arrange"</legend>
            {Arrange::ALL.into_iter().filter(|a| count >= a.needs()).map(|a| view! {
                <button type="button" class="btn btn-small" on:click=move |_| run(a)>{a.label()}</button>
            }).collect_view()}
        </fieldset>
    }
}

#[derive(Clone, PartialEq)]
enum Panel {
    Nothing,
    Many(usize),
    Node(String),
    Edge(EdgeId),
}

/// A text field of the panel: what is typed is a draft until the field is
/// left, then one edit of the component (or connection) it was typed for.
#[component]
fn DraftInput(
    field: Property,
    /// The element id, for the label.
    id: &'static str,
    #[prop(optional)] numeric: bool,
) -> impl IntoView {
    let editor = expect_context::<Editor>();
    let state = editor.state;
    // What is being typed wins over what arrives from elsewhere; a newer
    // saved value is said beside the field.
    let shown = {
        let field = field.clone();
        move || {
            let saved = state
                .workbook
                .try_with(|w| field.current(&w.graph))
                .flatten()
                .unwrap_or_default();
            editor.draft_text(&field).unwrap_or(saved)
        }
    };
    let saved = {
        let field = field.clone();
        move || {
            state
                .workbook
                .try_with(|w| field.current(&w.graph))
                .flatten()
                .unwrap_or_default()
        }
    };
    let newer = {
        let field = field.clone();
        move || {
            state
                .workbook
                .try_with(|w| editor.draft_newer(&field, &w.graph))
                .flatten()
        }
    };
    let error = {
        let field = field.clone();
        move || {
            editor
                .field_error
                .try_with(|e| {
                    e.as_ref()
                        .filter(|(f, _)| *f == field)
                        .map(|(_, m)| m.clone())
                })
                .flatten()
        }
    };
    let invalid = {
        let error = error.clone();
        move || error().is_some().to_string()
    };
    let error_id = format!("{id}-error");
    let on_input = {
        let field = field.clone();
        move |ev: leptos::ev::Event| editor.stage(field.clone(), event_target_value(&ev))
    };
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Escape" {
            ev.prevent_default();
            editor.discard_draft();
            let input = event_target::<web_sys::HtmlInputElement>(&ev);
            input.set_value(&saved());
        }
    };
    view! {
        <input id=id class="input" type="text" autocomplete="off"
            inputmode=numeric.then_some("numeric")
            prop:value=shown
            aria-invalid=invalid aria-describedby=error_id.clone()
            on:input=on_input
            on:change=move |_| editor.commit_draft(Left::Property)
            on:blur=move |_| editor.commit_draft(Left::Property)
            on:keydown=on_keydown/>
        <p id=error_id class="field-error" role="alert">{error}</p>
        <p class="field-newer" role="status">{move || newer().map(|v| format!(
            "Changed elsewhere to \u{201c}{v}\u{201d} while you typed; what you typed is kept when you leave the field (Escape takes the new value)."
        ))}</p>
    }
}

#[component]
fn Help() -> impl IntoView {
    view! {
        <h2 class="panel-title">"Properties"</h2>
        <p class="hint">"Select a component or a connection to describe it here."</p>
        <h3 class="panel-subtitle">"Mouse and touch"</h3>
        <ul class="shortcuts">
            <li>"Drag a component to move it; drag its round handle onto another to connect them."</li>
            <li>"Drag the background to select what the box covers; Shift+click or Shift+drag adds to the selection."</li>
            <li>"Hold Space (or the middle button) and drag to pan, or drag with one finger; the wheel or a pinch zooms."</li>
            <li>"Double-click a component to rename it."</li>
        </ul>
        <h3 class="panel-subtitle">"Keyboard"</h3>
        <ul class="shortcuts">
            <li><kbd>"Tab"</kbd>" moves between components; arrow keys move the selected one."</li>
            <li><kbd>"Enter"</kbd>" renames, "<kbd>"Delete"</kbd>" removes."</li>
            <li><kbd>"Ctrl+Z"</kbd>" undoes, "<kbd>"Ctrl+Shift+Z"</kbd>" or "<kbd>"Ctrl+Y"</kbd>" redoes."</li>
            <li><kbd>"Ctrl+A"</kbd>" selects all; "<kbd>"Ctrl+C"</kbd>", "<kbd>"Ctrl+V"</kbd>" copy and paste, "<kbd>"Ctrl+D"</kbd>" duplicates (with the connections among them)."</li>
            <li><kbd>"Ctrl+F"</kbd>" finds a component by name."</li>
        </ul>
    }
}

#[component]
fn NodeProperties(id: String) -> impl IntoView {
    let editor = expect_context::<Editor>();
    let state = editor.state;
    let me = id.clone();
    let id = StoredValue::new(id);
    let node = Memo::new(move |_| {
        let id = id.try_get_value()?;
        let i = editor.index.try_with(|ix| ix.get(&id).copied()).flatten()?;
        state
            .workbook
            .try_with(|w| w.graph.nodes.get(i).cloned())
            .flatten()
    });

    let on_kind = {
        let me = me.clone();
        move |ev: leptos::ev::Event| {
            let v = event_target_value(&ev);
            if let Some(kind) = NodeKind::ALL.into_iter().find(|k| k.id() == v) {
                editor.apply(Edit::SetKind {
                    id: me.clone(),
                    kind,
                });
            }
        }
    };
    view! {
        <h2 class="panel-title">"Component"</h2>
        <div class="field">
            <label for="prop-name">"Name"</label>
            <DraftInput field=Property::Name(me.clone()) id="prop-name"/>
        </div>
        <div class="field">
            <label for="prop-kind">"Kind"</label>
            <select id="prop-kind" class="input" on:change=on_kind>
                {NodeKind::ALL.into_iter().map(|k| {
                    let selected = move || node.with(|n| n.as_ref().is_some_and(|n| n.kind == k));
                    view! { <option value=k.id() selected=selected>{k.label()}</option> }
                }).collect_view()}
            </select>
        </div>
        <div class="field-row">
            <div class="field">
                <label for="prop-team">"Team"</label>
                <DraftInput field=Property::Team(me.clone()) id="prop-team"/>
            </div>
            <div class="field">
                <label for="prop-replicas">"Instances"</label>
                <DraftInput field=Property::Instances(me.clone()) id="prop-replicas" numeric=true/>
            </div>
        </div>
        <TraitBoxes id=me.clone() node/>
        <Connections id=me.clone()/>
        {move || evidence(node.with(|n| n.as_ref().map(|n| n.evidence.clone()).unwrap_or_default()))}
        <button type="button" class="btn btn-danger" on:click=move |_| editor.delete_selection()>"Delete component"</button>
    }
}

/// The traits a component can have, each a checkbox with its meaning.
#[component]
fn TraitBoxes(id: String, node: Memo<Option<archbook_core::Node>>) -> impl IntoView {
    let editor = expect_context::<Editor>();
    let id = StoredValue::new(id);
    let toggle = move |name: &'static str, on: bool| {
        let edit = editor
            .state
            .workbook
            .with_untracked(|w| id.with_value(|id| Edit::toggle_trait(&w.graph, id, name, on)));
        if let Some(edit) = edit {
            editor.apply(edit);
        }
    };
    view! {
        <fieldset class="traits">
            <legend>"Traits"</legend>
            {TRAITS.iter().map(|t| {
                let checked = move || node.with(|n| n.as_ref().is_some_and(|n| n.traits.iter().any(|x| x == t.id)));
                let input_id = format!("trait-{}", t.id);
                view! {
                    <div class="trait">
                        <input type="checkbox" id=input_id.clone() prop:checked=checked
                            on:change=move |ev| toggle(t.id, event_target_checked(&ev))/>
                        <label for=input_id>
                            <span class="trait-name">{t.id}</span>
                            <span class="trait-help">{t.help}</span>
                        </label>
                    </div>
                }
            }).collect_view()}
        </fieldset>
    }
}

/// A component's connections (each selects its edge), and a way to add one
/// without dragging, for keyboard users.
#[component]
fn Connections(id: String) -> impl IntoView {
    let editor = expect_context::<Editor>();
    let state = editor.state;
    let id = StoredValue::new(id);
    let links = Memo::new(move |_| {
        let me = id.try_get_value().unwrap_or_default();
        state.workbook.with(|w| links(&w.graph, &me))
    });
    let others = Memo::new(move |_| {
        let me = id.try_get_value().unwrap_or_default();
        state.workbook.with(|w| {
            w.graph
                .nodes
                .iter()
                .filter(|n| n.id != me)
                .map(|n| (n.id.clone(), n.display_name().to_owned()))
                .collect::<Vec<_>>()
        })
    });
    let connect_target = RwSignal::new(String::new());
    let connect = move |_| {
        let (Some(to), Some(from)) = (connect_target.try_get_untracked(), id.try_get_value())
        else {
            return;
        };
        if to.is_empty() {
            return;
        }
        let edge = state
            .workbook
            .with_untracked(|w| Edit::new_connection(&w.graph, &from, &to));
        if editor.connect(edge).is_some() {
            connect_target.try_set(String::new());
        }
    };
    view! {
        <h3 class="panel-subtitle">"Connections"</h3>
        <ul class="links">
            {move || links.get().into_iter().map(|l| view! {
                <li>
                    <button type="button" class="link-btn" on:click=move |_| editor.select_edge(l.edge.clone())>
                        {l.text}{if l.is_async { " (async)" } else { "" }}
                    </button>
                </li>
            }).collect_view()}
        </ul>
        <div class="field connect">
            <label for="prop-connect">"Connect to"</label>
            <div class="inline">
                <select id="prop-connect" class="input" prop:value=move || connect_target.get()
                    on:change=move |ev| connect_target.set(event_target_value(&ev))>
                    <option value="">"Choose a component…"</option>
                    {move || others.get().into_iter().map(|(oid, name)| view! { <option value=oid>{name}</option> }).collect_view()}
                </select>
                <button type="button" class="btn" on:click=connect disabled=move || connect_target.with(String::is_empty)>"Connect"</button>
            </div>
        </div>
    }
}

#[component]
fn EdgeProperties(edge: EdgeId) -> impl IntoView {
    let editor = expect_context::<Editor>();
    let state = editor.state;
    let label_field = Property::EdgeLabel(edge.clone());
    let id = edge;
    let edge = Memo::new(move |_| {
        state.workbook.with(|w| {
            let index = id.index(&w.graph)?;
            let e = w.graph.edges.get(index)?;
            let name = |x: &str| w.graph.name_of(x).to_owned();
            let store = w
                .graph
                .nodes
                .iter()
                .find(|n| n.id == e.to)
                .is_some_and(|n| n.kind.is_data_store());
            Some((e.clone(), name(&e.from), name(&e.to), store, index))
        })
    });
    let set = move |f: &dyn Fn(&mut Edge)| {
        let Some((mut e, index)) = edge
            .try_with_untracked(|x| x.as_ref().map(|x| (x.0.clone(), x.4)))
            .flatten()
        else {
            return;
        };
        f(&mut e);
        editor.apply(Edit::SetEdge {
            index,
            style: e.style,
            access: e.access,
            label: e.label,
        });
    };
    let style_is =
        move |s: EdgeStyle| move || edge.with(|e| e.as_ref().is_some_and(|e| e.0.style == s));
    let access_value = move || {
        edge.with(|e| match e.as_ref().and_then(|e| e.0.access) {
            Some(Access::Read) => "read",
            Some(Access::Write) => "write",
            Some(Access::ReadWrite) => "read-write",
            None => "",
        })
    };
    view! {
        <h2 class="panel-title">"Connection"</h2>
        <p class="edge-ends">{move || edge.get().map(|(_, a, b, _, _)| format!("{a} → {b}"))}</p>
        <fieldset class="radio-group">
            <legend>"Style"</legend>
            <label>
                <input type="radio" name="edge-style" prop:checked=style_is(EdgeStyle::Sync)
                    on:change=move |_| set(&|e| e.style = EdgeStyle::Sync)/>
                " Synchronous call (the caller waits)"
            </label>
            <label>
                <input type="radio" name="edge-style" prop:checked=style_is(EdgeStyle::Async)
                    on:change=move |_| set(&|e| e.style = EdgeStyle::Async)/>
                " Asynchronous message (the sender moves on)"
            </label>
        </fieldset>
        <div class="field">
            <label for="prop-access">"Data access"</label>
            <select id="prop-access" class="input" prop:value=access_value on:change=move |ev| {
                let v = event_target_value(&ev);
                set(&|e| e.access = match v.as_str() {
                    "read" => Some(Access::Read),
                    "write" => Some(Access::Write),
                    "read-write" => Some(Access::ReadWrite),
                    _ => None,
                });
            }>
                <option value="">"Not stated"</option>
                <option value="read">"Read"</option>
                <option value="write">"Write"</option>
                <option value="read-write">"Read and write"</option>
            </select>
            <p class="hint">{move || if edge.get().is_some_and(|e| e.3) {
                "This connection goes into a data store: the review uses the access to tell readers from writers."
            } else {
                "Access matters on connections into data stores."
            }}</p>
        </div>
        <div class="field">
            <label for="prop-label">"Label"</label>
            <DraftInput field=label_field id="prop-label"/>
        </div>
        {move || evidence(edge.with(|e| e.as_ref().map(|e| e.0.evidence.clone()).unwrap_or_default()))}
        <button type="button" class="btn btn-danger" on:click=move |_| editor.delete_selection()>"Delete connection"</button>
    }
}

/// Where an imported component or connection was found, and why it is as it
/// is: nothing for what was drawn by hand.
fn evidence(lines: Vec<String>) -> impl IntoView {
    (!lines.is_empty()).then(|| {
        view! {
            <details class="evidence-box">
                <summary>"Why this is here (from the imported files)"</summary>
                <ul class="evidence">{lines.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul>
            </details>
        }
    })
}
