//! The app shell: header, workbook switcher, step navigation, notices,
//! confirmation dialog and file drop.

use leptos::ev;
use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;

use archbook_core::library::relative_age;

use crate::context_step::ContextStep;
use crate::decisions::DecisionsStep;
use crate::files;
use crate::state::{now, AppState, Confirm, Step, Tone};
use crate::steps::{GraphIntro, RecordIntro, ReviewIntro};

#[component]
pub fn App() -> impl IntoView {
    let state = AppState::init();
    provide_context(state);
    sync_step_with_url(state);
    let dragging = watch_file_drops(state);

    view! {
        <a class="skip-link" href="#main">"Skip to content"</a>
        <Header/>
        <StepNav/>
        <StorageBanner/>
        <Notices/>
        <main id="main" class="main" tabindex="-1">
            {move || match state.step.get() {
                Step::Context => view! { <ContextStep/> }.into_any(),
                Step::Decisions => view! { <DecisionsStep/> }.into_any(),
                Step::Graph => view! { <GraphIntro/> }.into_any(),
                Step::Review => view! { <ReviewIntro/> }.into_any(),
                Step::Record => view! { <RecordIntro/> }.into_any(),
            }}
        </main>
        <footer class="footer">
            "Archbook keeps your workbooks in this browser only. Nothing you type is sent anywhere."
        </footer>
        <Show when=move || dragging.get()>
            <div class="drop-overlay" aria-hidden="true">
                <p>"Drop a workbook file (.json) to import it"</p>
            </div>
        </Show>
        <ConfirmDialog/>
    }
}

/// Keeps the step in the URL fragment (`#decisions`), so reload and the back
/// button work.
fn sync_step_with_url(state: AppState) {
    let read_hash = move || {
        let hash = window().location().hash().unwrap_or_default();
        let hash = hash.trim_start_matches('#');
        let (slug, rest) = hash.split_once('/').unwrap_or((hash, ""));
        if let Some(step) = Step::from_slug(slug) {
            state.step.set(step);
            if step == Step::Decisions {
                state
                    .decision
                    .set((!rest.is_empty()).then(|| rest.to_owned()));
            }
        }
    };
    read_hash();
    let _ = window_event_listener(ev::hashchange, move |_| read_hash());
    Effect::new(move |_| {
        let step = state.step.get();
        let slug = match (step, state.decision.get()) {
            (Step::Decisions, Some(id)) => format!("{}/{id}", step.slug()),
            _ => step.slug().to_owned(),
        };
        let location = window().location();
        if location.hash().unwrap_or_default().trim_start_matches('#') != slug {
            let _ = location.set_hash(&slug);
        }
    });
}

/// Imports files dropped anywhere on the page. Returns whether a file is
/// being dragged over the page.
fn watch_file_drops(state: AppState) -> RwSignal<bool> {
    let dragging = RwSignal::new(false);
    let carries_files = |e: &web_sys::DragEvent| {
        e.data_transfer()
            .map(|dt| dt.types().includes(&"Files".into(), 0))
            .unwrap_or(false)
    };
    let _ = window_event_listener(ev::dragover, move |e| {
        if carries_files(&e) {
            e.prevent_default();
            dragging.set(true);
        }
    });
    let _ = window_event_listener(ev::dragleave, move |e| {
        // Leaving the window (not just moving between elements) has no related target.
        if e.related_target().is_none() {
            dragging.set(false);
        }
    });
    let _ = window_event_listener(ev::drop, move |e| {
        dragging.set(false);
        let Some(file) = e
            .data_transfer()
            .and_then(|dt| dt.files())
            .and_then(|f| f.get(0))
        else {
            return;
        };
        e.prevent_default();
        import_file(state, file);
    });
    dragging
}

fn import_file(state: AppState, file: web_sys::File) {
    spawn_local(async move {
        let text = files::read_text(&file).await;
        state.import(&file.name(), text);
    });
}

#[component]
fn Header() -> impl IntoView {
    let state = expect_context::<AppState>();
    let picker = NodeRef::<html::Input>::new();
    let on_pick = move |_| {
        let Some(input) = picker.get() else { return };
        if let Some(file) = input.files().and_then(|f| f.get(0)) {
            import_file(state, file);
        }
        // Allow picking the same file again.
        input.set_value("");
    };
    view! {
        <header class="topbar">
            <div class="brand">
                <svg class="brand-mark" viewBox="0 0 32 32" aria-hidden="true">
                    <rect x="3" y="5" width="11" height="9" rx="2"/>
                    <rect x="18" y="5" width="11" height="9" rx="2"/>
                    <rect x="10.5" y="19" width="11" height="9" rx="2"/>
                    <path d="M8.5 14v2.5h15V14M16 16.5V19" fill="none" stroke-width="2"/>
                </svg>
                <span class="brand-name">"Archbook"</span>
            </div>
            <WorkbookSwitcher/>
            <div class="topbar-actions">
                <button type="button" class="btn" on:click=move |_| {
                    if let Some(input) = picker.get() { input.click(); }
                }>
                    "Import…"
                </button>
                <input
                    type="file"
                    accept=".json,application/json"
                    class="visually-hidden"
                    aria-label="Import a workbook file"
                    tabindex="-1"
                    node_ref=picker
                    on:change=on_pick
                />
                <button type="button" class="btn btn-primary" on:click=move |_| state.export()>
                    "Export"
                </button>
            </div>
        </header>
    }
}

#[component]
fn WorkbookSwitcher() -> impl IntoView {
    let state = expect_context::<AppState>();
    let open = RwSignal::new(false);
    let renaming = RwSignal::new(None::<String>);
    let title = move || state.workbook.with(|w| w.display_title().to_owned());
    let close = move || {
        open.set(false);
        renaming.set(None);
    };
    let _ = window_event_listener(ev::keydown, move |e| {
        if e.key() == "Escape" && open.get_untracked() && renaming.get_untracked().is_none() {
            close();
        }
    });
    let ids = move || {
        state.library.with(|l| {
            l.by_recent()
                .into_iter()
                .map(|e| e.id.clone())
                .collect::<Vec<_>>()
        })
    };
    view! {
        <div class="switcher">
            <button
                type="button"
                class="switcher-button"
                aria-haspopup="true"
                aria-expanded=move || open.get().to_string()
                aria-controls="workbook-panel"
                on:click=move |_| if open.get() { close() } else { open.set(true) }
            >
                <span class="switcher-label">"Workbook"</span>
                <span class="switcher-title">{title}</span>
                <span class="chevron" aria-hidden="true">"▾"</span>
            </button>
            <Show when=move || open.get()>
                <div class="switcher-backdrop" on:click=move |_| close()></div>
                <div id="workbook-panel" class="switcher-panel" role="region" aria-label="Workbooks">
                    <div class="switcher-head">
                        <h2>"Your workbooks"</h2>
                        <button type="button" class="btn btn-primary" on:click=move |_| {
                            state.create();
                            close();
                        }>"New workbook"</button>
                    </div>
                    <ul class="workbook-list">
                        <For each=ids key=|id| id.clone() let:id>
                            <WorkbookRow id renaming on_open=Callback::new(move |_| close())/>
                        </For>
                    </ul>
                </div>
            </Show>
        </div>
    }
}

#[component]
fn WorkbookRow(
    id: String,
    renaming: RwSignal<Option<String>>,
    on_open: Callback<()>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    // Plain derived values rather than memos: each distinct Memo<T> adds its
    // own copy of the memo machinery to the wasm.
    let sid = StoredValue::new(id.clone());
    let title = Signal::derive(move || {
        state
            .library
            .with(|l| l.get(&sid.get_value()).map(|e| e.title.clone()))
            .unwrap_or_default()
    });
    let age = move || {
        let updated = state
            .library
            .with(|l| l.get(&sid.get_value()).map_or(0.0, |e| e.updated));
        relative_age(now(), updated).unwrap_or_else(|| date_label(updated))
    };
    let is_current = {
        let id = id.clone();
        Memo::new(move |_| state.current_id.with(|c| *c == id))
    };
    let is_renaming = {
        let id = id.clone();
        Memo::new(move |_| renaming.with(|r| r.as_deref() == Some(id.as_str())))
    };
    let input = NodeRef::<html::Input>::new();
    let rename_button = NodeRef::<html::Button>::new();
    // Focus the name each time the box appears, ready to be typed over.
    Effect::new(move |_| {
        if let (true, Some(el)) = (is_renaming.get(), input.get()) {
            let _ = el.focus();
            el.select();
        }
    });
    // Give focus back to the Rename button when the box goes away.
    let finish = move || {
        renaming.set(None);
        if let Some(b) = rename_button.get_untracked() {
            let _ = b.focus();
        }
    };
    let id = StoredValue::new(id);
    let commit = move || {
        if let Some(el) = input.get_untracked() {
            state.rename(&id.get_value(), &el.value());
        }
        finish();
    };
    let ask_delete = move |_| {
        let body = format!(
            "\"{}\" will be removed from this browser. This cannot be undone: export it first if you may need it again.",
            title.get_untracked()
        );
        state.confirm.set(Some(Confirm {
            title: "Delete this workbook?",
            body: Signal::stored(body),
            action: "Delete workbook",
            on_confirm: Callback::new(move |_| state.delete(&id.get_value())),
        }));
    };
    view! {
        <li class="workbook-row" class:current=move || is_current.get()>
            <Show
                when=move || is_renaming.get()
                fallback=move || view! {
                    <button type="button" class="workbook-open"
                        aria-current=move || is_current.get().then_some("true")
                        on:click=move |_| {
                            state.open(&id.get_value());
                            on_open.run(());
                        }>
                        <span class="workbook-title">{move || title.get()}</span>
                        <span class="workbook-age">"Edited " {age}</span>
                    </button>
                }
            >
                <input
                    class="rename-input input"
                    aria-label="New name"
                    value=title.get_untracked()
                    node_ref=input
                    on:keydown=move |e: ev::KeyboardEvent| match e.key().as_str() {
                        "Enter" => commit(),
                        "Escape" => {
                            e.stop_propagation();
                            finish()
                        }
                        _ => {}
                    }
                    on:blur=move |_| if is_renaming.get_untracked() { commit() }
                />
            </Show>
            <div class="row-actions">
                <button type="button" class="btn btn-small" node_ref=rename_button
                    aria-label=move || format!("Rename {}", title.get())
                    on:click=move |_| renaming.set(Some(id.get_value()))>"Rename"</button>
                <button type="button" class="btn btn-small"
                    aria-label=move || format!("Duplicate {}", title.get())
                    on:click=move |_| {
                        state.duplicate(&id.get_value());
                        on_open.run(());
                    }>"Duplicate"</button>
                <button type="button" class="btn btn-small btn-danger"
                    aria-label=move || format!("Delete {}", title.get())
                    on:click=ask_delete>"Delete"</button>
            </div>
        </li>
    }
}

/// "12 Nov 2026" in the user's locale.
fn date_label(ms: f64) -> String {
    let d = js_sys::Date::new(&ms.into());
    d.to_locale_date_string("default", &js_sys::Object::new())
        .into()
}

#[component]
fn StepNav() -> impl IntoView {
    let state = expect_context::<AppState>();
    view! {
        <nav class="steps" aria-label="Workbook steps">
            <ol>
                {Step::ALL.into_iter().map(|step| {
                    let current = move || state.step.get() == step;
                    view! {
                        <li>
                            <a
                                href=format!("#{}", step.slug())
                                class="step-link"
                                class:active=current
                                aria-current=move || current().then_some("step")
                            >
                                <span class="step-number" aria-hidden="true">{step.number()}</span>
                                <span class="step-label">{step.label()}</span>
                            </a>
                        </li>
                    }
                }).collect_view()}
            </ol>
        </nav>
    }
}

#[component]
fn StorageBanner() -> impl IntoView {
    let state = expect_context::<AppState>();
    view! {
        <Show when=move || state.storage_warning.with(Option::is_some)>
            <div class="banner banner-warning" role="alert">
                <div>
                    <strong>"Your changes are not being saved in this browser. "</strong>
                    {move || state.storage_warning.get().unwrap_or_default()}
                    " Your edits are kept in this tab while it stays open; export the workbook to keep them."
                </div>
                <button type="button" class="btn" on:click=move |_| state.export()>"Export now"</button>
            </div>
        </Show>
    }
}

#[component]
fn Notices() -> impl IntoView {
    let state = expect_context::<AppState>();
    view! {
        <div class="notices" aria-live="polite">
            <For each=move || state.notices.get() key=|n| n.id let:notice>
                {
                    let id = notice.id;
                    let class = match notice.tone {
                        Tone::Success => "notice notice-success",
                        Tone::Warning => "notice notice-warning",
                        Tone::Error => "notice notice-error",
                    };
                    let role = if notice.tone == Tone::Success { "status" } else { "alert" };
                    let backup = notice.backup_key.clone();
                    view! {
                        <div class=class role=role>
                            <div class="notice-body">
                                <p class="notice-title">{notice.title.clone()}</p>
                                {notice.lead.clone().map(|l| view! { <p class="notice-lead">{l}</p> })}
                                {(!notice.problems.is_empty()).then(|| view! {
                                    <ul class="notice-problems">
                                        {notice.problems.iter().map(|p| problem_line(p)).collect_view()}
                                    </ul>
                                })}
                                {notice.outcome.clone().map(|o| view! { <p class="notice-outcome">{o}</p> })}
                                {backup.map(|key| view! {
                                    <button type="button" class="btn btn-small" on:click=move |_| state.download_backup(&key)>
                                        "Download the unreadable data"
                                    </button>
                                })}
                            </div>
                            <button type="button" class="notice-close" aria-label="Dismiss message"
                                on:click=move |_| state.dismiss(id)>"×"</button>
                        </div>
                    }
                }
            </For>
        </div>
    }
}

/// "$.graph.nodes[2].kind: message" with the path set as code.
fn problem_line(line: &str) -> impl IntoView {
    match line.split_once(": ").filter(|(path, _)| path.starts_with('$')) {
        Some((path, message)) => {
            view! { <li><code class="json-path">{path.to_owned()}</code>" " {message.to_owned()}</li> }.into_any()
        }
        None => view! { <li>{line.to_owned()}</li> }.into_any(),
    }
}

/// One modal dialog for every confirmation, on the native `<dialog>` element
/// (focus trap and Escape for free).
#[component]
fn ConfirmDialog() -> impl IntoView {
    let state = expect_context::<AppState>();
    let dialog = NodeRef::<html::Dialog>::new();
    Effect::new(move |_| {
        let Some(el) = dialog.get() else { return };
        if state.confirm.with(Option::is_some) {
            if !el.open() {
                let _ = el.show_modal();
            }
        } else if el.open() {
            el.close();
        }
    });
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
                <button type="button" class="btn btn-danger-solid" on:click=confirm>
                    {move || state.confirm.get().map(|c| c.action)}
                </button>
            </div>
        </dialog>
    }
}
