//! What happens if the app ever panics. A panic in wasm ends the module
//! (release builds abort), so the hook does what it can with no Leptos: it
//! saves the open workbook when it can be read whole, and puts up the crash
//! screen. The screen is drawn by `public/page.js`, which needs no wasm and
//! also catches what no Rust hook sees: out-of-memory and other traps.
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
        if let Some(state) = STATE.with(Cell::get) {
            state.emergency_save();
        }
        show_message();
    }));
}

/// The app's state, for the hook to save from once it exists.
pub fn watch(state: AppState) {
    STATE.with(|s| s.set(Some(state)));
}

/// `window.archbookCrash()`, from `public/page.js`.
fn show_message() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let crash = js_sys::Reflect::get(&window, &"archbookCrash".into()).ok();
    if let Some(f) = crash.and_then(|f| f.dyn_into::<js_sys::Function>().ok()) {
        let _ = f.call0(&window);
    }
}

/// For the browser tests: with `crash-test` in the page's query, a real key
/// press of Ctrl+Alt+Shift with P panics, with T traps (as a failed wasm
/// instruction does), with M runs out of memory. Only the browser makes
/// trusted key events, so no script on the page can fire these; a person
/// would have to open that address and press the keys on purpose, and
/// would lose nothing (that is what the tests prove).
pub fn listen_for_test_crashes() {
    let query = web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default();
    if query.contains("crash-test") {
        listen_for_crash_keys();
    }
}

fn listen_for_crash_keys() {
    let _ = leptos::prelude::window_event_listener(leptos::ev::keydown, |e| {
        if !(e.is_trusted() && e.ctrl_key() && e.alt_key() && e.shift_key()) {
            return;
        }
        match e.code().as_str() {
            "KeyP" => panic!("a panic on purpose (browser test)"),
            "KeyT" => core::arch::wasm32::unreachable(),
            "KeyM" => loop {
                // Reserved, never touched: memory runs out without the
                // machine's memory being used.
                std::mem::forget(Vec::<u8>::with_capacity(256 << 20));
            },
            _ => {}
        }
    });
}
