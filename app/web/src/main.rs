//! Archbook in the browser: thin Leptos components over `archbook-core`.

mod platform;
mod shell;
mod state;
mod steps;
mod ui;

fn main() {
    shell::crash::install();
    leptos::mount::mount_to_body(shell::App);
    shell::crash::listen_for_test_crashes();
}
