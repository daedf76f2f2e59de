//! What happens if the app ever panics. A panic in wasm ends the module
//! (release builds abort), so the hook does what it can with plain DOM calls
//! and no Leptos: it saves the open workbook when it can be read whole, and
//! puts up a message with a reload link that needs no wasm to work.
//!
//! Nothing here removes or overwrites stored data: the last autosave stays
//! as it was unless the open workbook could be read in full.

use std::cell::Cell;

use wasm_bindgen::JsCast;

use crate::state::AppState;

thread_local! {
    static STATE: Cell<Option<AppState>> = const { Cell::new(None) };
}

/// Installs the hook; call it first thing, before anything can panic.
pub fn install() {
    std::panic::set_hook(Box::new(|_info| {
        // Readable panic messages while developing; release builds leave the
        // formatting code out to stay inside the size budget.
        #[cfg(debug_assertions)]
        console_error_panic_hook::hook(_info);
        show_message();
        if let Some(state) = STATE.with(Cell::get) {
            state.emergency_save();
        }
    }));
}

/// The app's state, for the hook to save from once it exists.
pub fn watch(state: AppState) {
    STATE.with(|s| s.set(Some(state)));
}

fn show_message() {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if doc.get_element_by_id("crash").is_some() {
        return;
    }
    let el = |tag: &str, class: &str, text: &str| {
        let e = doc.create_element(tag).ok()?;
        if !class.is_empty() {
            e.set_class_name(class);
        }
        e.set_text_content(Some(text));
        Some(e)
    };
    let (Some(panel), Some(title), Some(body), Some(link)) = (
        el("div", "crash", ""),
        el("h2", "", "Archbook ran into an internal error"),
        el(
            "p",
            "",
            "Your workbooks are kept in this browser, with everything up to your last change. \
             Reload the page to carry on; if this keeps happening, export the workbook from the \
             reloaded page and tell us what you were doing.",
        ),
        el("a", "btn btn-primary", "Reload Archbook"),
    ) else {
        return;
    };
    panel.set_id("crash");
    let _ = panel.set_attribute("role", "alertdialog");
    let _ = panel.set_attribute("aria-modal", "true");
    title.set_id("crash-title");
    let _ = panel.set_attribute("aria-labelledby", "crash-title");
    // A link to the page with a fresh query reloads it without calling into
    // the stopped wasm module; the fragment keeps the step.
    if let Some(loc) = web_sys::window().map(|w| w.location()) {
        let href = format!(
            "{}?reload={}{}",
            loc.pathname().unwrap_or_default(),
            js_sys::Date::now() as u64,
            loc.hash().unwrap_or_default()
        );
        let _ = link.set_attribute("href", &href);
    }
    let _ = panel.append_child(&title);
    let _ = panel.append_child(&body);
    let _ = panel.append_child(&link);
    if let Some(b) = doc.body() {
        let _ = b.append_child(&panel);
    }
    if let Ok(a) = link.dyn_into::<web_sys::HtmlElement>() {
        let _ = a.focus();
    }
}

/// For the browser tests: a window event that panics on purpose, to prove
/// that the hook keeps the data and says what to do.
pub fn listen_for_test_panic() {
    let _ = leptos::prelude::window_event_listener_untyped("archbook-test-panic", |_| {
        panic!("a panic on purpose (browser test)");
    });
}
