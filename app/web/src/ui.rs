//! Small pieces of UI every part of the app uses: dialogs, key handling,
//! lists of notes.

use std::future::Future;

use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::platform::chunks::SplitResult;
use crate::state::{AppState, Tone};

/// Draws a part of the page whose code lives in a wasm chunk.
pub type Renderer = fn() -> AnyView;

/// Draws what a chunk draws, from the first time `wanted` says so (its
/// code loads then, if it has not arrived before). When the chunk does not
/// arrive, a notice says so, and the next time it is wanted it is fetched
/// again.
pub fn drawn_from_chunk<L, F>(wanted: impl Fn() -> bool + 'static, load: L) -> impl IntoView
where
    L: Fn() -> F + Copy + 'static,
    F: Future<Output = SplitResult<Renderer>> + 'static,
{
    let state = expect_context::<AppState>();
    let renderer = RwSignal::new(None::<Renderer>);
    let loading = StoredValue::new(false);
    Effect::new(move |_| {
        if !wanted() || renderer.get_untracked().is_some() || loading.get_value() {
            return;
        }
        loading.set_value(true);
        spawn_local(async move {
            match load().await {
                Ok(r) => renderer.set(Some(r)),
                Err(_) => state.notify(
                    Tone::Error,
                    "This part of the app did not load".into(),
                    vec!["Check the connection and try again. Your workbook is safe in this browser.".into()],
                ),
            }
            loading.set_value(false);
        });
    });
    move || renderer.get().map(|r| r())
}

/// Adds a stylesheet that arrived with a wasm chunk to the page, once,
/// after the page's own (so it may refine it). Called as the chunk draws,
/// before its elements are on the page: they never show unstyled.
pub fn add_style(id: &str, css: &str) {
    let document = document();
    if document.get_element_by_id(id).is_some() {
        return;
    }
    let (Ok(style), Some(head)) = (document.create_element("style"), document.head()) else {
        return;
    };
    style.set_id(id);
    style.set_text_content(Some(css));
    let _ = head.append_child(&style);
}

/// Whether a key event comes from a text field, where keys type rather than
/// act.
pub fn typing_in(e: &web_sys::Event) -> bool {
    use wasm_bindgen::JsCast;
    e.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|el| matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"))
}

/// One modal dialog for every confirmation, on the native `<dialog>` element
/// (focus trap and Escape for free).
/// Shows `dialog` as a modal while `open` says so, and closes it after.
pub fn modal_while(dialog: NodeRef<html::Dialog>, open: impl Fn() -> bool + 'static) {
    Effect::new(move |_| {
        let Some(el) = dialog.get() else { return };
        if open() {
            if !el.open() {
                let _ = el.show_modal();
            }
        } else if el.open() {
            el.close();
        }
    });
}

/// A titled list with its count; nothing when the list is empty.
pub fn notes_section(title: &'static str, items: Vec<String>) -> impl IntoView {
    (!items.is_empty()).then(|| {
        view! {
            <section class="import-section">
                <h3>{title}" "<span class="count">{items.len()}</span></h3>
                <ul class="import-notes">{items.into_iter().map(|i| view! { <li>{i}</li> }).collect_view()}</ul>
            </section>
        }
    })
}

/// Keeps the form control `id` showing `value` (a stored value) when it
/// changes (another tab, a merge), except while the control has the focus:
/// an incoming change never overwrites what a person is typing. `then`
/// runs after the control was changed (to clear a message about what had
/// been typed there).
pub fn follow_unless_focused(id: String, value: Memo<String>, then: impl Fn() + 'static) {
    Effect::new(move |_| {
        let v = value.get();
        let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
            return;
        };
        let Some(el) = doc.get_element_by_id(&id) else {
            return;
        };
        let shown = js_sys::Reflect::get(&el, &"value".into())
            .ok()
            .and_then(|s| s.as_string());
        if doc.active_element().as_ref() == Some(&el) || shown.as_deref() == Some(v.as_str()) {
            return;
        }
        let _ = js_sys::Reflect::set(&el, &"value".into(), &v.into());
        then();
    });
}
