//! Step 5, the records: the workbook as MADR 4.0 Markdown files (core's
//! `export::records`), previewed, copied, downloaded one by one or as a zip.

use archbook_core::export::{front_matter, records, zip, Flavour, Options, Record};
use archbook_core::library::slug;
use archbook_core::markdown::to_safe_html_with_diagram;
use leptos::prelude::*;
use wasm_bindgen_futures::JsFuture;

use super::frame::StepPage;
use crate::platform::files;
use crate::state::{AppState, Step, Tone};

#[component]
pub fn RecordStep() -> impl IntoView {
    let state = expect_context::<AppState>();
    let checklists = state.checklists();
    let report = state.report();
    let first = RwSignal::new(1u32);
    let flavour = RwSignal::new(Flavour::Madr);
    // Today, for records whose decision has no date of its own.
    // The team can set it, to match records it already committed.
    let date = RwSignal::new({
        let d = js_sys::Date::new_0();
        format!(
            "{:04}-{:02}-{:02}",
            d.get_full_year(),
            d.get_month() + 1,
            d.get_date()
        )
    });
    let all: Memo<Vec<Record>> = Memo::new(move |_| {
        let options = Options {
            first: first.get(),
            date: date.get(),
            flavour: flavour.get(),
            numbers: Vec::new(),
        };
        checklists.with(|c| report.with(|r| state.workbook.with(|w| records(w, c, r, &options))))
    });
    let selected = RwSignal::new(0usize);
    let source = RwSignal::new(false);
    let current = Memo::new(move |_| all.with(|a| a.get(selected.get()).or(a.first()).cloned()));
    view! {
        <StepPage step=Step::Record lede="The workbook as Markdown architecture decision records in the MADR 4.0 layout: one overview with the graph as a Mermaid diagram, and one record per decision you have started. Commit them to your repository's docs/decisions/ folder.">
            <RecordTools first date flavour all/>
            <div class="record-layout">
                <nav class="record-list" aria-label="Records">
                    <ul>
                        {move || all.with(|a| a.iter().enumerate().map(|(i, r)| {
                            let name = r.file_name.clone();
                            let title = r.title.clone();
                            view! {
                                <li>
                                    <button type="button" class="record-item" aria-current=move || (selected.get() == i).then_some("true")
                                        on:click=move |_| selected.set(i)>
                                        <span class="record-title">{title}</span>
                                        <code class="record-file">{name}</code>
                                    </button>
                                </li>
                            }
                        }).collect_view())}
                    </ul>
                </nav>
                <RecordPreview current source/>
            </div>
        </StepPage>
    }
}

/// The settings every record shares (first number, date, layout) and the
/// download of all of them.
#[component]
fn RecordTools(
    first: RwSignal<u32>,
    date: RwSignal<String>,
    flavour: RwSignal<Flavour>,
    all: Memo<Vec<Record>>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let download_all = move |_| {
        let workbook = state.workbook.with_untracked(archbook_core::to_json);
        let day = date.get_untracked();
        let bytes = all.with_untracked(|a| zip(a, "decisions", &day, Some(&workbook)));
        let title = state
            .workbook
            .with_untracked(|w| w.display_title().to_owned());
        let name = format!("{}-decisions.zip", slug(&title));
        if let Err(e) = files::download_bytes(&name, "application/zip", &bytes) {
            state.notify(
                Tone::Error,
                "The records could not be downloaded".into(),
                vec![e],
            );
        }
    };
    let on_first = move |ev: leptos::ev::Event| {
        if let Ok(n) = event_target_value(&ev).trim().parse::<u32>() {
            if (1..=9999).contains(&n) {
                first.set(n);
            }
        }
    };

    let on_date = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        if archbook_core::check_date(value.trim()).is_ok() {
            date.set(value.trim().to_owned());
        }
    };

    view! {
        <div class="record-tools card">
            <div class="field">
                <label for="first-number">"First number"</label>
                <input id="first-number" class="input input-number" type="number" min="1" max="9999" prop:value=move || first.get().to_string() on:change=on_first/>
                <p class="hint">"If the folder already holds records, start after its highest number. The command line does this for you: "<code>"archbook export FILE --out docs/decisions"</code>"."</p>
            </div>
            <div class="field">
                <label for="record-date">"Date"</label>
                <input id="record-date" class="input" type="date" prop:value=move || date.get() on:change=on_date/>
                <p class="hint">"For records whose decision has no date of its own. Command line: "<code>"--date"</code>"."</p>
            </div>
            <div class="field">
                <label for="record-flavour">"Layout"</label>
                <select id="record-flavour" class="input" on:change=move |e| {
                    if let Some(f) = Flavour::from_id(&event_target_value(&e)) { flavour.set(f) }
                }>
                    {Flavour::ALL.into_iter().map(|f| view! {
                        <option value=f.id() selected=move || flavour.get() == f>{f.label()}</option>
                    }).collect_view()}
                </select>
                <p class="hint">"MADR 4.0 suits adr-tools, adr-log and Structurizr; log4brains reads its own layout. The command line: "<code>"--format log4brains"</code>"."</p>
            </div>
            <div class="record-actions">
                <button type="button" class="btn btn-primary" on:click=download_all>"Download all (.zip)"</button>
            </div>
        </div>
    }
}

/// One record, as the page it becomes or as its Markdown, with copy and
/// download.
#[component]
fn RecordPreview(current: Memo<Option<Record>>, source: RwSignal<bool>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let copied = RwSignal::new(false);

    let copy = move |_| {
        let Some(r) = current.get_untracked() else {
            return;
        };
        let clipboard = web_sys::window().map(|w| w.navigator().clipboard());
        leptos::task::spawn_local(async move {
            let ok = match clipboard {
                Some(c) => JsFuture::from(c.write_text(&r.markdown)).await.is_ok(),
                None => false,
            };
            if ok {
                copied.set(true);
                set_timeout(move || copied.set(false), std::time::Duration::from_secs(2));
            } else {
                state.notify(
                    Tone::Error,
                    "The browser refused to copy".into(),
                    vec![
                        "Download the record instead, or select the Markdown source and copy it."
                            .into(),
                    ],
                );
            }
        });
    };
    let download_one = move |_| {
        if let Some(r) = current.get_untracked() {
            if let Err(e) = files::download(&r.file_name, "text/markdown", &r.markdown) {
                state.notify(
                    Tone::Error,
                    "The record could not be downloaded".into(),
                    vec![e],
                );
            }
        }
    };
    view! {
        <article class="record-preview card" aria-label="Record preview">
            <div class="record-bar">
                <code class="record-file">{move || current.get().map(|r| r.file_name)}</code>
                <fieldset class="segmented">
                    <legend class="visually-hidden">"Show"</legend>
                    <label><input type="radio" name="record-view" prop:checked=move || !source.get() on:change=move |_| source.set(false)/>" Preview"</label>
                    <label><input type="radio" name="record-view" prop:checked=move || source.get() on:change=move |_| source.set(true)/>" Markdown"</label>
                </fieldset>
                <button type="button" class="btn btn-small" on:click=copy>{move || if copied.get() { "Copied" } else { "Copy Markdown" }}</button>
                <button type="button" class="btn btn-small" on:click=download_one>"Download .md"</button>
            </div>
            <p class="visually-hidden" role="status">{move || copied.get().then_some("Copied to the clipboard.")}</p>
            {move || current.get().map(|r| if source.get() {
                view! { <pre class="code record-source"><code>{r.markdown}</code></pre> }.into_any()
            } else {
                let (meta, body) = front_matter(&r.markdown);
                // The graph block is shown as the graph, drawn by core.
                let diagram = body.contains("```mermaid").then(|| {
                    state.workbook.with_untracked(|w| archbook_core::canvas::draw::to_html(&w.graph, w.display_title()))
                });
                let html = to_safe_html_with_diagram(body, diagram.as_deref());
                view! {
                    <dl class="record-meta">
                        {meta.into_iter().map(|(k, v)| view! { <div><dt>{k}</dt><dd>{v}</dd></div> }).collect_view()}
                    </dl>
                    <div class="md record-body" inner_html=html></div>
                }.into_any()
            })}
        </article>
    }
}
