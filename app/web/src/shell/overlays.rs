//! What opens over the page: the confirmation dialog, the tour and the
//! preview of files being imported. None is needed to draw the first page,
//! so each one's code loads the first time it opens (the `overlays` chunk,
//! which the shell also fetches when the browser is idle; the preview with
//! the importer).

use leptos::html;
use leptos::prelude::*;

use crate::platform::chunks::SplitResult;
use crate::state::{AppState, Step};
use crate::ui::{drawn_from_chunk, modal_while, Renderer};

#[leptos::wasm_split::wasm_split(overlays, wasm_split_path = ::leptos::wasm_split, fallible)]
fn confirm_renderer() -> SplitResult<Renderer> {
    Ok(|| view! { <ConfirmDialog/> }.into_any())
}

#[leptos::wasm_split::wasm_split(overlays, wasm_split_path = ::leptos::wasm_split, fallible)]
fn tour_renderer() -> SplitResult<Renderer> {
    Ok(|| view! { <Tour/> }.into_any())
}

/// Fetches the overlays' chunk (the shell calls this when idle).
pub async fn preload() {
    let _ = confirm_renderer().await;
}

#[component]
pub fn Overlays() -> impl IntoView {
    let state = expect_context::<AppState>();
    view! {
        {drawn_from_chunk(move || state.confirm.with(Option::is_some), confirm_renderer)}
        {drawn_from_chunk(move || state.tour.with(Option::is_some), tour_renderer)}
        <super::import::NewImportPreview/>
    }
}

#[component]
fn ConfirmDialog() -> impl IntoView {
    let state = expect_context::<AppState>();
    let dialog = NodeRef::<html::Dialog>::new();
    modal_while(dialog, move || state.confirm.with(Option::is_some));
    let confirm = move |_| {
        if let Some(c) = state.confirm.get_untracked() {
            state.confirm.set(None);
            c.on_confirm.run(());
        }
    };
    view! {
        <dialog class="dialog" node_ref=dialog aria-labelledby="dialog-title"
            on:close=move |_| state.confirm.set(None)>
            <h2 id="dialog-title">{move || state.confirm.get().map(|c| c.title)}</h2>
            <p>{move || state.confirm.get().map(|c| c.body.get())}</p>
            <div class="dialog-actions">
                <button type="button" class="btn" autofocus on:click=move |_| state.confirm.set(None)>"Cancel"</button>
                <button type="button" on:click=confirm class=move || {
                    if state.confirm.get().is_some_and(|c| !c.destructive) { "btn btn-primary" } else { "btn btn-danger-solid" }
                }>
                    {move || state.confirm.get().map(|c| c.action)}
                </button>
            </div>
        </dialog>
    }
}

/// The tour: one stop per step, each opening its step. Skippable at any time.
const TOUR: [(Step, &str); 5] = [
    (Step::Context, "Describe the system and what scale means for it: team, traffic, data, latency. Rough numbers are fine; the checklists and the review read them."),
    (Step::Decisions, "One checklist per architecture decision. Answer the questions and Archbook recommends an option, says why, and names the risks."),
    (Step::Graph, "Draw the services, stores, queues and the calls between them. Drag from a component's handle to connect it; start from a template if you like."),
    (Step::Review, "The graph, context and decisions are checked against documented pitfalls. Select a finding to see it on the graph; accept a risk with a reason."),
    (Step::Record, "Export Markdown decision records (MADR 4.0) with a Mermaid diagram, ready for your repository's docs/decisions/ folder."),
];

#[component]
fn Tour() -> impl IntoView {
    let state = expect_context::<AppState>();
    let card = NodeRef::<html::Div>::new();
    // Each stop opens its step and takes the keyboard focus.
    Effect::new(move |_| {
        if let Some(i) = state.tour.get() {
            state.step.set(TOUR[i].0);
            if let Some(el) = card.get() {
                let _ = el.focus();
            }
        }
    });
    move || {
        state.tour.get().map(|i| {
            let (step, text) = TOUR[i];
            let last = i + 1 == TOUR.len();
            view! {
                // On the last stop the card sits at the top, clear of the
                // Record step's actions.
                <div class="tour" class:tour-top=last role="dialog" aria-labelledby="tour-title" tabindex="-1" node_ref=card
                    on:keydown=move |e| if e.key() == "Escape" { state.tour.set(None) }>
                    <p class="tour-count">{format!("Tour {} of {}", i + 1, TOUR.len())}</p>
                    <h2 id="tour-title">{step.label()}</h2>
                    <p>{text}</p>
                    <div class="inline-actions">
                        <button type="button" class="btn" disabled=i == 0 on:click=move |_| state.tour.set(Some(i - 1))>"Back"</button>
                        <button type="button" class="btn btn-primary" on:click=move |_| state.tour.set((!last).then_some(i + 1))>
                            {if last { "Finish" } else { "Next" }}
                        </button>
                        <button type="button" class="btn-link" on:click=move |_| state.tour.set(None)>"Skip tour"</button>
                    </div>
                </div>
            }
        })
    }
}
