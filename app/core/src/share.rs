//! Share links: a whole workbook in the URL fragment, which browsers never
//! send to a server. The fragment is `share=v1.` and the workbook's JSON,
//! deflated and base64url-encoded. Decoding checks every step and bounds the
//! inflated size, so a damaged or hostile link gives a clear error.

use std::fmt;

use base64::alphabet::URL_SAFE;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use base64::Engine;

/// base64url without padding; decoding forgives padding and stray trailing
/// bits, so that a link cut short is reported as incomplete data.
const URL_SAFE_NO_PAD: GeneralPurpose = GeneralPurpose::new(
    &URL_SAFE,
    GeneralPurposeConfig::new()
        .with_encode_padding(false)
        .with_decode_padding_mode(DecodePaddingMode::Indifferent)
        .with_decode_allow_trailing_bits(true),
);

/// What starts the fragment of a share link (after `#`).
pub const PREFIX: &str = "share=v1.";

/// Links longer than this get cut by some chat and mail apps and are a pain
/// to paste; the app warns above it.
pub const PRACTICAL_CHARS: usize = 8_000;

/// The longest link the app opens (browsers accept about 2 MB of URL).
pub const MAX_CHARS: usize = 2_000_000;

/// The largest workbook a link may inflate to: the import limit.
pub const MAX_JSON_BYTES: usize = 5 * 1024 * 1024;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ShareError {
    /// The fragment is not a share link at all.
    NotALink,
    TooLong(usize),
    NotBase64,
    NotCompressed,
    TooLarge,
    NotText,
}

impl fmt::Display for ShareError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ShareError::NotALink => write!(f, "the address does not hold a shared workbook"),
            ShareError::TooLong(n) => write!(
                f,
                "the link is {n} characters long; links longer than {MAX_CHARS} are not opened"
            ),
            ShareError::NotBase64 => write!(
                f,
                "the link is damaged: it was cut short or changed after it was copied"
            ),
            ShareError::NotCompressed => write!(
                f,
                "the link is damaged: its data is incomplete (was it cut short when it was copied?)"
            ),
            ShareError::TooLarge => write!(
                f,
                "the workbook in the link would be larger than {} MB",
                MAX_JSON_BYTES / (1024 * 1024)
            ),
            ShareError::NotText => {
                write!(f, "the link is damaged: its data is not a workbook file")
            }
        }
    }
}

impl std::error::Error for ShareError {}

/// The fragment (without `#`) that carries `json`.
pub fn encode(json: &str) -> String {
    let packed = miniz_oxide::deflate::compress_to_vec(json.as_bytes(), 9);
    format!("{PREFIX}{}", URL_SAFE_NO_PAD.encode(packed))
}

/// Whether a fragment (without `#`) is meant as a share link.
pub fn is_share(fragment: &str) -> bool {
    fragment.starts_with("share=")
}

/// The workbook JSON a fragment carries. The JSON itself is validated by
/// [`crate::load`] like any imported file.
pub fn decode(fragment: &str) -> Result<String, ShareError> {
    if fragment.len() > MAX_CHARS {
        return Err(ShareError::TooLong(fragment.len()));
    }
    let data = fragment.strip_prefix(PREFIX).ok_or(ShareError::NotALink)?;
    let packed = URL_SAFE_NO_PAD
        .decode(data)
        .map_err(|_| ShareError::NotBase64)?;
    let bytes = miniz_oxide::inflate::decompress_to_vec_with_limit(&packed, MAX_JSON_BYTES)
        .map_err(|e| match e.status {
            miniz_oxide::inflate::TINFLStatus::HasMoreOutput => ShareError::TooLarge,
            _ => ShareError::NotCompressed,
        })?;
    String::from_utf8(bytes).map_err(|_| ShareError::NotText)
}

/// What opening a shared workbook would add, in one sentence for the
/// confirmation; `None` when the workbook cannot be read (the import then
/// explains why, and changes nothing).
pub fn offer(json: &str) -> Option<String> {
    let wb = crate::load(json).ok()?;
    Some(format!(
        "\"{}\" ({} components, {} decisions) opens as a new workbook. Your own workbooks are not changed.",
        wb.display_title(),
        wb.graph.nodes.len(),
        wb.decisions.len()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_workbook_survives_the_round_trip_and_compresses() {
        let json = include_str!("../../../tests/fixtures/rich.json");
        let link = encode(json);
        assert!(link.starts_with(PREFIX));
        assert!(
            link.len() < json.len() * 2 / 3,
            "{} of {}",
            link.len(),
            json.len()
        );
        assert!(link
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_.=".contains(&b)));
        assert_eq!(decode(&link).unwrap(), json);
    }

    #[test]
    fn damaged_links_say_what_is_wrong() {
        let link = encode("{\"format\":\"archbook-workbook\",\"version\":1}");
        assert_eq!(decode("context"), Err(ShareError::NotALink));
        assert_eq!(decode("share=v2.abc"), Err(ShareError::NotALink));
        assert_eq!(decode(&format!("{link}*")), Err(ShareError::NotBase64));
        // Cut by whole base64 quads, the data is still base64 but incomplete.
        assert_eq!(
            decode(&link[..link.len() - 8]),
            Err(ShareError::NotCompressed)
        );
        let not_text = format!(
            "{PREFIX}{}",
            URL_SAFE_NO_PAD.encode(miniz_oxide::deflate::compress_to_vec(&[0xff, 0xfe], 9))
        );
        assert_eq!(decode(&not_text), Err(ShareError::NotText));
    }

    #[test]
    fn a_bomb_is_refused_before_it_fills_memory() {
        let huge = vec![b' '; MAX_JSON_BYTES + 1];
        let link = format!(
            "{PREFIX}{}",
            URL_SAFE_NO_PAD.encode(miniz_oxide::deflate::compress_to_vec(&huge, 9))
        );
        assert!(link.len() < 20_000);
        assert_eq!(decode(&link), Err(ShareError::TooLarge));
        assert!(matches!(
            decode(&"x".repeat(MAX_CHARS + 1)),
            Err(ShareError::TooLong(_))
        ));
    }
}
