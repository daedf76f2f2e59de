//! "Update from files…": the drawn graph compared with compose files or
//! manifests, and brought up to date as one undoable edit.

use archbook_core::import::drift::Drift;
use archbook_core::Graph;
use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::editor::Editor;
use crate::platform::chunks::{comparer, import_files};
use crate::platform::files::read_all;
use crate::state::{AppState, Tone};
use crate::ui::{modal_while, notes_section};

/// Files read for an update of the drawn graph, and what differs.
#[derive(Clone)]
struct Update {
    files: Vec<String>,
    graph: Graph,
    drift: Drift,
}

/// "Update from files…" in the graph's toolbar: picks files, shows what
/// differs between the drawing and the files, and applies it as one step.
#[component]
pub fn UpdateFromFiles() -> impl IntoView {
    let state = expect_context::<AppState>();
    let editor = expect_context::<Editor>();
    let picker = NodeRef::<html::Input>::new();
    let dialog = NodeRef::<html::Dialog>::new();
    let update = RwSignal::new(None::<Update>);
    modal_while(dialog, move || update.with(Option::is_some));
    let on_pick = move |_| {
        let Some(input) = picker.get() else { return };
        let list = crate::platform::files::take_picked(&input);
        if list.is_empty() {
            return;
        }
        spawn_local(async move {
            let n = list.len();
            let read = match read_all(list).await {
                Ok(r) => r,
                Err((name, e)) => return state.import_failed(n, format!("{name}: {e}")),
            };
            let title = state
                .workbook
                .with_untracked(|w| w.display_title().to_owned());
            let imported = match import_files(&read, &title).await {
                Ok(i) => i,
                Err(e) => return state.import_failed(n, e),
            };
            let Ok(compare) = comparer().await else {
                return state.import_failed(
                    n,
                    "The part of the app that compares graphs did not load.".into(),
                );
            };
            let drift = state
                .workbook
                .with_untracked(|w| compare(&w.graph, &imported.workbook.graph));
            update.set(Some(Update {
                files: read.into_iter().map(|(n, _)| n).collect(),
                graph: imported.workbook.graph,
                drift,
            }));
        });
    };
    let apply = move |_| {
        let Some(u) = update.get_untracked() else {
            return;
        };
        update.set(None);
        // Compared again against the graph as it is now (another tab may
        // have changed it while the dialog was open).
        spawn_local(async move {
            let Ok(compare) = comparer().await else {
                return;
            };
            let drift = state
                .workbook
                .with_untracked(|w| compare(&w.graph, &u.graph));
            if drift.is_empty() {
                return state.notify(
                    Tone::Success,
                    "The graph already matches the files.".into(),
                    vec![],
                );
            }
            if editor.apply(drift.edit()) {
                state.notify(
                    Tone::Success,
                    drift.summary(),
                    vec!["Undo (Ctrl+Z) takes the whole update back.".into()],
                );
            }
        });
    };
    view! {
        <button type="button" class="btn" on:click=move |_| {
            if let Some(input) = picker.get() { input.click(); }
        } title="Compare the graph with compose files or Kubernetes manifests, and bring it up to date">
            "Update from files…"
        </button>
        <input type="file" multiple accept=".yaml,.yml" class="visually-hidden" tabindex="-1"
            aria-label="Compose files or manifests to update the graph from" node_ref=picker on:change=on_pick/>
        <dialog class="dialog dialog-wide" node_ref=dialog aria-labelledby="update-title"
            on:close=move |_| update.set(None)>
            {move || update.get().map(|u| {
                let d = u.drift;
                let empty = d.is_empty();
                view! {
                    <h2 id="update-title">{if empty { "The graph matches the files" } else { "Update the graph from these files?" }}</h2>
                    <p>{format!("Compared with {}. Positions, names, kinds and traits you set stay as they are; one undo takes the update back.", u.files.join(", "))}</p>
                    <div class="import-preview">
                        {state.workbook.with_untracked(|w| d.sections(&w.graph)).into_iter()
                            .map(|(title, items)| notes_section(title, items)).collect_view()}
                    </div>
                }
            })}
            <div class="dialog-actions">
                <button type="button" class="btn" autofocus on:click=move |_| update.set(None)>
                    {move || if update.with(|u| u.as_ref().is_some_and(|u| u.drift.is_empty())) { "Close" } else { "Cancel" }}
                </button>
                <Show when=move || update.with(|u| u.as_ref().is_some_and(|u| !u.drift.is_empty()))>
                    <button type="button" class="btn btn-primary" on:click=apply>"Apply changes"</button>
                </Show>
            </div>
        </dialog>
    }
}
