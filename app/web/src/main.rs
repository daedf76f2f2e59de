//! Archbook in the browser: thin Leptos components over `archbook-core`.

mod app;
mod context_step;
mod crash;
mod decisions;
mod files;
mod graph;
mod import;
mod record;
mod review;
mod state;
mod steps;
mod storage;

fn main() {
    crash::install();
    crash::listen_for_test_panic();
    leptos::mount::mount_to_body(app::App);
}
