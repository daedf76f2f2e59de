//! How every file is read, by the app and the command line alike: bytes in,
//! text out, or a message that says what is wrong and where.
//!
//! - A UTF-8 byte order mark is accepted and dropped (editors on Windows
//!   write one).
//! - UTF-16 and UTF-32 files are refused by name, since reading them as
//!   UTF-8 would give nonsense.
//! - Invalid bytes are refused with their line, column and byte offset,
//!   never replaced: a silently "repaired" workbook is a changed workbook.
//! - Files above [`MAX_BYTES`] are refused before they are read in full.

use std::fmt;

/// The largest file Archbook reads: far above any real workbook or set of
/// manifests (a 1,000-component workbook is about 300 KB), and small enough
/// that a wrong file cannot freeze a browser tab.
pub const MAX_BYTES: usize = 5 * 1024 * 1024;

/// Why bytes are not text Archbook reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadError {
    TooLarge {
        bytes: u64,
    },
    Utf16,
    Utf32,
    InvalidUtf8 {
        offset: usize,
        line: usize,
        column: usize,
    },
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadError::TooLarge { bytes } => write!(
                f,
                "the file is {}, and Archbook reads files of up to {}",
                size(*bytes),
                size(MAX_BYTES as u64)
            ),
            ReadError::Utf16 => f.write_str(
                "the file is saved as UTF-16; save it as UTF-8 (the usual encoding for JSON, YAML and Markdown) and try again",
            ),
            ReadError::Utf32 => f.write_str(
                "the file is saved as UTF-32; save it as UTF-8 (the usual encoding for JSON, YAML and Markdown) and try again",
            ),
            ReadError::InvalidUtf8 {
                offset,
                line,
                column,
            } => write!(
                f,
                "the file is not valid UTF-8 text: the byte at offset {offset} (line {line}, column {column}) is not part of any character; nothing was read"
            ),
        }
    }
}

impl std::error::Error for ReadError {}

/// "4.2 MB", "812 KB", "96 bytes", without float formatting.
pub fn size(bytes: u64) -> String {
    const MB: u64 = 1024 * 1024;
    if bytes >= MB {
        let tenths = (bytes * 10 + MB / 2) / MB;
        format!("{}.{} MB", tenths / 10, tenths % 10)
    } else if bytes >= 1024 {
        format!("{} KB", (bytes + 512) / 1024)
    } else {
        format!("{bytes} bytes")
    }
}

/// Checks a size announced before reading (a file's length).
pub fn check_size(bytes: u64) -> Result<(), ReadError> {
    if bytes > MAX_BYTES as u64 {
        Err(ReadError::TooLarge { bytes })
    } else {
        Ok(())
    }
}

/// The text in `bytes`, under the rules above.
pub fn text(bytes: &[u8]) -> Result<&str, ReadError> {
    check_size(bytes.len() as u64)?;
    if bytes.starts_with(&[0xFF, 0xFE, 0, 0]) || bytes.starts_with(&[0, 0, 0xFE, 0xFF]) {
        return Err(ReadError::Utf32);
    }
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(ReadError::Utf16);
    }
    let bytes = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => {
            // Without a byte order mark, UTF-16 and UTF-32 show as ASCII with
            // zero bytes between the letters.
            match bytes.iter().take(4).filter(|b| **b == 0).count() {
                3 if bytes.len() >= 4 => Err(ReadError::Utf32),
                2 if bytes.len() >= 4 => Err(ReadError::Utf16),
                _ => Ok(s),
            }
        }
        Err(e) => {
            let offset = e.valid_up_to();
            let before = &bytes[..offset];
            let line = before.iter().filter(|b| **b == b'\n').count() + 1;
            let line_start = before
                .iter()
                .rposition(|b| *b == b'\n')
                .map_or(0, |i| i + 1);
            // Valid up to here, so this slice is text: count characters.
            let column =
                std::str::from_utf8(&before[line_start..]).map_or(0, |s| s.chars().count()) + 1;
            Err(ReadError::InvalidUtf8 {
                offset,
                line,
                column,
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_byte_order_mark_is_dropped() {
        assert_eq!(text(b"\xEF\xBB\xBF{}").unwrap(), "{}");
        assert_eq!(
            text("{\"title\":\"Café\"}".as_bytes()).unwrap(),
            "{\"title\":\"Café\"}"
        );
    }

    #[test]
    fn invalid_bytes_are_refused_with_where_they_are() {
        let err = text(b"{\n  \"title\": \"Caf\xE9\"\n}").unwrap_err();
        assert_eq!(
            err,
            ReadError::InvalidUtf8 {
                offset: 17,
                line: 2,
                column: 16
            }
        );
        assert!(err.to_string().contains("line 2, column 16"));
    }

    #[test]
    fn utf16_and_utf32_are_named() {
        assert_eq!(text(b"\xFF\xFE{\0}\0").unwrap_err(), ReadError::Utf16);
        assert_eq!(text(b"\xFE\xFF\0{\0}").unwrap_err(), ReadError::Utf16);
        assert_eq!(text(b"{\0\"\0t\0").unwrap_err(), ReadError::Utf16);
        assert_eq!(text(b"\xFF\xFE\0\0{\0\0\0").unwrap_err(), ReadError::Utf32);
    }

    #[test]
    fn large_files_are_refused_before_reading() {
        assert!(check_size(MAX_BYTES as u64).is_ok());
        let err = check_size(20 * 1024 * 1024).unwrap_err();
        assert_eq!(
            err.to_string(),
            "the file is 20.0 MB, and Archbook reads files of up to 5.0 MB"
        );
        assert_eq!(size(812 * 1024), "812 KB");
        assert_eq!(size(96), "96 bytes");
    }
}
