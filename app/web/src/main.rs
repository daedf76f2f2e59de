//! Archbook in the browser: thin Leptos components over `archbook-core`.

mod app;
mod context_step;
mod files;
mod state;
mod steps;
mod storage;

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
}
