//! The five steps. Context is in the first load; Decisions and the
//! workspace (graph, review, record) each load in their own wasm chunk the
//! first time they open, with their stylesheet (`decisions.css`,
//! `workspace.css`: the first page's `public/style.css` leaves them out).

pub mod context;
pub mod decisions;
pub mod frame;
pub mod graph;
pub mod record;
pub mod review;

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::state::Step;

/// Draws a step. Steps other than Context live in wasm chunks that load the
/// first time they open (scripts/build-wasm.mjs splits them off), so the
/// first load stays small.
type Renderer = fn(Step) -> AnyView;
type SplitResult = crate::platform::chunks::SplitResult<Renderer>;

#[leptos::wasm_split::wasm_split(decisions, wasm_split_path = ::leptos::wasm_split, fallible)]
fn decisions_renderer() -> SplitResult {
    Ok(|_| {
        crate::ui::add_style("style-decisions", include_str!("decisions.css"));
        view! { <decisions::DecisionsStep/> }.into_any()
    })
}

#[leptos::wasm_split::wasm_split(workspace, wasm_split_path = ::leptos::wasm_split, fallible)]
fn workspace_renderer() -> SplitResult {
    Ok(render_workspace)
}

/// Fetches the chunks of the Decisions step and of the workspace, so that
/// opening a step later only draws it (the shell calls this when idle).
pub async fn preload() {
    let _ = decisions_renderer().await;
    let _ = workspace_renderer().await;
}

fn context_renderer(_: Step) -> AnyView {
    view! { <context::ContextStep/> }.into_any()
}

#[component]
pub fn LazyStep(step: Step) -> impl IntoView {
    let renderer = RwSignal::new(None::<Result<Renderer, ()>>);
    let load = move || {
        renderer.set(None);
        spawn_local(async move {
            let loaded = match step {
                Step::Decisions => decisions_renderer().await,
                Step::Graph | Step::Review | Step::Record => workspace_renderer().await,
                // In the first load (the app shows it without this), but total.
                Step::Context => Ok(context_renderer as Renderer),
            };
            renderer.set(Some(loaded.map_err(|_| ())));
        });
    };
    load();
    move || {
        match renderer.get() {
        None => view! { <p class="loading" role="status">"Loading this step…"</p> }.into_any(),
        Some(Ok(render)) => render(step),
        Some(Err(())) => view! {
            <div class="card" role="alert">
                <h2>"This step could not be loaded"</h2>
                <p>"Its part of the app did not arrive, which usually means the network dropped. Your workbook is safe in this browser."</p>
                <button type="button" class="btn btn-primary" on:click=move |_| load()>"Try again"</button>
            </div>
        }.into_any(),
    }
    }
}

/// The steps of the workspace chunk.
fn render_workspace(step: Step) -> AnyView {
    crate::ui::add_style("style-workspace", include_str!("workspace.css"));
    match step {
        Step::Graph => view! { <graph::GraphStep/> }.into_any(),
        Step::Review => view! { <review::ReviewStep/> }.into_any(),
        Step::Record => view! { <record::RecordStep/> }.into_any(),
        // Not in the workspace chunk: they have their own (or none).
        Step::Context | Step::Decisions => ().into_any(),
    }
}
