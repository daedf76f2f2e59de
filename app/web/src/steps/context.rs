//! Step 1: the context form, generated from `archbook_core::context`.

use archbook_core::context::{Field, Input, SECTIONS};
use leptos::prelude::*;

use crate::state::{AppState, Step};

#[component]
pub fn ContextStep() -> impl IntoView {
    let state = expect_context::<AppState>();
    view! {
        <section class="step-page" aria-labelledby="step-title">
            <header class="step-header">
                <p class="step-kicker">"Step 1 of 5"</p>
                <h1 id="step-title">"Context"</h1>
                <p class="lede">
                    "Describe what you are building and what \"scale\" means for it. "
                    "The checklists and the review use these answers, so rough numbers now beat exact ones later."
                </p>
            </header>
            <Show when=move || state.is_blank()>
                <div class="card welcome">
                    <h2>"New to Archbook?"</h2>
                    <p>"Open the example, a checkout platform with answers, a service graph, findings and an accepted risk, and look around. Or take a one-minute tour of the five steps. Your own workbook stays here either way."</p>
                    <div class="inline-actions">
                        <button type="button" class="btn btn-primary" on:click=move |_| state.open_example()>"Open the example"</button>
                        <button type="button" class="btn" on:click=move |_| state.tour.set(Some(0))>"Take the tour"</button>
                    </div>
                </div>
            </Show>
            // Rebuilt when another workbook is opened, so every input starts from its data.
            {move || {
                state.current_id.track();
                view! { <ContextForm/> }
            }}
            <div class="step-footer">
                <a class="btn btn-primary" href=format!("#{}", Step::Decisions.slug())>"Next: Decisions →"</a>
            </div>
        </section>
    }
}

#[component]
fn ContextForm() -> impl IntoView {
    view! {
        <form class="context-form" on:submit=|e| e.prevent_default()>
            {SECTIONS.iter().map(|section| view! {
                <fieldset class="card">
                    <legend>{section.title}</legend>
                    <p class="card-intro">{section.intro}</p>
                    <div class="fields">
                        {section.fields.iter().map(|f| view! { <ContextField field=*f/> }).collect_view()}
                    </div>
                </fieldset>
            }).collect_view()}
        </form>
    }
}

#[component]
fn ContextField(field: Field) -> impl IntoView {
    let state = expect_context::<AppState>();
    let id = format!("ctx-{}", field.id());
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let warning_id = format!("{id}-warning");
    let error = RwSignal::new(None::<String>);
    let warning = move || state.workbook.with(|w| field.warning(w));
    // Text that the user types goes straight into the model; when it does not
    // parse, the model keeps its last good value and the field says why.
    let on_text = move |text: String| {
        state.typing.set_value(Some(field.path()));
        let result = state
            .workbook
            .try_maybe_update(|w| match field.set(w, &text) {
                Ok(()) => (true, Ok(())),
                Err(e) => (false, Err(e)),
            });
        error.set(result.and_then(Result::err));
    };
    let initial = state.workbook.with_untracked(|w| field.get(w));
    // Changes from elsewhere show, but never in the field being typed in.
    let stored = Memo::new(move |_| state.workbook.with(|w| field.get(w)));
    crate::ui::follow_unless_focused(id.clone(), stored, move || error.set(None));
    let on_blur = move |_| {
        state
            .typing
            .update_value(|t| *t = t.take().filter(|p| *p != field.path()));
    };
    let described_by = format!("{hint_id} {error_id} {warning_id}");
    let invalid = move || error.with(Option::is_some).then_some("true");

    let control = match field.input() {
        Input::Line => view! {
            <input id=id.clone() type="text" class="input" autocomplete="off"
                placeholder=field.placeholder() value=initial.clone()
                aria-describedby=described_by.clone() aria-invalid=invalid
                on:input=move |e| on_text(event_target_value(&e)) on:blur=on_blur/>
        }
        .into_any(),
        Input::Paragraph | Input::List => {
            let rows = if field.input() == Input::Paragraph {
                4
            } else {
                3
            };
            view! {
                <textarea id=id.clone() class="input" rows=rows placeholder=field.placeholder()
                    aria-describedby=described_by.clone() aria-invalid=invalid
                    on:input=move |e| on_text(event_target_value(&e)) on:blur=on_blur>{initial.clone()}</textarea>
            }
            .into_any()
        }
        input @ (Input::Count { .. } | Input::Amount { .. } | Input::Percent) => {
            let (unit, mode) = input.number().unwrap_or_default();
            view! {
                <div class="input-with-unit">
                    <input id=id.clone() type="text" inputmode=mode class="input input-number" autocomplete="off"
                        placeholder=field.placeholder() value=initial.clone()
                        aria-describedby=described_by.clone() aria-invalid=invalid
                        on:input=move |e| on_text(event_target_value(&e)) on:blur=on_blur/>
                    <span class="unit" aria-hidden="true">{unit}</span>
                </div>
            }
            .into_any()
        }
        Input::Choice(choices) => view! {
            <select id=id.clone() class="input" aria-describedby=described_by.clone()
                on:change=move |e| on_text(event_target_value(&e))>
                <option value="" selected=initial.is_empty()>"Not set"</option>
                {choices.iter().map(|(value, label)| view! {
                    <option value=*value selected=initial == *value>{*label}</option>
                }).collect_view()}
            </select>
        }
        .into_any(),
    };

    let wide = matches!(field.input(), Input::Paragraph | Input::List | Input::Line);
    view! {
        <div class="field" class:field-wide=wide>
            <label for=id.clone() class="field-label">{field.label()}</label>
            {control}
            <p id=hint_id class="field-hint">{field.hint()}</p>
            <p id=error_id class="field-error" role="alert">{move || error.get()}</p>
            <p id=warning_id class="field-warning">{warning}</p>
        </div>
    }
}
