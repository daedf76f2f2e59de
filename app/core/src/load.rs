//! Reading and writing workbook files.
//!
//! [`load`] never stops at the first problem: it reports every problem it can
//! find, each with the JSON path of the value at fault, so that a person can
//! fix a hand-edited file in one go.

use std::collections::HashMap;
use std::fmt;

use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::migrate;
use crate::workbook::{
    AcceptedRisk, Context, CustomChecklist, Decision, Edge, Node, Workbook, CURRENT_VERSION, FORMAT,
};

/// What kind of problem stopped a load. Callers use it to choose their words
/// (a newer file is not a broken file).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProblemKind {
    /// The text is not JSON at all.
    NotJson,
    /// JSON, but not an Archbook workbook (`format` is wrong or missing).
    NotWorkbook,
    /// A workbook written by a newer Archbook than this one.
    NewerVersion,
    /// A workbook with invalid content.
    Invalid,
}

/// One problem, at one place in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub kind: ProblemKind,
    /// A JSON path such as `$.graph.nodes[2].kind`.
    pub path: String,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

/// Every problem found in a file. Never empty.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    pub problems: Vec<Problem>,
}

impl LoadError {
    fn one(kind: ProblemKind, path: &str, message: impl Into<String>) -> Self {
        LoadError {
            problems: vec![Problem {
                kind,
                path: path.to_owned(),
                message: message.into(),
            }],
        }
    }

    /// The most important kind among the problems.
    pub fn kind(&self) -> ProblemKind {
        self.problems[0].kind
    }

    /// One line that says what is wrong, for a heading.
    pub fn summary(&self) -> String {
        match self.kind() {
            ProblemKind::NotJson => "This file is not valid JSON.".to_owned(),
            ProblemKind::NotWorkbook => "This file is not an Archbook workbook.".to_owned(),
            ProblemKind::NewerVersion => {
                "This workbook was saved by a newer version of Archbook.".to_owned()
            }
            ProblemKind::Invalid => match self.problems.len() {
                1 => "This workbook has a problem.".to_owned(),
                n => format!("This workbook has {n} problems."),
            },
        }
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{}", self.summary())?;
        for p in &self.problems {
            writeln!(f, "  {p}")?;
        }
        Ok(())
    }
}

impl std::error::Error for LoadError {}

/// Parses and validates a workbook file, migrating older versions.
pub fn load(text: &str) -> Result<Workbook, LoadError> {
    let value: Value = serde_json::from_str(text).map_err(|e| {
        LoadError::one(
            ProblemKind::NotJson,
            "$",
            format!(
                "{} (line {}, column {})",
                json_error_message(&e),
                e.line(),
                e.column()
            ),
        )
    })?;
    load_value(value)
}

/// Validates an already parsed workbook value.
pub fn load_value(mut value: Value) -> Result<Workbook, LoadError> {
    let Some(root) = value.as_object() else {
        return Err(LoadError::one(
            ProblemKind::NotWorkbook,
            "$",
            format!(
                "expected an object with \"format\": \"{FORMAT}\", found {}",
                describe(&value)
            ),
        ));
    };
    match root.get("format") {
        Some(Value::String(s)) if s == FORMAT => {}
        Some(other) => {
            return Err(LoadError::one(
                ProblemKind::NotWorkbook,
                "$.format",
                format!("expected \"{FORMAT}\", found {}", describe(other)),
            ))
        }
        None => {
            return Err(LoadError::one(
                ProblemKind::NotWorkbook,
                "$.format",
                format!("missing; an Archbook workbook has \"format\": \"{FORMAT}\""),
            ))
        }
    }
    let version = match root.get("version") {
        Some(v) => match v.as_u64() {
            Some(n) if n >= 1 => n,
            _ => {
                return Err(LoadError::one(
                    ProblemKind::Invalid,
                    "$.version",
                    format!(
                        "expected a whole number of at least 1, found {}",
                        describe(v)
                    ),
                ))
            }
        },
        None => {
            return Err(LoadError::one(
                ProblemKind::Invalid,
                "$.version",
                format!("missing; this Archbook writes version {CURRENT_VERSION}"),
            ))
        }
    };
    if version > CURRENT_VERSION {
        return Err(LoadError::one(
            ProblemKind::NewerVersion,
            "$.version",
            format!(
                "the file is version {version}, and this Archbook reads versions up to {CURRENT_VERSION}; \
                 open it with a newer Archbook"
            ),
        ));
    }
    migrate::to_current(&mut value, version);

    let problems = check(&value);
    if !problems.is_empty() {
        return Err(LoadError { problems });
    }
    // Every section was checked above, so this only fails on a shape the
    // checks do not know; report it with its path all the same.
    section::<Workbook>(&value, "$").map_err(|p| LoadError { problems: vec![p] })
}

/// Writes a workbook as pretty JSON with a final newline, ready to commit.
pub fn to_json(workbook: &Workbook) -> String {
    let mut s = serde_json::to_string_pretty(workbook).expect("a workbook always serializes");
    s.push('\n');
    s
}

/// Checks each section on its own, so that one bad node does not hide a bad edge.
fn check(root: &Value) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut push = |r: Result<(), Problem>| {
        if let Err(p) = r {
            problems.push(p)
        }
    };

    if let Some(title) = root.get("title") {
        if !title.is_string() {
            push(Err(invalid(
                "$.title",
                format!("expected text, found {}", describe(title)),
            )));
        }
    }
    if let Some(ctx) = root.get("context") {
        push(section::<Context>(ctx, "$.context").map(drop));
    }
    match root.get("decisions") {
        None => {}
        Some(Value::Object(map)) => {
            for (id, d) in map {
                push(section::<Decision>(d, &format!("$.decisions.{}", key_path(id))).map(drop));
            }
        }
        Some(other) => push(Err(invalid(
            "$.decisions",
            format!(
                "expected an object keyed by decision id, found {}",
                describe(other)
            ),
        ))),
    }
    match root.get("accepted") {
        None => {}
        Some(Value::Array(items)) => {
            for (i, a) in items.iter().enumerate() {
                push(section::<AcceptedRisk>(a, &format!("$.accepted[{i}]")).map(drop));
            }
        }
        Some(other) => push(Err(invalid(
            "$.accepted",
            format!("expected a list, found {}", describe(other)),
        ))),
    }
    match root.get("custom_checklists") {
        None => {}
        Some(Value::Array(items)) => {
            for (i, item) in items.iter().enumerate() {
                let path = format!("$.custom_checklists[{i}]");
                match section::<CustomChecklist>(item, &path) {
                    Ok(c) => {
                        if let Err(errors) = crate::checklist::parse(&c.file, &c.markdown) {
                            for e in errors.0 {
                                push(Err(invalid(
                                    &format!("{path}.markdown"),
                                    format!("line {}: {}", e.line, e.message),
                                )));
                            }
                        }
                    }
                    Err(p) => push(Err(p)),
                }
            }
        }
        Some(other) => push(Err(invalid(
            "$.custom_checklists",
            format!("expected a list, found {}", describe(other)),
        ))),
    }
    match root.get("graph") {
        None => {}
        Some(Value::Object(graph)) => problems.extend(check_graph(graph)),
        Some(other) => push(Err(invalid(
            "$.graph",
            format!("expected an object, found {}", describe(other)),
        ))),
    }
    problems
}

fn check_graph(graph: &serde_json::Map<String, Value>) -> Vec<Problem> {
    let mut problems = Vec::new();
    let nodes = match graph.get("nodes") {
        None => &[][..],
        Some(Value::Array(items)) => &items[..],
        Some(other) => {
            problems.push(invalid(
                "$.graph.nodes",
                format!("expected a list, found {}", describe(other)),
            ));
            &[][..]
        }
    };
    // Ids of nodes, including those that failed to parse but have a string id,
    // so that a node with a bad kind does not also make its edges "dangling".
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (i, raw) in nodes.iter().enumerate() {
        let path = format!("$.graph.nodes[{i}]");
        match section::<Node>(raw, &path) {
            Ok(node) => {
                if node.id.trim().is_empty() {
                    problems.push(invalid(&format!("{path}.id"), "must not be empty"));
                }
                if node.replicas == Some(0) {
                    problems.push(invalid(&format!("{path}.replicas"), "must be at least 1"));
                }
            }
            Err(p) => problems.push(p),
        }
        if let Some(id) = raw.get("id").and_then(Value::as_str) {
            if let Some(first) = seen.get(id) {
                problems.push(invalid(
                    &format!("{path}.id"),
                    format!("duplicate node id \"{id}\" (already used by $.graph.nodes[{first}])"),
                ));
            } else {
                seen.insert(id, i);
            }
        }
    }
    match graph.get("edges") {
        None => {}
        Some(Value::Array(edges)) => {
            for (i, raw) in edges.iter().enumerate() {
                let path = format!("$.graph.edges[{i}]");
                match section::<Edge>(raw, &path) {
                    Ok(edge) => {
                        for (end, id) in [("from", &edge.from), ("to", &edge.to)] {
                            if !seen.contains_key(id.as_str()) {
                                problems.push(invalid(
                                    &format!("{path}.{end}"),
                                    format!("no node has the id \"{id}\""),
                                ));
                            }
                        }
                    }
                    Err(p) => problems.push(p),
                }
            }
        }
        Some(other) => problems.push(invalid(
            "$.graph.edges",
            format!("expected a list, found {}", describe(other)),
        )),
    }
    problems
}

/// Deserializes one part of the file, reporting the first problem in it with
/// its full path.
fn section<T: DeserializeOwned>(value: &Value, prefix: &str) -> Result<T, Problem> {
    serde_path_to_error::deserialize::<_, T>(value).map_err(|e| {
        let inner = e.path().to_string();
        let path = if inner == "." {
            prefix.to_owned()
        } else if inner.starts_with('[') {
            format!("{prefix}{inner}")
        } else {
            format!("{prefix}.{inner}")
        };
        invalid(&path, plain_words(&e.into_inner().to_string()))
    })
}

/// Rephrases serde's messages for people who edit JSON, not Rust:
/// "unknown variant `servce`, expected one of `client`, ..." becomes
/// "unknown value "servce"; expected one of client, ... (did you mean "service"?)".
fn plain_words(msg: &str) -> String {
    if let Some(rest) = msg.strip_prefix("unknown variant `") {
        if let Some((found, expected)) = rest.split_once("`, expected ") {
            let allowed: Vec<&str> = expected
                .trim_start_matches("one of ")
                .split(['`', ',', ' '])
                .filter(|w| !w.is_empty() && *w != "or")
                .collect();
            let mut out = format!(
                "unknown value \"{found}\"; expected one of {}",
                allowed.join(", ")
            );
            if let Some(best) = closest(found, &allowed) {
                out.push_str(&format!(" (did you mean \"{best}\"?)"));
            }
            return out;
        }
    }
    if let Some(field) = msg
        .strip_prefix("missing field `")
        .and_then(|r| r.strip_suffix('`'))
    {
        return format!("missing the required field \"{field}\"");
    }
    if let Some(rest) = msg.strip_prefix("invalid type: ") {
        if let Some((found, expected)) = rest.split_once(", expected ") {
            return format!(
                "expected {}, found {}",
                type_words(expected),
                value_words(found)
            );
        }
    }
    if let Some(rest) = msg.strip_prefix("invalid value: ") {
        if let Some((found, expected)) = rest.split_once(", expected ") {
            return format!(
                "{} is out of range for {}",
                value_words(found),
                type_words(expected)
            );
        }
    }
    msg.to_owned()
}

fn type_words(expected: &str) -> String {
    match expected {
        "u8" | "u16" | "u32" | "u64" | "usize" => "a whole number".to_owned(),
        "f32" | "f64" => "a number".to_owned(),
        "a string" => "text".to_owned(),
        "a sequence" => "a list".to_owned(),
        "a map" => "an object".to_owned(),
        other if other.starts_with("struct ") => "an object".to_owned(),
        other => other.to_owned(),
    }
}

fn value_words(found: &str) -> String {
    let unquote = |s: &str| s.trim_matches('`').to_owned();
    if let Some(s) = found.strip_prefix("string ") {
        return s.to_owned();
    }
    for prefix in ["integer ", "floating point ", "boolean "] {
        if let Some(v) = found.strip_prefix(prefix) {
            return unquote(v);
        }
    }
    match found {
        "map" => "an object".to_owned(),
        "sequence" => "a list".to_owned(),
        "null" | "unit value" => "null".to_owned(),
        other => other.to_owned(),
    }
}

/// The allowed word nearest to a misspelling, if it is near enough to be a typo.
fn closest<'a>(word: &str, allowed: &[&'a str]) -> Option<&'a str> {
    let word = word.to_lowercase();
    allowed
        .iter()
        .map(|a| (edit_distance(&word, a), *a))
        .filter(|(d, a)| *d <= (a.len() / 3).max(1))
        .min()
        .map(|(_, a)| a)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur.push((prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}

fn invalid(path: &str, message: impl Into<String>) -> Problem {
    Problem {
        kind: ProblemKind::Invalid,
        path: path.to_owned(),
        message: message.into(),
    }
}

/// A key as a JSONPath segment: bare when it is a plain identifier.
fn key_path(key: &str) -> String {
    if !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        key.to_owned()
    } else {
        format!("[{}]", serde_json::to_string(key).unwrap_or_default())
    }
}

/// A short description of a JSON value for messages: `"abc"`, `42`, `a list`.
fn describe(v: &Value) -> String {
    match v {
        Value::Null => "null".to_owned(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) if s.chars().count() > 40 => {
            format!("\"{}…\"", s.chars().take(40).collect::<String>())
        }
        Value::String(s) => format!("\"{s}\""),
        Value::Array(_) => "a list".to_owned(),
        Value::Object(_) => "an object".to_owned(),
    }
}

/// serde_json's message without its trailing " at line X column Y".
fn json_error_message(e: &serde_json::Error) -> String {
    let full = e.to_string();
    match full.rfind(" at line ") {
        Some(i) => full[..i].to_owned(),
        None => full,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serde_messages_read_as_plain_words() {
        assert_eq!(
            plain_words("unknown variant `servce`, expected one of `client`, `service`, `worker`"),
            "unknown value \"servce\"; expected one of client, service, worker (did you mean \"service\"?)"
        );
        assert_eq!(
            plain_words("unknown variant `rpc`, expected `sync` or `async`"),
            "unknown value \"rpc\"; expected one of sync, async"
        );
        assert_eq!(
            plain_words("missing field `rule`"),
            "missing the required field \"rule\""
        );
        assert_eq!(
            plain_words("invalid type: string \"six\", expected u32"),
            "expected a whole number, found \"six\""
        );
        assert_eq!(
            plain_words("invalid type: integer `3`, expected a string"),
            "expected text, found 3"
        );
        assert_eq!(
            plain_words("invalid type: string \"x\", expected struct Edge"),
            "expected an object, found \"x\""
        );
        assert_eq!(
            plain_words("invalid value: integer `300`, expected u8"),
            "300 is out of range for a whole number"
        );
        assert_eq!(plain_words("something else"), "something else");
    }

    #[test]
    fn typos_get_a_suggestion_and_nonsense_does_not() {
        let kinds = ["database", "cache", "queue", "load-balancer"];
        assert_eq!(closest("databse", &kinds), Some("database"));
        assert_eq!(
            closest("Cache", &kinds),
            Some("cache"),
            "values are case-sensitive"
        );
        assert_eq!(closest("loadbalancer", &kinds), Some("load-balancer"));
        assert_eq!(closest("printer", &kinds), None);
    }
}
