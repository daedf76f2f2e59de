//! The app shell: header, workbook switcher, step navigation, notices,
//! confirmation dialog and file drop.

pub mod crash;
pub mod import;
mod incoming;
mod overlays;

use leptos::ev;
use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;

use archbook_core::library::relative_age;

use crate::platform::files;
use crate::state::{now, AppState, Confirm, Step, Tone};
use archbook_core::session::Route;
use incoming::{copy_share_link, import_files, offer_shared};

fn prefetch() {
    spawn_local(async {
        let _ = switcher_panel().await;
        crate::state::preload_example().await;
        overlays::preload().await;
        crate::steps::preload().await;
    })
}

#[component]
pub fn App() -> impl IntoView {
    let state = AppState::init();
    crash::watch(state);
    // Once the first step is drawn and the browser has nothing else to do,
    // fetch the chunks the next clicks need. (Offline, the service worker
    // has them anyway; one that does not arrive now loads when needed.)
    // Browsers without requestIdleCallback (Safari) wait a moment instead.
    if request_idle_callback_with_handle(prefetch).is_err() {
        set_timeout(prefetch, std::time::Duration::from_millis(500));
    }
    provide_context(state);
    sync_step_with_url(state);
    let dragging = watch_file_drops(state);
    // Presentation mode is a class on <html>, so the stylesheet can resize
    // everything; Escape leaves it.
    Effect::new(move |_| {
        if let Some(root) = document().document_element() {
            let _ = root
                .class_list()
                .toggle_with_force("presenting", state.presenting.get());
        }
    });
    let _ = window_event_listener(ev::keydown, move |e| {
        if !state.presenting.get_untracked() {
            return;
        }
        // ← and → move between steps, as slides do, unless a field or the
        // canvas (where arrows move components) has them.
        let in_control = e
            .target()
            .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
            .is_some_and(|el| {
                el.closest("input, textarea, select, [contenteditable], svg.canvas")
                    .ok()
                    .flatten()
                    .is_some()
            });
        let here = state.step.get_untracked();
        match (e.key().as_str(), here.next(), here.previous()) {
            ("Escape", _, _) => state.presenting.set(false),
            ("ArrowRight", Some(next), _) if !in_control => state.step.set(next),
            ("ArrowLeft", _, Some(previous)) if !in_control => state.step.set(previous),
            _ => return,
        }
        e.prevent_default();
    });

    view! {
        <a class="skip-link" href="#main">"Skip to content"</a>
        <Header/>
        <StepNav/>
        <StorageBanner/>
        <Notices/>
        <main id="main" class="main" tabindex="-1">
            {move || match state.step.get() {
                Step::Context => view! { <crate::steps::context::ContextStep/> }.into_any(),
                step => view! { <crate::steps::LazyStep step/> }.into_any(),
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
        <overlays::Overlays/>
    }
}

/// Keeps the step in the URL fragment (`#decisions`), so reload and the back
/// button work.
fn sync_step_with_url(state: AppState) {
    let read_hash = move || {
        let hash = window().location().hash().unwrap_or_default();
        match Route::parse(&hash) {
            Route::Shared(link) => offer_shared(state, link),
            Route::Step(step, decision) => {
                state.step.set(step);
                if step == Step::Decisions {
                    state.decision.set(decision);
                }
            }
            Route::Unknown => {}
        }
    };
    read_hash();
    let _ = window_event_listener(ev::hashchange, move |_| read_hash());
    Effect::new(move |_| {
        let slug = state
            .decision
            .with(|d| Route::format(state.step.get(), d.as_deref()));
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
        // The canvas handles its own drops (palette items).
        if e.default_prevented() {
            return;
        }
        let list: Vec<web_sys::File> = e
            .data_transfer()
            .and_then(|dt| dt.files())
            .map(|f| (0..f.length()).filter_map(|i| f.get(i)).collect())
            .unwrap_or_default();
        if list.is_empty() {
            return;
        }
        e.prevent_default();
        import_files(state, list);
    });
    dragging
}

#[component]
fn Header() -> impl IntoView {
    let state = expect_context::<AppState>();
    let picker = NodeRef::<html::Input>::new();
    let on_pick = move |_| {
        let Some(input) = picker.get() else { return };
        let list = files::take_picked(&input);
        if !list.is_empty() {
            import_files(state, list);
        }
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
                <ThemeToggle/>
                <button type="button" class="btn" on:click=move |_| copy_share_link(state)
                    title="Copy a link that carries this workbook (nothing is uploaded)">
                    "Share link"
                </button>
                <button type="button" class="btn" aria-pressed=move || state.presenting.get().to_string()
                    on:click=move |_| state.presenting.update(|p| *p = !*p)
                    title="Presentation mode: larger type, only the current step (Esc leaves it)">
                    "Present"
                </button>
                <button type="button" class="btn" on:click=move |_| {
                    if let Some(input) = picker.get() { input.click(); }
                }>
                    "Import…"
                </button>
                <input
                    type="file"
                    accept=".json,application/json,.yaml,.yml"
                    multiple
                    class="visually-hidden"
                    aria-label="Import a workbook file, or compose files and Kubernetes manifests"
                    tabindex="-1"
                    node_ref=picker
                    on:change=on_pick
                />
                <button type="button" class="btn btn-primary" on:click=move |_| incoming::export(state)>
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
    // The list itself loads the first time it opens (or when the browser is
    // idle, see `App`).
    let panel = RwSignal::new(None::<Result<Panel, ()>>);
    Effect::new(move |_| {
        if open.get() && panel.with_untracked(|p| !matches!(p, Some(Ok(_)))) {
            spawn_local(async move {
                panel.set(Some(switcher_panel().await.map_err(|_| ())));
            });
        }
    });
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
                {move || match panel.get() {
                    Some(Ok(render)) => render(open, renaming),
                    Some(Err(())) => view! {
                        <div class="switcher-panel" role="alert">
                            <p>"The workbook list did not load; check the connection and try again."</p>
                        </div>
                    }.into_any(),
                    None => view! { <p class="switcher-panel loading" role="status">"Loading your workbooks…"</p> }.into_any(),
                }}
            </Show>
        </div>
    }
}

/// The workbook switcher's panel: new, example, and every workbook with its
/// actions. Its code loads the first time the panel opens.
type Panel = fn(RwSignal<bool>, RwSignal<Option<String>>) -> AnyView;

#[leptos::wasm_split::wasm_split(switcher, wasm_split_path = ::leptos::wasm_split, fallible)]
pub fn switcher_panel() -> Result<Panel, leptos::wasm_split::SplitLoaderError> {
    Ok(|open, renaming| view! { <SwitcherPanel open renaming/> }.into_any())
}

#[component]
fn SwitcherPanel(open: RwSignal<bool>, renaming: RwSignal<Option<String>>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let close = move || {
        open.set(false);
        renaming.set(None);
    };
    let ids = move || {
        state.library.with(|l| {
            l.by_recent()
                .into_iter()
                .map(|e| e.id.clone())
                .collect::<Vec<_>>()
        })
    };
    view! {
        <div class="switcher-backdrop" on:click=move |_| close()></div>
        <div id="workbook-panel" class="switcher-panel" role="region" aria-label="Workbooks">
            <div class="switcher-head">
                <h2>"Your workbooks"</h2>
                <button type="button" class="btn btn-primary" on:click=move |_| {
                    state.create();
                    close();
                }>"New workbook"</button>
                <button type="button" class="btn" on:click=move |_| {
                    state.open_example();
                    close();
                }>"Open example"</button>
            </div>
            <ul class="workbook-list">
                <For each=ids key=|id| id.clone() let:id>
                    <WorkbookRow id renaming on_open=Callback::new(move |_| close())/>
                </For>
            </ul>
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
        renaming.try_set(None);
        if let Some(Some(b)) = rename_button.try_get_untracked() {
            let _ = b.focus();
        }
    };
    let id = StoredValue::new(id);
    let commit = move || {
        if let (Some(Some(el)), Some(id)) = (input.try_get_untracked(), id.try_get_value()) {
            state.rename(&id, &el.value());
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
            destructive: true,
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
                        // The focus goes back to the Rename button: without
                        // this, the same Enter would press it and reopen the box.
                        "Enter" => {
                            e.prevent_default();
                            commit()
                        }
                        "Escape" => {
                            e.stop_propagation();
                            finish()
                        }
                        _ => {}
                    }
                    on:blur=move |_| if is_renaming.try_get_untracked() == Some(true) { commit() }
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
                <button type="button" class="btn" on:click=move |_| incoming::export(state)>"Export now"</button>
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
                                        {notice.problems.iter().map(problem_line).collect_view()}
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

/// One problem of a notice, its JSON path (if any) set as code.
fn problem_line(line: &crate::state::Line) -> impl IntoView {
    let path = line
        .path
        .clone()
        .map(|path| view! { <code class="json-path">{path}</code>" " });
    view! { <li>{path}{line.text.clone()}</li> }
}

/// Light or dark: follows the system until the user picks one here.
#[component]
fn ThemeToggle() -> impl IntoView {
    let system_dark = || {
        web_sys::window()
            .and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten())
            .is_some_and(|m| m.matches())
    };
    let dark = RwSignal::new(match crate::platform::storage::theme().as_deref() {
        Some("dark") => true,
        Some("light") => false,
        _ => system_dark(),
    });
    let toggle = move |_| {
        let next = !dark.get_untracked();
        dark.set(next);
        let theme = if next { "dark" } else { "light" };
        crate::platform::storage::save_theme(theme);
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("data-theme", theme);
        }
    };
    view! {
        <button type="button" class="btn" aria-pressed=move || dark.get().to_string() on:click=toggle>
            "Dark mode"
        </button>
    }
}
