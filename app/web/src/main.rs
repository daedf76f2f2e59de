//! Archbook in the browser: thin Leptos components over `archbook-core`.

mod app;
mod context_step;
mod decisions;
mod files;
mod graph;
mod record;
mod review;
mod state;
mod steps;
mod storage;

fn main() {
    // Readable panic messages in the console while developing; release builds
    // leave the formatting code out to stay inside the size budget.
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
}
