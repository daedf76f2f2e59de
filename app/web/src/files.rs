//! Files in and out of the browser: downloads and reading picked or dropped files.

use std::time::Duration;

use leptos::prelude::set_timeout;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, BlobPropertyBag, HtmlAnchorElement, Url};

/// The largest file the app reads: far above any real workbook, and small
/// enough that a wrong file cannot freeze the tab.
pub const MAX_IMPORT_BYTES: f64 = 5.0 * 1024.0 * 1024.0;

/// Offers `content` as a file download.
pub fn download(file_name: &str, mime: &str, content: &str) -> Result<(), String> {
    download_part(file_name, mime, &JsValue::from_str(content))
}

/// Offers bytes (an archive) as a file download.
pub fn download_bytes(file_name: &str, mime: &str, content: &[u8]) -> Result<(), String> {
    download_part(file_name, mime, &js_sys::Uint8Array::from(content))
}

fn download_part(file_name: &str, mime: &str, part: &JsValue) -> Result<(), String> {
    let fail = |_| "The browser refused to create the download.".to_owned();
    let parts = js_sys::Array::of1(part);
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    let blob = Blob::new_with_str_sequence_and_options(&parts, &options).map_err(fail)?;
    let url = Url::create_object_url_with_blob(&blob).map_err(fail)?;
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("No document.")?;
    let a: HtmlAnchorElement = document.create_element("a").map_err(fail)?.unchecked_into();
    a.set_href(&url);
    a.set_download(file_name);
    a.click();
    // Revoking at once can cancel the download in some browsers.
    set_timeout(
        move || {
            let _ = Url::revoke_object_url(&url);
        },
        Duration::from_secs(30),
    );
    Ok(())
}

/// Reads a picked or dropped file as text.
pub async fn read_text(file: &web_sys::File) -> Result<String, String> {
    if file.size() > MAX_IMPORT_BYTES {
        // Whole tenths of a megabyte, without float formatting code.
        let tenths = (file.size() / 104_857.6).round() as u64;
        return Err(format!(
            "The file is {}.{} MB; a workbook is at most {} MB.",
            tenths / 10,
            tenths % 10,
            (MAX_IMPORT_BYTES / 1_048_576.0) as u64
        ));
    }
    let text = JsFuture::from(file.text())
        .await
        .map_err(|_| "The file could not be read.".to_owned())?;
    text.as_string()
        .ok_or_else(|| "The file is not text.".to_owned())
}
