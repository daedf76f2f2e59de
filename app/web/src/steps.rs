//! What the steps share: the page frame, links between steps, and the
//! renderer of the lazily loaded workspace chunk (steps 3 to 5).

use leptos::prelude::*;

use crate::state::Step;

#[component]
pub fn StepPage(step: Step, lede: &'static str, children: Children) -> impl IntoView {
    view! {
        <section class="step-page" aria-labelledby="step-title">
            <header class="step-header">
                <p class="step-kicker">{format!("Step {} of 5", step.number())}</p>
                <h1 id="step-title">{step.label()}</h1>
                <p class="lede">{lede}</p>
            </header>
            {children()}
        </section>
    }
}

#[component]
pub fn GoTo(step: Step, label: &'static str) -> impl IntoView {
    view! { <a class="btn" href=format!("#{}", step.slug())>{label}</a> }
}

pub fn render(step: Step) -> AnyView {
    match step {
        Step::Graph => view! { <crate::graph::GraphStep/> }.into_any(),
        Step::Review => view! { <crate::review::ReviewStep/> }.into_any(),
        Step::Record => view! { <crate::record::RecordStep/> }.into_any(),
        // Not in the workspace chunk: they have their own (or none).
        Step::Context | Step::Decisions => ().into_any(),
    }
}
