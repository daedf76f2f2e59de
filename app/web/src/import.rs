//! Compose files and Kubernetes manifests in the app: read, shown for
//! approval with the evidence for everything, then opened as a new workbook
//! or applied to the drawn graph as one undoable update. The importer
//! (`archbook_core::import`, with its YAML parser) loads in its own wasm
//! chunk the first time files are imported.

use archbook_core::import::drift::Drift;
use archbook_core::import::{ImportError, Imported, Source};
use archbook_core::{EdgeStyle, Graph, Node};
use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::files;
use crate::graph::Editor;
use crate::state::{AppState, Step, Tone};

type Importer = fn(&[Source], &str) -> Result<Imported, ImportError>;
type Comparer = fn(&Graph, &Graph) -> Drift;

#[leptos::wasm_split::wasm_split(manifests, wasm_split_path = ::leptos::wasm_split, fallible)]
fn importer() -> Result<Importer, leptos::wasm_split::SplitLoaderError> {
    Ok(archbook_core::import::import)
}

#[leptos::wasm_split::wasm_split(manifests, wasm_split_path = ::leptos::wasm_split, fallible)]
fn comparer() -> Result<Comparer, leptos::wasm_split::SplitLoaderError> {
    Ok(archbook_core::import::drift::compare)
}

/// Files read and imported, waiting for the team's approval.
#[derive(Clone)]
pub struct NewImport {
    pub files: Vec<String>,
    pub imported: Imported,
}

/// Reads picked or dropped files. Any file that cannot be read stops the
/// import with a message naming it.
pub async fn read_all(list: Vec<web_sys::File>) -> Result<Vec<(String, String)>, (String, String)> {
    let mut out = Vec::new();
    for f in list {
        let name = f.name();
        match files::read_text(&f).await {
            Ok(text) => out.push((name, text)),
            Err(e) => return Err((name, e)),
        }
    }
    Ok(out)
}

async fn run(read: &[(String, String)], title: &str) -> Result<Imported, String> {
    let import = importer()
        .await
        .map_err(|_| "The part of the app that reads these files did not load; check the connection and reload.".to_owned())?;
    let sources: Vec<Source> = read
        .iter()
        .map(|(name, text)| Source { name, text })
        .collect();
    import(&sources, title).map_err(|e| e.to_string())
}

fn failed(state: AppState, files: usize, why: String) {
    state.notify_outcome(
        Tone::Error,
        format!(
            "Could not import {}",
            if files == 1 { "the file" } else { "the files" }
        ),
        vec![why],
        "Nothing was changed.",
    );
}

type Starter = fn(AppState, Vec<web_sys::File>);

// Reading, importing and previewing all load with the importer.
#[leptos::wasm_split::wasm_split(manifests, wasm_split_path = ::leptos::wasm_split, fallible)]
fn starter() -> Result<Starter, leptos::wasm_split::SplitLoaderError> {
    Ok(|state, list| spawn_local(start(state, list)))
}

/// Imports compose files or manifests: on success, shows the preview.
pub fn import_new(state: AppState, list: Vec<web_sys::File>) {
    let n = list.len();
    spawn_local(async move {
        match starter().await {
            Ok(start) => start(state, list),
            Err(_) => failed(
                state,
                n,
                "The part of the app that reads these files did not load; check the connection and reload.".into(),
            ),
        }
    });
}

async fn start(state: AppState, list: Vec<web_sys::File>) {
    {
        let n = list.len();
        let read = match read_all(list).await {
            Ok(r) => r,
            Err((name, e)) => return failed(state, n, format!("{name}: {e}")),
        };
        let names: Vec<&str> = read.iter().map(|(n, _)| n.as_str()).collect();
        let title = archbook_core::import::default_title(&names);
        match run(&read, &title).await {
            Ok(imported) => state.manifest_preview.set(Some(NewImport {
                files: read.into_iter().map(|(n, _)| n).collect(),
                imported,
            })),
            Err(e) => failed(state, n, e),
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

fn name_of(g: &Graph, id: &str) -> String {
    g.nodes
        .iter()
        .find(|n| n.id == id)
        .map_or(id.to_owned(), |n| n.display_name().to_owned())
}

fn notes_section(title: &'static str, items: Vec<String>) -> impl IntoView {
    (!items.is_empty()).then(|| {
        view! {
            <section class="import-section">
                <h3>{title}" "<span class="count">{items.len()}</span></h3>
                <ul class="import-notes">{items.into_iter().map(|i| view! { <li>{i}</li> }).collect_view()}</ul>
            </section>
        }
    })
}

type Renderer = fn() -> AnyView;

// The preview's code loads with the importer: before files are imported,
// nothing of it is needed.
#[leptos::wasm_split::wasm_split(manifests, wasm_split_path = ::leptos::wasm_split, fallible)]
fn preview_renderer() -> Result<Renderer, leptos::wasm_split::SplitLoaderError> {
    Ok(|| view! { <NewImportDialog/> }.into_any())
}

/// The preview of a new workbook, drawn once there is one to show.
#[component]
pub fn NewImportPreview() -> impl IntoView {
    let state = expect_context::<AppState>();
    let renderer = RwSignal::new(None::<Renderer>);
    Effect::new(move |_| {
        if state.manifest_preview.with(Option::is_some) && renderer.get_untracked().is_none() {
            spawn_local(async move {
                if let Ok(r) = preview_renderer().await {
                    renderer.set(Some(r));
                }
            });
        }
    });
    move || renderer.get().map(|r| r())
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
    crate::app::modal_while(dialog, move || state.manifest_preview.with(Option::is_some));
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
            format!("Created \"{title}\" with {nodes} components and {edges} edges from the files."),
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
                    g.nodes.len(), g.edges.len()
                );
                let edges: Vec<(String, Vec<String>)> = g.edges.iter().map(|e| {
                    let style = if e.style == EdgeStyle::Async { " (async)" } else { "" };
                    (format!("{} → {}{style}", name_of(&g, &e.from), name_of(&g, &e.to)), e.evidence.clone())
                }).collect();
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
                            <h3>"Components "<span class="count">{g.nodes.len()}</span></h3>
                            <ul class="import-list">{g.nodes.iter().map(node_item).collect_view()}</ul>
                        </section>
                        <section class="import-section">
                            <h3>"Edges "<span class="count">{edges.len()}</span></h3>
                            <ul class="import-list">
                                {edges.into_iter().map(|(label, evidence)| view! {
                                    <li><details>
                                        <summary>{label}</summary>
                                        <ul class="evidence">{evidence.into_iter().map(|e| view! { <li>{e}</li> }).collect_view()}</ul>
                                    </details></li>
                                }).collect_view()}
                            </ul>
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
    crate::app::modal_while(dialog, move || update.with(Option::is_some));
    let on_pick = move |_| {
        let Some(input) = picker.get() else { return };
        let list: Vec<web_sys::File> = input
            .files()
            .map(|f| (0..f.length()).filter_map(|i| f.get(i)).collect())
            .unwrap_or_default();
        input.set_value("");
        if list.is_empty() {
            return;
        }
        spawn_local(async move {
            let n = list.len();
            let read = match read_all(list).await {
                Ok(r) => r,
                Err((name, e)) => return failed(state, n, format!("{name}: {e}")),
            };
            let title = state
                .workbook
                .with_untracked(|w| w.display_title().to_owned());
            let imported = match run(&read, &title).await {
                Ok(i) => i,
                Err(e) => return failed(state, n, e),
            };
            let Ok(compare) = comparer().await else {
                return failed(
                    state,
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
                    format!(
                        "Updated the graph from the files: {} added, {} removed, {} changed.",
                        drift.added.len(),
                        drift.removed.len(),
                        drift.changed.len()
                    ),
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
                        {notes_section("Added", d.added.iter().map(|n| format!("{} ({})", n.display_name(), n.kind.label())).collect())}
                        {notes_section("Removed (no longer in the files)", d.removed.iter().map(|(_, n)| n.clone()).collect())}
                        {notes_section("Changed", d.changed.iter().map(|c| format!("{}: {}", c.name, c.what)).collect())}
                        {notes_section("New edges", d.added_edges.iter().map(|e| {
                            let g = state.workbook.with_untracked(|w| w.graph.clone());
                            let name = |id: &str| g.nodes.iter().find(|n| n.id == id).map(|n| n.display_name().to_owned())
                                .or_else(|| d.added.iter().find(|n| n.id == id).map(|n| n.display_name().to_owned()))
                                .unwrap_or_else(|| id.to_owned());
                            format!("{} → {}", name(&e.from), name(&e.to))
                        }).collect())}
                        {notes_section("Removed edges", d.removed_edges.clone())}
                        {notes_section("Kept as you drew them", d.kept.iter().map(|c| format!("{}: {}", c.name, c.what)).collect())}
                        {notes_section("Only in the design (kept)", d.design_only.clone())}
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
