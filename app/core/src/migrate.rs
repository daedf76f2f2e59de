//! Migrations between workbook format versions: the one place where old files
//! are brought up to date.
//!
//! To introduce version N+1: bump [`CURRENT_VERSION`], append a function that
//! rewrites a version-N value into version N+1 to [`STEPS`], and add a fixture
//! of version N to the tests. Loading runs every step from the file's version on.

use serde_json::Value;

use crate::workbook::CURRENT_VERSION;

/// `STEPS[i]` turns a version `i + 1` value into version `i + 2`.
const STEPS: &[fn(&mut Value)] = &[];

const _: () = assert!(
    STEPS.len() as u64 + 1 == CURRENT_VERSION,
    "one migration step per version"
);

/// Upgrades `value` (at `version`, which is at most [`CURRENT_VERSION`]) in place.
pub(crate) fn to_current(value: &mut Value, version: u64) {
    debug_assert!((1..=CURRENT_VERSION).contains(&version));
    for step in &STEPS[(version - 1) as usize..] {
        step(value);
    }
    if let Some(root) = value.as_object_mut() {
        root.insert("version".to_owned(), Value::from(CURRENT_VERSION));
    }
}
