//! Steps 2 to 5 before their tools exist: what each step is for, what the
//! workbook already holds for it, and what the user can do now.

use leptos::prelude::*;

use crate::state::{AppState, Step};

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

#[component]
pub fn GraphIntro() -> impl IntoView {
    let state = expect_context::<AppState>();
    let nodes = move || {
        state.workbook.with(|w| {
            w.graph
                .nodes
                .iter()
                .map(|n| (n.display_name().to_owned(), n.kind.label(), n.replicas()))
                .collect::<Vec<_>>()
        })
    };
    let edge_count = move || state.workbook.with(|w| w.graph.edges.len());
    view! {
        <StepPage step=Step::Graph lede="Draw the system as the team knows it: clients, gateways, services, workers, databases, caches, queues and external APIs, and the calls between them. Synchronous calls and asynchronous messages are told apart, because the review treats them differently.">
            <div class="card">
                <h2>"The graph in this workbook"</h2>
                <Show
                    when=move || !nodes().is_empty()
                    fallback=|| view! {
                        <p>"This workbook has no graph yet. A workbook file that holds one (for example, one exported from another Archbook) brings its graph along when you import it."</p>
                    }
                >
                    <p>{move || format!("{} components and {} connections.", nodes().len(), edge_count())}</p>
                    <table class="table">
                        <thead><tr><th scope="col">"Component"</th><th scope="col">"Kind"</th><th scope="col">"Instances"</th></tr></thead>
                        <tbody>
                            {move || nodes().into_iter().map(|(name, kind, replicas)| view! {
                                <tr><td>{name}</td><td>{kind}</td><td>{replicas}</td></tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </Show>
            </div>
        </StepPage>
    }
}

#[component]
pub fn ReviewIntro() -> impl IntoView {
    view! {
        <StepPage step=Step::Review lede="The review scores the graph, the context and the decisions against documented backend-architecture pitfalls. Every finding names the components it is about, says why it hurts and how to fix it, and can be accepted as a known risk with a written reason.">
            <div class="card">
                <h2>"What the review looks for"</h2>
                <ul class="columns">
                    <li>"A database or cache shared by several services"</li>
                    <li>"Long or circular chains of synchronous calls"</li>
                    <li>"One request fanning out to many services"</li>
                    <li>"Read-heavy stores with no cache in front"</li>
                    <li>"Single points of failure on the request path"</li>
                    <li>"Entry points without authentication or rate limits"</li>
                    <li>"Services without tracing, metrics or structured logs"</li>
                    <li>"More services than the team can run"</li>
                    <li>"Message consumers that are not idempotent"</li>
                    <li>"Strongly consistent domains updated only by messages"</li>
                    <li>"Caches with no expiry, external calls with no timeouts"</li>
                    <li>"A graph that contradicts the recorded decisions"</li>
                </ul>
            </div>
            <div class="card">
                <h2>"What you can do now"</h2>
                <p>"Fill in the context the review judges against, then score an exported workbook file:"</p>
                <pre class="code"><code>"archbook score checkout-platform.archbook.json"</code></pre>
                <GoTo step=Step::Context label="Go to Context"/>
            </div>
        </StepPage>
    }
}

#[component]
pub fn RecordIntro() -> impl IntoView {
    let state = expect_context::<AppState>();
    view! {
        <StepPage step=Step::Record lede="The workbook becomes Markdown architecture decision records in the MADR 4.0 layout, with a Mermaid diagram of the graph, ready to commit into a repository's docs/decisions/ folder.">
            <div class="card">
                <h2>"What you can do now"</h2>
                <p>
                    "Export the workbook file and commit it next to your code. The "<code>"archbook"</code>
                    " command line writes its records into your repository:"
                </p>
                <pre class="code"><code>"archbook export checkout-platform.archbook.json --out docs/decisions"</code></pre>
                <button type="button" class="btn btn-primary" on:click=move |_| state.export()>"Export workbook file"</button>
            </div>
        </StepPage>
    }
}
