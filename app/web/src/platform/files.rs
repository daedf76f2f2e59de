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

fn blob(mime: &str, part: &JsValue) -> Result<Blob, String> {
    let parts = js_sys::Array::of1(part);
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    Blob::new_with_str_sequence_and_options(&parts, &options)
        .map_err(|_| "The browser refused to create the download.".to_owned())
}

fn download_part(file_name: &str, mime: &str, part: &JsValue) -> Result<(), String> {
    download_blob(file_name, &blob(mime, part)?)
}

/// Offers a blob (a drawn image) as a file download.
pub fn download_blob(file_name: &str, blob: &Blob) -> Result<(), String> {
    let fail = |_| "The browser refused to create the download.".to_owned();
    let url = Url::create_object_url_with_blob(blob).map_err(fail)?;
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
    let refuse = |why: String| format!("{}.", archbook_core::markdown::capitalise(&why));
    archbook_core::read::check_size(file.size() as u64).map_err(|e| refuse(e.to_string()))?;
    let buffer = JsFuture::from(file.array_buffer())
        .await
        .map_err(|_| "The file could not be read.".to_owned())?;
    let bytes = js_sys::Uint8Array::new(&buffer).to_vec();
    archbook_core::read::text(&bytes)
        .map(str::to_owned)
        .map_err(|e| refuse(e.to_string()))
}

/// Draws an SVG document into a PNG, `scale` times its size (a function of
/// its width and height), on white: what slides and chat tools take.
pub async fn svg_to_png(svg: &str, scale: impl Fn(f64, f64) -> f64) -> Result<Blob, String> {
    let fail = |_| "The browser could not draw the diagram as a PNG.".to_owned();
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("No document.")?;
    let source = blob("image/svg+xml", &JsValue::from_str(svg))?;
    let url = Url::create_object_url_with_blob(&source).map_err(fail)?;
    let img = web_sys::HtmlImageElement::new().map_err(fail)?;
    img.set_src(&url);
    let loaded = JsFuture::from(img.decode()).await;
    let _ = Url::revoke_object_url(&url);
    loaded.map_err(fail)?;
    let (w, h) = (img.natural_width() as f64, img.natural_height() as f64);
    let s = scale(w, h);
    let canvas: web_sys::HtmlCanvasElement = document
        .create_element("canvas")
        .map_err(fail)?
        .unchecked_into();
    canvas.set_width((w * s).round().max(1.0) as u32);
    canvas.set_height((h * s).round().max(1.0) as u32);
    let ctx: web_sys::CanvasRenderingContext2d = canvas
        .get_context("2d")
        .map_err(fail)?
        .ok_or("The browser has no 2D canvas.")?
        .unchecked_into();
    ctx.set_fill_style_str("#ffffff");
    ctx.fill_rect(0.0, 0.0, w * s, h * s);
    ctx.draw_image_with_html_image_element_and_dw_and_dh(&img, 0.0, 0.0, w * s, h * s)
        .map_err(fail)?;
    let png = js_sys::Promise::new(&mut |done, _| {
        let _ = canvas.to_blob(&done);
    });
    let out = JsFuture::from(png).await.map_err(fail)?;
    out.dyn_into::<Blob>()
        .map_err(|_| "The browser could not draw the diagram as a PNG (too large?).".to_owned())
}

/// Reads picked or dropped files. Any file that cannot be read stops the
/// import with a message naming it.
pub async fn read_all(list: Vec<web_sys::File>) -> Result<Vec<(String, String)>, (String, String)> {
    let mut out = Vec::new();
    for f in list {
        let name = f.name();
        match read_text(&f).await {
            Ok(text) => out.push((name, text)),
            Err(e) => return Err((name, e)),
        }
    }
    Ok(out)
}

/// The absolute address of one of the app's own files (wherever the app is
/// served from), such as the workbook schema.
pub fn resolve(file: &str) -> Option<String> {
    let href = web_sys::window()?.location().href().ok()?;
    Some(web_sys::Url::new_with_base(file, &href).ok()?.href())
}

/// The files picked in a file input, which is then emptied so that picking
/// the same file again is noticed.
pub fn take_picked(input: &web_sys::HtmlInputElement) -> Vec<web_sys::File> {
    let list = input
        .files()
        .map(|f| (0..f.length()).filter_map(|i| f.get(i)).collect())
        .unwrap_or_default();
    input.set_value("");
    list
}
