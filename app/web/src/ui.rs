//! Small pieces of UI every part of the app uses: dialogs, key handling,
//! lists of notes.

use leptos::html;
use leptos::prelude::*;

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
