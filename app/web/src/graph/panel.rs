//! The properties panel: what is selected, and every field of it. Each change
//! is one undoable edit.

use archbook_core::canvas::catalog::TRAITS;
use archbook_core::canvas::Edit;
use archbook_core::{Access, Edge, EdgeStyle, NodeKind};
use leptos::prelude::*;

use super::Editor;

#[component]
pub fn Properties() -> impl IntoView {
    let editor = expect_context::<Editor>();
    let what = Memo::new(move |_| {
        let s = editor.selection.get();
        match (s.edge, s.nodes.as_slice()) {
            (Some(i), _) => Panel::Edge(i),
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
                    <button type="button" class="btn btn-danger" on:click=move |_| editor.delete_selection()>"Delete selected"</button>
                }.into_any(),
                Panel::Node(id) => view! { <NodeProperties id/> }.into_any(),
                Panel::Edge(i) => view! { <EdgeProperties index=i/> }.into_any(),
            }}
        </aside>
    }
}

#[derive(Clone, PartialEq)]
enum Panel {
    Nothing,
    Many(usize),
    Node(String),
    Edge(usize),
}

#[component]
fn Help() -> impl IntoView {
    view! {
        <h2 class="panel-title">"Properties"</h2>
        <p class="hint">"Select a component or a connection to describe it here."</p>
        <h3 class="panel-subtitle">"Mouse and touch"</h3>
        <ul class="shortcuts">
            <li>"Drag a component to move it; drag its round handle onto another to connect them."</li>
            <li>"Shift+click or Shift+drag to select several."</li>
            <li>"Drag the background to pan; the wheel or a pinch zooms."</li>
            <li>"Double-click a component to rename it."</li>
        </ul>
        <h3 class="panel-subtitle">"Keyboard"</h3>
        <ul class="shortcuts">
            <li><kbd>"Tab"</kbd>" moves between components; arrow keys move the selected one."</li>
            <li><kbd>"Enter"</kbd>" renames, "<kbd>"Delete"</kbd>" removes."</li>
            <li><kbd>"Ctrl+Z"</kbd>" undoes, "<kbd>"Ctrl+Shift+Z"</kbd>" redoes."</li>
        </ul>
    }
}

#[component]
fn NodeProperties(id: String) -> impl IntoView {
    let editor = expect_context::<Editor>();
    let state = editor.state;
    let id = StoredValue::new(id);
    let node = Memo::new(move |_| {
        let i = editor.index.with(|ix| ix.get(&id.get_value()).copied())?;
        state.workbook.with(|w| w.graph.nodes.get(i).cloned())
    });
    let field = move |f: fn(&archbook_core::Node) -> String| {
        move || node.with(|n| n.as_ref().map(f).unwrap_or_default())
    };

    let on_name = move |ev: leptos::ev::Event| {
        let name = event_target_value(&ev).trim().to_owned();
        if !name.is_empty() {
            editor.apply(Edit::Rename {
                id: id.get_value(),
                name,
            });
        }
    };
    let on_kind = move |ev: leptos::ev::Event| {
        let v = event_target_value(&ev);
        if let Some(kind) = NodeKind::ALL.into_iter().find(|k| k.id() == v) {
            editor.apply(Edit::SetKind {
                id: id.get_value(),
                kind,
            });
        }
    };
    let on_team = move |ev: leptos::ev::Event| {
        let v = event_target_value(&ev).trim().to_owned();
        editor.apply(Edit::SetTeam {
            id: id.get_value(),
            team: (!v.is_empty()).then_some(v),
        });
    };
    let replicas_error = RwSignal::new(None::<&'static str>);
    let on_replicas = move |ev: leptos::ev::Event| {
        let v = event_target_value(&ev);
        let v = v.trim();
        let replicas = if v.is_empty() {
            Some(None)
        } else {
            v.parse::<u32>().ok().filter(|n| *n >= 1).map(Some)
        };
        match replicas {
            Some(r) => {
                replicas_error.set(None);
                editor.apply(Edit::SetReplicas {
                    id: id.get_value(),
                    replicas: r.filter(|n| *n != 1),
                });
            }
            None => replicas_error.set(Some("Enter a whole number of instances, 1 or more.")),
        }
    };
    let toggle_trait = move |t: &'static str, on: bool| {
        let Some(mut traits) = node.with_untracked(|n| n.as_ref().map(|n| n.traits.clone())) else {
            return;
        };
        traits.retain(|x| x != t);
        if on {
            traits.push(t.to_owned());
        }
        editor.apply(Edit::SetTraits {
            id: id.get_value(),
            traits,
        });
    };

    // Connections, for keyboard users and for an overview.
    let links = Memo::new(move |_| {
        let me = id.get_value();
        state.workbook.with(|w| {
            let name = |x: &str| w.graph.name_of(x).to_owned();
            w.graph
                .edges
                .iter()
                .enumerate()
                .filter(|(_, e)| e.from == me || e.to == me)
                .map(|(i, e)| {
                    let text = if e.from == me {
                        format!("→ {}", name(&e.to))
                    } else {
                        format!("← {}", name(&e.from))
                    };
                    (i, text, e.style == EdgeStyle::Async)
                })
                .collect::<Vec<_>>()
        })
    });
    let others = Memo::new(move |_| {
        let me = id.get_value();
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
        let to = connect_target.get_untracked();
        if to.is_empty() {
            return;
        }
        let (index, store) = state.workbook.with_untracked(|w| {
            (
                w.graph.edges.len(),
                w.graph
                    .nodes
                    .iter()
                    .find(|n| n.id == to)
                    .is_some_and(|n| n.kind.is_data_store()),
            )
        });
        let edge = Edge {
            access: store.then_some(Access::ReadWrite),
            ..Edge::new(id.get_value(), to)
        };
        if editor.apply(Edit::AddEdge { edge, index }) {
            connect_target.set(String::new());
        }
    };

    view! {
        <h2 class="panel-title">"Component"</h2>
        <div class="field">
            <label for="prop-name">"Name"</label>
            <input id="prop-name" class="input" prop:value=field(|n| n.name.clone()) on:change=on_name/>
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
                <input id="prop-team" class="input" prop:value=field(|n| n.team.clone().unwrap_or_default()) on:change=on_team/>
            </div>
            <div class="field">
                <label for="prop-replicas">"Instances"</label>
                <input id="prop-replicas" class="input" type="number" min="1" inputmode="numeric"
                    prop:value=field(|n| n.replicas.unwrap_or(1).to_string()) on:change=on_replicas
                    aria-invalid=move || replicas_error.get().is_some().to_string()
                    aria-describedby="prop-replicas-error"/>
                <p id="prop-replicas-error" class="field-error" role="alert">{move || replicas_error.get()}</p>
            </div>
        </div>
        <fieldset class="traits">
            <legend>"Traits"</legend>
            {TRAITS.iter().map(|t| {
                let checked = move || node.with(|n| n.as_ref().is_some_and(|n| n.traits.iter().any(|x| x == t.id)));
                let input_id = format!("trait-{}", t.id);
                view! {
                    <div class="trait">
                        <input type="checkbox" id=input_id.clone() prop:checked=checked
                            on:change=move |ev| toggle_trait(t.id, event_target_checked(&ev))/>
                        <label for=input_id>
                            <span class="trait-name">{t.id}</span>
                            <span class="trait-help">{t.help}</span>
                        </label>
                    </div>
                }
            }).collect_view()}
        </fieldset>
        <h3 class="panel-subtitle">"Connections"</h3>
        <ul class="links">
            {move || links.get().into_iter().map(|(i, text, is_async)| view! {
                <li>
                    <button type="button" class="link-btn" on:click=move |_| editor.select_edge(i)>
                        {text}{if is_async { " (async)" } else { "" }}
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
        <button type="button" class="btn btn-danger" on:click=move |_| editor.delete_selection()>"Delete component"</button>
    }
}

#[component]
fn EdgeProperties(index: usize) -> impl IntoView {
    let editor = expect_context::<Editor>();
    let state = editor.state;
    let edge = Memo::new(move |_| {
        state.workbook.with(|w| {
            let e = w.graph.edges.get(index)?;
            let name = |x: &str| w.graph.name_of(x).to_owned();
            let store = w
                .graph
                .nodes
                .iter()
                .find(|n| n.id == e.to)
                .is_some_and(|n| n.kind.is_data_store());
            Some((e.clone(), name(&e.from), name(&e.to), store))
        })
    });
    let set = move |f: &dyn Fn(&mut Edge)| {
        let Some(mut e) = edge.with_untracked(|x| x.as_ref().map(|x| x.0.clone())) else {
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
        <p class="edge-ends">{move || edge.get().map(|(_, a, b, _)| format!("{a} → {b}"))}</p>
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
            <input id="prop-label" class="input" prop:value=move || edge.with(|e| e.as_ref().and_then(|e| e.0.label.clone()).unwrap_or_default())
                on:change=move |ev| {
                    let v = event_target_value(&ev).trim().to_owned();
                    set(&|e| e.label = (!v.is_empty()).then(|| v.clone()));
                }/>
        </div>
        <button type="button" class="btn btn-danger" on:click=move |_| editor.delete_selection()>"Delete connection"</button>
    }
}
