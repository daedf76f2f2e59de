//! Files in and out of the browser: downloads and reading picked or dropped files.

use std::time::Duration;

use leptos::prelude::set_timeout;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, BlobPropertyBag, HtmlAnchorElement, Url};

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

/// Reads a picked or dropped file as text, under the reading rule the
/// command line follows too (`archbook_core::read`): at most 5 MB, a UTF-8
/// byte order mark dropped, invalid bytes refused with where they are
/// (`File.text()` would replace them silently).
pub async fn read_text(file: &web_sys::File) -> Result<String, String> {
    let refuse = |why: String| {
        let mut c = why.chars();
        c.next()
            .map(|f| f.to_ascii_uppercase().to_string() + c.as_str() + ".")
            .unwrap_or_default()
    };
    archbook_core::read::check_size(file.size() as u64).map_err(|e| refuse(e.to_string()))?;
    let buffer = JsFuture::from(file.array_buffer())
        .await
        .map_err(|_| "The file could not be read.".to_owned())?;
    let bytes = js_sys::Uint8Array::new(&buffer).to_vec();
    archbook_core::read::text(&bytes)
        .map(str::to_owned)
        .map_err(|e| refuse(e.to_string()))
}
