//! Compose files and Kubernetes manifests in the app: read, shown for
//! approval with the evidence for everything, then opened as a new workbook
//! or applied to the drawn graph as one undoable update. The importer
//! (`archbook_core::import`, with its YAML parser) loads in its own wasm
//! chunk the first time files are imported.

use archbook_core::{EdgeStyle, Node};
use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::platform::chunks::import_files;
use crate::platform::chunks::SplitResult;
use crate::platform::files::read_all;
use crate::state::{AppState, NewImport, Step, Tone};
use crate::ui::{drawn_from_chunk, modal_while, notes_section, Renderer};

type Starter = fn(AppState, Vec<web_sys::File>);

// Reading, importing and previewing all load with the importer.
#[leptos::wasm_split::wasm_split(manifests, wasm_split_path = ::leptos::wasm_split, fallible)]
fn starter() -> SplitResult<Starter> {
    Ok(|state, list| spawn_local(start(state, list)))
}

/// Imports compose files or manifests: on success, shows the preview.
pub fn import_new(state: AppState, list: Vec<web_sys::File>) {
    let title = AppState::could_not_import(list.len());
    state.after_chunk(starter(), title, "reads these files", move |start| {
        start(state, list)
    });
}

async fn start(state: AppState, list: Vec<web_sys::File>) {
    {
        let n = list.len();
        let read = match read_all(list).await {
            Ok(r) => r,
            Err((name, e)) => return state.import_failed(n, format!("{name}: {e}")),
        };
        let names: Vec<&str> = read.iter().map(|(n, _)| n.as_str()).collect();
        let title = archbook_core::import::default_title(&names);
        match import_files(&read, &title).await {
            Ok(imported) => state.manifest_preview.set(Some(NewImport {
                files: read.into_iter().map(|(n, _)| n).collect(),
                imported,
            })),
            Err(e) => state.import_failed(n, e),
        }
    }
}

/// A component, its kind and instances, and why.
fn node_item(n: &Node) -> impl IntoView {
    let instances = match n.replicas {
        Some(1) => ", 1 instance".to_owned(),
        Some(r) => format!(", {r} instances"),
        None => String::new(),
    };
    let traits = if n.traits.is_empty() {
        String::new()
    } else {
        format!(", {}", n.traits.join(", "))
    };
    let evidence = n.evidence.clone();
    view! {
        <li>
            <details>
                <summary><strong>{n.display_name().to_owned()}</strong>" "<span class="badge">{n.kind.label()}</span>{instances}{traits}</summary>
                <ul class="evidence">{evidence.into_iter().map(|e| view! { <li>{e}</li> }).collect_view()}</ul>
            </details>
        </li>
    }
}

/// Rows a preview list shows before "Show all".
const PREVIEW_ROWS: usize = 100;

/// "Show all 999 components" under a list cut at [`PREVIEW_ROWS`].
fn show_all(all: RwSignal<bool>, total: usize, what: &'static str) -> impl IntoView {
    move || {
        (total > PREVIEW_ROWS && !all.get()).then(|| {
            view! {
                <button type="button" class="btn btn-small" on:click=move |_| all.set(true)>
                    {format!("Show all {} {what}", archbook_core::thousands(total))}
                </button>
            }
        })
    }
}

// The preview's code loads with the importer: before files are imported,
// nothing of it is needed.
#[leptos::wasm_split::wasm_split(manifests, wasm_split_path = ::leptos::wasm_split, fallible)]
fn preview_renderer() -> SplitResult<Renderer> {
    Ok(|| view! { <NewImportDialog/> }.into_any())
}

/// The preview of a new workbook, drawn once there is one to show.
#[component]
pub fn NewImportPreview() -> impl IntoView {
    let state = expect_context::<AppState>();
    drawn_from_chunk(
        move || state.manifest_preview.with(Option::is_some),
        preview_renderer,
    )
}

/// The preview of a new workbook from files.
#[component]
fn NewImportDialog() -> impl IntoView {
    let state = expect_context::<AppState>();
    let dialog = NodeRef::<html::Dialog>::new();
    // The files rarely name the system well: the team names it here.
    let title = RwSignal::new(String::new());
    Effect::new(move |_| {
        if let Some(t) = state
            .manifest_preview
            .with(|p| p.as_ref().map(|p| p.imported.workbook.title.clone()))
        {
            title.set(t);
        }
    });
    modal_while(dialog, move || state.manifest_preview.with(Option::is_some));
    // A large system lists its first rows; the rest on request.
    let (all_nodes, all_edges) = (RwSignal::new(false), RwSignal::new(false));
    let create = move |_| {
        let Some(p) = state.manifest_preview.get_untracked() else {
            return;
        };
        state.manifest_preview.set(None);
        let mut wb = p.imported.workbook;
        let typed = title.get_untracked();
        if !typed.trim().is_empty() {
            wb.title = typed.trim().to_owned();
        }
        let (nodes, edges) = (wb.graph.nodes.len(), wb.graph.edges.len());
        let title = state.add_arriving(wb);
        state.step.set(Step::Graph);
        state.notify(
            Tone::Success,
            format!(
                "Created \"{title}\" with {} components and {} edges from the files.",
                archbook_core::thousands(nodes),
                archbook_core::thousands(edges)
            ),
            vec!["Each component and edge keeps its evidence in the properties panel. The Review step has the findings.".into()],
        );
    };
    view! {
        <dialog class="dialog dialog-wide" node_ref=dialog aria-labelledby="import-title"
            on:close=move |_| state.manifest_preview.set(None)>
            {move || state.manifest_preview.get().map(|p| {
                let g = p.imported.workbook.graph.clone();
                let r = p.imported.report.clone();
                let files = p.files.join(", ");
                let summary = format!(
                    "{} components and {} edges, read from {files}. Open a line to see where it was found and why.",
                    archbook_core::thousands(g.nodes.len()), archbook_core::thousands(g.edges.len())
                );
                let names: std::collections::HashMap<&str, &str> =
                    g.nodes.iter().map(|n| (n.id.as_str(), n.display_name())).collect();
                let edges: Vec<(String, Vec<String>)> = g.edges.iter().map(|e| {
                    let style = if e.style == EdgeStyle::Async { " (async)" } else { "" };
                    let name = |id: &str| names.get(id).copied().unwrap_or(id).to_owned();
                    (format!("{} → {}{style}", name(&e.from), name(&e.to)), e.evidence.clone())
                }).collect();
                let (node_count, edge_count) = (g.nodes.len(), edges.len());
                let nodes = StoredValue::new(g.nodes.clone());
                let edges = StoredValue::new(edges);
                view! {
                    <h2 id="import-title">"Create a workbook from these files?"</h2>
                    <p>{summary}</p>
                    <div class="field">
                        <label for="import-workbook-title">"Workbook title"</label>
                        <input id="import-workbook-title" class="input" prop:value=move || title.get()
                            on:input=move |e| title.set(event_target_value(&e))/>
                    </div>
                    <div class="import-preview">
                        <section class="import-section">
                            <h3>"Components "<span class="count">{archbook_core::thousands(node_count)}</span></h3>
                            <ul class="import-list">{move || {
                                let shown = if all_nodes.get() { usize::MAX } else { PREVIEW_ROWS };
                                nodes.with_value(|n| n.iter().take(shown).map(node_item).collect_view())
                            }}</ul>
                            {show_all(all_nodes, node_count, "components")}
                        </section>
                        <section class="import-section">
                            <h3>"Edges "<span class="count">{archbook_core::thousands(edge_count)}</span></h3>
                            <ul class="import-list">{move || {
                                let shown = if all_edges.get() { usize::MAX } else { PREVIEW_ROWS };
                                edges.with_value(|e| e.iter().take(shown).cloned().map(|(label, evidence)| view! {
                                    <li><details>
                                        <summary>{label}</summary>
                                        <ul class="evidence">{evidence.into_iter().map(|e| view! { <li>{e}</li> }).collect_view()}</ul>
                                    </details></li>
                                }).collect_view())
                            }}</ul>
                            {show_all(all_edges, edge_count, "edges")}
                        </section>
                        {notes_section("Not drawn", r.absorbed)}
                        {notes_section("Could not place", r.unplaced)}
                        {notes_section("Notes", r.notes)}
                    </div>
                }
            })}
            <div class="dialog-actions">
                <button type="button" class="btn" autofocus on:click=move |_| state.manifest_preview.set(None)>"Cancel"</button>
                <button type="button" class="btn btn-primary" on:click=create>"Create workbook"</button>
            </div>
        </dialog>
    }
}
