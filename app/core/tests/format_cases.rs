//! One description of the workbook format, checked two ways over the same
//! cases: every fixture, and every value of the current ones swapped for
//! each of nine wrong values (about 7,000 files).
//!
//! 1. `load` never panics, and what it accepts the derived serde types read
//!    as the same workbook.
//! 2. The cases, with `load`'s verdicts, are written for
//!    `scripts/check-schema.mjs`, which gives them to a standard JSON Schema
//!    validator (ajv), so that the published schema
//!    (public/workbook.schema.json, `archbook schema`) is tested against
//!    what `load` decides: every workbook Archbook writes and every current
//!    fixture is valid; what `load` accepts, the schema accepts; what `load`
//!    refuses for its type or shape, the schema refuses too. (Rules a schema
//!    cannot state, such as edges naming existing components, are `load`'s
//!    alone.)

use std::fs;
use std::path::{Path, PathBuf};

use archbook_core::{load, to_json, Workbook, CURRENT_VERSION};
use serde_json::{json, Value};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn fixtures() -> Vec<(String, String)> {
    let mut out = Vec::new();
    for dir in [
        "tests/fixtures",
        "tests/fixtures/calibration",
        "content/examples",
    ] {
        let mut files: Vec<_> = fs::read_dir(root().join(dir))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
            .collect();
        files.sort();
        for f in files {
            let name = format!("{dir}/{}", f.file_name().unwrap().to_string_lossy());
            out.push((name, fs::read_to_string(f).unwrap()));
        }
    }
    out
}

/// Problems a schema cannot state: references, uniqueness, calendar dates,
/// blank ids, the contents of a custom checklist, graph size.
fn beyond_a_schema(message: &str) -> bool {
    [
        "no node has the id",
        "duplicate node id",
        "is not a date",
        "must not be empty",
        "a workbook holds at most",
    ]
    .iter()
    .any(|m| message.contains(m))
        || message.starts_with("line ")
}

fn places(v: &Value, at: &mut Vec<Value>, out: &mut Vec<Vec<Value>>) {
    let children: Vec<(Value, &Value)> = match v {
        Value::Object(o) => o.iter().map(|(k, x)| (json!(k), x)).collect(),
        Value::Array(a) => a.iter().enumerate().map(|(i, x)| (json!(i), x)).collect(),
        _ => vec![],
    };
    for (step, x) in children {
        at.push(step);
        out.push(at.clone());
        places(x, at, out);
        at.pop();
    }
}

fn at<'v>(v: &'v mut Value, path: &[Value]) -> &'v mut Value {
    path.iter().fold(v, |v, step| match step {
        Value::String(k) => &mut v[k.as_str()],
        _ => &mut v[step.as_u64().unwrap() as usize],
    })
}

/// The current fixtures with one value swapped for a wrong one: (name, file).
fn swapped() -> Vec<(String, Value)> {
    let swaps = [
        json!(null),
        json!(0),
        json!(-1),
        json!(1.5),
        json!(""),
        json!("x"),
        json!([]),
        json!({}),
        json!(true),
    ];
    let mut out = Vec::new();
    for (name, text) in fixtures() {
        let original: Value = serde_json::from_str(&text).unwrap();
        if original["version"] != json!(CURRENT_VERSION) {
            continue;
        }
        let mut paths = Vec::new();
        places(&original, &mut vec![], &mut paths);
        for path in paths {
            for swap in &swaps {
                let mut v = original.clone();
                *at(&mut v, &path) = swap.clone();
                out.push((format!("{name} {path:?} = {swap}"), v));
            }
        }
    }
    out
}

#[test]
fn load_never_panics_and_agrees_with_the_derived_types() {
    // Only current-version files are swapped, and no swap writes a version
    // that migrates: serde reads the same text as it is.
    let cases = swapped();
    let mut loaded = 0;
    let mut disagree = Vec::new();
    for (name, v) in &cases {
        if let Ok(wb) = load(&v.to_string()) {
            loaded += 1;
            match serde_json::from_value::<Workbook>(v.clone()) {
                Ok(d) if d == wb => {}
                other => disagree.push(format!(
                    "{name}: {}",
                    other
                        .err()
                        .map_or("read differently".into(), |e| e.to_string())
                )),
            }
        }
    }
    assert!(
        cases.len() > 5_000 && loaded > 500,
        "{} cases, {loaded} loaded",
        cases.len()
    );
    assert!(
        disagree.is_empty(),
        "{} of {loaded} loaded cases read differently by serde, e.g.\n{}",
        disagree.len(),
        disagree[..disagree.len().min(20)].join("\n")
    );
}

#[test]
fn write_the_schema_cases() {
    let mut lines = Vec::new();
    let mut case = |name: String, doc: Value| {
        let verdict = load(&doc.to_string());
        let (loads, shape) = match &verdict {
            Ok(_) => (true, false),
            Err(e) => (
                false,
                e.problems.iter().any(|p| !beyond_a_schema(&p.message)),
            ),
        };
        lines.push(json!({ "name": name, "loads": loads, "shape": shape, "doc": doc }).to_string());
    };
    for (name, text) in fixtures() {
        let saved = to_json(&load(&text).unwrap_or_else(|e| panic!("{name}: {e}")));
        case(
            format!("{name}, as Archbook saves it"),
            serde_json::from_str(&saved).unwrap(),
        );
        let original: Value = serde_json::from_str(&text).unwrap();
        if original["version"] == json!(CURRENT_VERSION) {
            case(name, original);
        }
    }
    for (name, v) in swapped() {
        case(name, v);
    }
    assert!(lines.len() > 5_000, "{} cases", lines.len());
    let out = root().join("target");
    fs::create_dir_all(&out).unwrap();
    fs::write(out.join("schema-cases.jsonl"), lines.join("\n") + "\n").unwrap();
}
