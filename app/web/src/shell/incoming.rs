//! Workbooks in and out through the shell: files picked or dropped, share
//! links opened and made. Their code loads in wasm chunks the first time it
//! is needed (files with the `import` chunk, links with the `share` chunk);
//! the first load keeps only these entry points.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::platform::chunks::SplitResult;
use crate::platform::files;
use crate::state::{AppState, Confirm, Tone};

type Receiver = fn(AppState, Vec<web_sys::File>);
type Opener = fn(AppState, String);
type Maker = fn(AppState);

#[leptos::wasm_split::wasm_split(import, wasm_split_path = ::leptos::wasm_split, fallible)]
fn receiver() -> SplitResult<Receiver> {
    Ok(receive)
}

#[leptos::wasm_split::wasm_split(share, wasm_split_path = ::leptos::wasm_split, fallible)]
fn link_opener() -> SplitResult<Opener> {
    Ok(open_link)
}

#[leptos::wasm_split::wasm_split(share, wasm_split_path = ::leptos::wasm_split, fallible)]
fn link_maker() -> SplitResult<Maker> {
    Ok(|state| spawn_local(make_link(state)))
}

#[leptos::wasm_split::wasm_split(share, wasm_split_path = ::leptos::wasm_split, fallible)]
fn exporter() -> SplitResult<Maker> {
    Ok(export_now)
}

/// Downloads the open workbook as a JSON file (its code comes with the
/// `share` chunk: files and links going out).
pub fn export(state: AppState) {
    let title = "The export failed".to_owned();
    state.after_chunk(exporter(), title, "makes files", move |export| {
        export(state)
    });
}

/// Downloads the open workbook, pointing editors at the JSON Schema this
/// app serves (unless the file names one already).
fn export_now(state: AppState) {
    let schema = files::resolve("workbook.schema.json");
    let (name, json) = state.workbook.with_untracked(|w| {
        let mut w = w.clone();
        if w.schema.is_none() {
            w.schema = schema;
        }
        (
            archbook_core::library::file_name(w.display_title()),
            archbook_core::to_json(&w),
        )
    });
    if refused_as_too_large(state, "export", json.len()) {
        return;
    }
    if let Err(e) = files::download(&name, "application/json", &json) {
        state.notify(Tone::Error, "The export failed.".to_owned(), vec![e]);
    }
}

/// Never a file or link that Archbook would refuse to read back: says why
/// and returns true when the open workbook (written as `bytes` bytes) is
/// past the limits.
fn refused_as_too_large(state: AppState, what: &str, bytes: usize) -> bool {
    let within = state
        .workbook
        .with_untracked(|w| archbook_core::limits::check_graph(&w.graph))
        .and_then(|()| archbook_core::limits::check_file_size(bytes));
    let Err(e) = within else {
        return false;
    };
    state.notify_outcome(
        Tone::Error,
        format!("This workbook is too large to {what}."),
        vec![format!("It has {e}.")],
        "Nothing was written. Remove components or text until it is within the limits, then try again.",
    );
    true
}

/// Imports files picked or dropped: a workbook file opens as a new
/// workbook; compose files and manifests (any number, as docker compose -f
/// takes them) are previewed first.
pub fn import_files(state: AppState, list: Vec<web_sys::File>) {
    let title = AppState::could_not_import(list.len());
    state.after_chunk(receiver(), title, "reads files", move |receive| {
        receive(state, list)
    });
}

/// Offers to import the workbook a share link carries, as a new workbook.
pub fn offer_shared(state: AppState, fragment: String) {
    let title = "This share link cannot be opened".to_owned();
    state.after_chunk(link_opener(), title, "opens links", move |open| {
        open(state, fragment)
    });
}

/// Copies a link that carries the open workbook.
pub fn copy_share_link(state: AppState) {
    let title = "The link could not be made".to_owned();
    state.after_chunk(link_maker(), title, "makes links", move |make| make(state));
}

fn receive(state: AppState, list: Vec<web_sys::File>) {
    let yaml = list
        .iter()
        .filter(|f| archbook_core::import::is_yaml_file(&f.name()))
        .count();
    if yaml == list.len() {
        return super::import::import_new(state, list);
    }
    if yaml > 0 || list.len() > 1 {
        return state.notify_outcome(
            Tone::Error,
            "Could not import these files".into(),
            vec!["Import one workbook file (.json) at a time, or compose files and Kubernetes manifests (.yaml, .yml) together.".into()],
            "Nothing was changed.",
        );
    }
    let file = list.into_iter().next().expect("one file");
    spawn_local(async move {
        let text = files::read_text(&file).await;
        state.import(&file.name(), text);
    });
}

fn open_link(state: AppState, fragment: String) {
    let json = match archbook_core::share::decode(&fragment) {
        Ok(json) => json,
        Err(problem) => {
            return state.notify_outcome(
                Tone::Error,
                "This share link cannot be opened".into(),
                vec![problem.to_string()],
                "Nothing was changed.",
            )
        }
    };
    // Import explains what is wrong, and changes nothing.
    let Some(summary) = archbook_core::share::offer(&json) else {
        return state.import("the share link", Ok(json));
    };
    let json = StoredValue::new(json);
    state.confirm.set(Some(Confirm {
        title: "Open the shared workbook?",
        body: Signal::derive(move || summary.clone()),
        action: "Import",
        destructive: false,
        on_confirm: Callback::new(move |()| state.import("the share link", Ok(json.get_value()))),
    }));
}

async fn make_link(state: AppState) {
    let json = state.workbook.with_untracked(archbook_core::to_json);
    if refused_as_too_large(state, "share", json.len()) {
        return;
    }
    let location = window().location();
    let base = format!(
        "{}{}",
        location.origin().unwrap_or_default(),
        location.pathname().unwrap_or_default()
    );
    let link = format!("{base}#{}", archbook_core::share::encode(&json));
    let copied =
        wasm_bindgen_futures::JsFuture::from(window().navigator().clipboard().write_text(&link))
            .await
            .is_ok();
    let n = link.len();
    let practical = archbook_core::share::PRACTICAL_CHARS;
    match (copied, n > practical) {
        (true, false) => state.notify(
            Tone::Success,
            format!("Link copied ({n} characters)"),
            vec![format!("Whoever opens it can import this workbook. The workbook travels inside the link; nothing is uploaded. Links up to about {} characters paste well anywhere.", archbook_core::thousands(practical))],
        ),
        (true, true) => state.notify(
            Tone::Warning,
            format!("Link copied, but it is {n} characters long"),
            vec![format!("Chat and mail apps often cut links longer than about {} characters. For a workbook this size, share the exported file instead.", archbook_core::thousands(practical))],
        ),
        (false, _) => state.notify(
            Tone::Error,
            "The browser refused to copy the link".into(),
            vec!["Export the workbook file and share that instead.".into()],
        ),
    }
}
