//! What the steps share: the page frame and links between steps.

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
