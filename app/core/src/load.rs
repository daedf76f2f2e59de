//! Reading and writing workbook files.
//!
//! [`load`] never stops at the first problem: it reports every problem it can
//! find, each with the JSON path of the value at fault, so that a person can
//! fix a hand-edited file in one go.

use std::collections::HashMap;
use std::fmt;

use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use crate::migrate;
use crate::workbook::{
    Access, DecisionStatus, DeployFrequency, EdgeStyle, NodeKind, Workbook, CURRENT_VERSION, FORMAT,
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
    /// Not an error: something the file says that Archbook ignores or reads
    /// differently from what its author may expect (a duplicate key, an
    /// answer to a question no checklist asks). Never part of a [`LoadError`].
    Warning,
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
            ProblemKind::Invalid | ProblemKind::Warning => match self.problems.len() {
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

/// The largest graph Archbook supports: far beyond any system a team draws
/// or reviews in a workshop (real ones have tens of components, large
/// estates a few hundred), and small enough that every step of the app opens
/// in about a second on a modest laptop. Larger files are refused with a
/// message, by the app and the command line alike.
pub const MAX_NODES: usize = 1_000;
/// Connections a supported graph may have (five per component on average).
pub const MAX_EDGES: usize = 5_000;

/// A workbook and what the file says that Archbook ignores.
#[derive(Debug, Clone, PartialEq)]
pub struct Loaded {
    pub workbook: Workbook,
    /// Each with its JSON path; see [`ProblemKind::Warning`].
    pub warnings: Vec<Problem>,
}

/// [`load`] for files that arrive from elsewhere (an import, a share link,
/// the command line): also reports keys given twice, which JSON parsers
/// resolve silently (the last one wins).
pub fn load_with_warnings(text: &str) -> Result<Loaded, LoadError> {
    let workbook = load(text)?;
    let mut warnings = Vec::new();
    duplicates::find(text, &mut warnings);
    Ok(Loaded { workbook, warnings })
}

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

    let problems = check(
        value
            .as_object()
            .expect("the root was checked to be an object"),
    );
    if !problems.is_empty() {
        return Err(LoadError { problems });
    }
    let Value::Object(root) = value else {
        unreachable!("the root was checked to be an object")
    };
    Ok(build::workbook(root))
}

/// Builds the typed workbook from a checked value, field by field.
///
/// The derived `Deserialize` impls would do the same, but their
/// `#[serde(flatten)]` machinery costs the web app several kilobytes; this
/// path reuses the leaf deserializers the checks already instantiated. Fields
/// the model does not know stay in each struct's `extra`.
mod build {
    use serde::de::DeserializeOwned;
    use serde_json::{Map, Value};

    use crate::workbook::*;

    type Obj = Map<String, Value>;

    /// A checked field: present and valid, or absent (then the default).
    fn take<T: DeserializeOwned + Default>(o: &mut Obj, key: &str) -> T {
        match o.remove(key) {
            Some(Value::Null) | None => T::default(),
            Some(v) => T::deserialize(&v).expect("checked before building"),
        }
    }

    fn opt<T: DeserializeOwned>(o: &mut Obj, key: &str) -> Option<T> {
        match o.remove(key) {
            Some(Value::Null) | None => None,
            Some(v) => Some(T::deserialize(&v).expect("checked before building")),
        }
    }

    fn object(v: Option<Value>) -> Obj {
        match v {
            Some(Value::Object(o)) => o,
            _ => Obj::new(),
        }
    }

    fn list(v: Option<Value>) -> Vec<Obj> {
        match v {
            Some(Value::Array(items)) => items.into_iter().map(|i| object(Some(i))).collect(),
            _ => vec![],
        }
    }

    pub(super) fn workbook(mut o: Obj) -> Workbook {
        let format = take(&mut o, "format");
        let version = take(&mut o, "version");
        let title = take(&mut o, "title");
        let context = context(object(o.remove("context")));
        let decisions = object(o.remove("decisions"))
            .into_iter()
            .map(|(k, v)| (k, decision(object(Some(v)))))
            .collect();
        let graph = graph(object(o.remove("graph")));
        let accepted = list(o.remove("accepted"))
            .into_iter()
            .map(accepted)
            .collect();
        // An optional field set to null is absent, as everywhere in the format.
        let thresholds = o
            .remove("thresholds")
            .filter(|v| !v.is_null())
            .map(|v| thresholds(object(Some(v))));
        let custom_checklists = list(o.remove("custom_checklists"))
            .into_iter()
            .map(|mut c| CustomChecklist {
                file: take(&mut c, "file"),
                markdown: take(&mut c, "markdown"),
                extra: c,
            })
            .collect();
        Workbook {
            format,
            version,
            title,
            context,
            decisions,
            graph,
            accepted,
            thresholds,
            custom_checklists,
            extra: o,
        }
    }

    fn context(mut o: Obj) -> Context {
        Context {
            problem: take(&mut o, "problem"),
            team_size: opt(&mut o, "team_size"),
            teams: opt(&mut o, "teams"),
            peak_rps: opt(&mut o, "peak_rps"),
            data_volume_gb: opt(&mut o, "data_volume_gb"),
            p99_latency_ms: opt(&mut o, "p99_latency_ms"),
            read_percent: opt(&mut o, "read_percent"),
            strong_consistency: take(&mut o, "strong_consistency"),
            deploy_frequency: opt(&mut o, "deploy_frequency"),
            drivers: take(&mut o, "drivers"),
            rpo_minutes: opt(&mut o, "rpo_minutes"),
            rto_minutes: opt(&mut o, "rto_minutes"),
            extra: o,
        }
    }

    fn decision(mut o: Obj) -> Decision {
        Decision {
            answers: take(&mut o, "answers"),
            not_applicable: take(&mut o, "not_applicable"),
            status: opt(&mut o, "status"),
            chosen: opt(&mut o, "chosen"),
            justification: take(&mut o, "justification"),
            accepted_option: opt(&mut o, "accepted_option"),
            decision_makers: take(&mut o, "decision_makers"),
            consulted: take(&mut o, "consulted"),
            informed: take(&mut o, "informed"),
            notes: take(&mut o, "notes"),
            date: opt(&mut o, "date"),
            extra: o,
        }
    }

    fn graph(mut o: Obj) -> Graph {
        let nodes = list(o.remove("nodes"))
            .into_iter()
            .map(|mut n| Node {
                id: take(&mut n, "id"),
                name: take(&mut n, "name"),
                kind: opt(&mut n, "kind").expect("checked: nodes have a kind"),
                replicas: opt(&mut n, "replicas"),
                traits: take(&mut n, "traits"),
                team: opt(&mut n, "team"),
                part_of: opt(&mut n, "part_of"),
                x: opt(&mut n, "x"),
                y: opt(&mut n, "y"),
                evidence: take(&mut n, "evidence"),
                extra: n,
            })
            .collect();
        let edges = list(o.remove("edges"))
            .into_iter()
            .map(|mut e| Edge {
                from: take(&mut e, "from"),
                to: take(&mut e, "to"),
                style: opt(&mut e, "style").unwrap_or_default(),
                access: opt(&mut e, "access"),
                label: opt(&mut e, "label"),
                evidence: take(&mut e, "evidence"),
                extra: e,
            })
            .collect();
        Graph {
            nodes,
            edges,
            extra: o,
        }
    }

    fn accepted(mut o: Obj) -> AcceptedRisk {
        AcceptedRisk {
            rule: take(&mut o, "rule"),
            group: opt(&mut o, "group"),
            nodes: take(&mut o, "nodes"),
            edges: take(&mut o, "edges"),
            decision: opt(&mut o, "decision"),
            reason: take(&mut o, "reason"),
            extra: o,
        }
    }

    fn thresholds(mut o: Obj) -> Thresholds {
        let d = Thresholds::default();
        Thresholds {
            sync_chain_depth: opt(&mut o, "sync_chain_depth").unwrap_or(d.sync_chain_depth),
            sync_fan_out: opt(&mut o, "sync_fan_out").unwrap_or(d.sync_fan_out),
            components_per_team: opt(&mut o, "components_per_team")
                .unwrap_or(d.components_per_team),
            services_per_small_team: opt(&mut o, "services_per_small_team")
                .unwrap_or(d.services_per_small_team),
            read_heavy_percent: opt(&mut o, "read_heavy_percent").unwrap_or(d.read_heavy_percent),
            extra: o,
        }
    }
}

/// Writes a workbook as pretty JSON with a final newline, ready to commit.
pub fn to_json(workbook: &Workbook) -> String {
    let mut s = serde_json::to_string_pretty(workbook).expect("a workbook always serializes");
    s.push('\n');
    s
}

/// Checks each section, and each field in it, on its own, so that every
/// problem is reported with its exact path and one bad node does not hide a
/// bad edge. The typed deserialization that follows can then not fail.
fn check(root: &Map<String, Value>) -> Vec<Problem> {
    let mut c = Checker::default();
    c.field::<String>(root, "title", "$", false);
    if let Some(ctx) = root.get("context").and_then(|v| c.object(v, "$.context")) {
        let p = "$.context";
        c.field::<String>(ctx, "problem", p, false);
        c.field::<u32>(ctx, "team_size", p, false);
        c.field::<u32>(ctx, "teams", p, false);
        c.field::<u64>(ctx, "peak_rps", p, false);
        c.field::<f64>(ctx, "data_volume_gb", p, false);
        c.field::<u32>(ctx, "p99_latency_ms", p, false);
        c.field::<u8>(ctx, "read_percent", p, false);
        c.field::<DeployFrequency>(ctx, "deploy_frequency", p, false);
        c.field::<u32>(ctx, "rpo_minutes", p, false);
        c.field::<u32>(ctx, "rto_minutes", p, false);
        c.strings(ctx, "strong_consistency", p);
        c.strings(ctx, "drivers", p);
    }
    if let Some(decisions) = root
        .get("decisions")
        .and_then(|v| c.object_keyed(v, "$.decisions", "decision id"))
    {
        for (id, d) in decisions {
            let p = format!("$.decisions.{}", key_path(id));
            let Some(d) = c.object(d, &p) else { continue };
            c.string_map(d, "answers", &p);
            c.string_map(d, "not_applicable", &p);
            c.field::<DecisionStatus>(d, "status", &p, false);
            c.field::<String>(d, "chosen", &p, false);
            c.field::<String>(d, "accepted_option", &p, false);
            c.field::<String>(d, "justification", &p, false);
            c.strings(d, "decision_makers", &p);
            c.strings(d, "consulted", &p);
            c.strings(d, "informed", &p);
            c.field::<String>(d, "notes", &p, false);
            if let Some(date) = c.field::<String>(d, "date", &p, false) {
                if let Err(why) = check_date(&date) {
                    c.problem(&format!("{p}.date"), why);
                }
            }
        }
    }
    for (p, a) in c.items(root, "accepted", "$.accepted") {
        let Some(a) = c.object(a, &p) else { continue };
        c.field::<String>(a, "rule", &p, true);
        c.field::<String>(a, "group", &p, false);
        c.strings(a, "nodes", &p);
        c.strings(a, "edges", &p);
        c.field::<String>(a, "decision", &p, false);
        c.field::<String>(a, "reason", &p, false);
    }
    if let Some(t) = root
        .get("thresholds")
        .filter(|v| !v.is_null())
        .and_then(|v| c.object(v, "$.thresholds"))
    {
        for key in [
            "sync_chain_depth",
            "sync_fan_out",
            "components_per_team",
            "services_per_small_team",
            "read_heavy_percent",
        ] {
            c.field::<u32>(t, key, "$.thresholds", false);
        }
    }
    for (p, item) in c.items(root, "custom_checklists", "$.custom_checklists") {
        let Some(item) = c.object(item, &p) else {
            continue;
        };
        let file = c.field::<String>(item, "file", &p, true);
        let markdown = c.field::<String>(item, "markdown", &p, true);
        if let (Some(file), Some(markdown)) = (file, markdown) {
            if let Err(errors) = crate::checklist::parse(&file, &markdown) {
                for e in errors.0 {
                    c.problem(
                        &format!("{p}.markdown"),
                        format!("line {}: {}", e.line, e.message),
                    );
                }
            }
        }
    }
    if let Some(graph) = root.get("graph").and_then(|v| c.object(v, "$.graph")) {
        check_graph(&mut c, graph);
    }
    c.problems
}

/// A calendar date written YYYY-MM-DD, from year 1 on.
pub fn check_date(date: &str) -> Result<(), String> {
    let shape = date.len() == 10
        && date.char_indices().all(|(i, ch)| {
            if i == 4 || i == 7 {
                ch == '-'
            } else {
                ch.is_ascii_digit()
            }
        });
    if !shape {
        return Err(format!(
            "expected a date like 2026-11-23, found {}",
            describe(&Value::String(date.to_owned()))
        ));
    }
    let num = |r: std::ops::Range<usize>| date[r].parse::<u32>().unwrap_or(0);
    let (y, m, d) = (num(0..4), num(5..7), num(8..10));
    let leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => 0,
    };
    if y == 0 || m == 0 || m > 12 {
        return Err(format!(
            "\"{date}\" is not a date: the year and month must exist"
        ));
    }
    if d == 0 || d > days {
        return Err(format!(
            "\"{date}\" is not a date: that month has {days} days"
        ));
    }
    Ok(())
}

fn check_graph(c: &mut Checker, graph: &Map<String, Value>) {
    for (key, max, what) in [
        ("nodes", MAX_NODES, "components"),
        ("edges", MAX_EDGES, "connections"),
    ] {
        if let Some(n) = graph.get(key).and_then(Value::as_array).map(Vec::len) {
            if n > max {
                c.problem(
                    &format!("$.graph.{key}"),
                    format!(
                        "{} {what}; Archbook supports graphs of up to {} {what}",
                        thousands(n),
                        thousands(max)
                    ),
                );
                return;
            }
        }
    }
    // Ids of nodes, including those with other problems, so that a node with
    // a bad kind does not also make its edges "dangling".
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (i, (p, node)) in c
        .items(graph, "nodes", "$.graph.nodes")
        .into_iter()
        .enumerate()
    {
        let Some(node) = c.object(node, &p) else {
            continue;
        };
        let id = c.field::<String>(node, "id", &p, true);
        c.field::<String>(node, "name", &p, false);
        c.field::<NodeKind>(node, "kind", &p, true);
        if c.field::<u32>(node, "replicas", &p, false) == Some(0) {
            c.problem(&format!("{p}.replicas"), "must be at least 1");
        }
        c.strings(node, "traits", &p);
        c.strings(node, "evidence", &p);
        c.field::<String>(node, "team", &p, false);
        c.field::<String>(node, "part_of", &p, false);
        c.field::<f64>(node, "x", &p, false);
        c.field::<f64>(node, "y", &p, false);
        let Some(id) = id else { continue };
        if id.trim().is_empty() {
            c.problem(&format!("{p}.id"), "must not be empty");
        }
        if let Some(first) = seen.get(&id) {
            c.problem(
                &format!("{p}.id"),
                format!("duplicate node id \"{id}\" (already used by $.graph.nodes[{first}])"),
            );
        } else {
            seen.insert(id, i);
        }
    }
    for (p, edge) in c.items(graph, "edges", "$.graph.edges") {
        let Some(edge) = c.object(edge, &p) else {
            continue;
        };
        for end in ["from", "to"] {
            if let Some(id) = c.field::<String>(edge, end, &p, true) {
                if !seen.contains_key(&id) {
                    c.problem(
                        &format!("{p}.{end}"),
                        format!("no node has the id \"{id}\""),
                    );
                }
            }
        }
        c.field::<EdgeStyle>(edge, "style", &p, false);
        c.field::<Access>(edge, "access", &p, false);
        c.field::<String>(edge, "label", &p, false);
        c.strings(edge, "evidence", &p);
    }
}

/// Collects problems while checking values against the expected shapes.
#[derive(Default)]
struct Checker {
    problems: Vec<Problem>,
}

impl Checker {
    fn problem(&mut self, path: &str, message: impl Into<String>) {
        self.problems.push(invalid(path, message));
    }

    fn object<'v>(&mut self, v: &'v Value, path: &str) -> Option<&'v Map<String, Value>> {
        let o = v.as_object();
        if o.is_none() {
            self.problem(path, format!("expected an object, found {}", describe(v)));
        }
        o
    }

    fn object_keyed<'v>(
        &mut self,
        v: &'v Value,
        path: &str,
        key: &str,
    ) -> Option<&'v Map<String, Value>> {
        let o = v.as_object();
        if o.is_none() {
            self.problem(
                path,
                format!("expected an object keyed by {key}, found {}", describe(v)),
            );
        }
        o
    }

    /// The entries of the list under `key`, with their paths.
    fn items<'v>(
        &mut self,
        obj: &'v Map<String, Value>,
        key: &str,
        path: &str,
    ) -> Vec<(String, &'v Value)> {
        match obj.get(key) {
            None => vec![],
            Some(Value::Array(items)) => items
                .iter()
                .enumerate()
                .map(|(i, v)| (format!("{path}[{i}]"), v))
                .collect(),
            Some(other) => {
                self.problem(path, format!("expected a list, found {}", describe(other)));
                vec![]
            }
        }
    }

    /// Checks one field's type; returns its value when it has one.
    fn field<T: DeserializeOwned>(
        &mut self,
        obj: &Map<String, Value>,
        key: &str,
        path: &str,
        required: bool,
    ) -> Option<T> {
        match obj.get(key) {
            None | Some(Value::Null) if !required => None,
            None => {
                self.problem(path, format!("missing the required field \"{key}\""));
                None
            }
            Some(v) => match T::deserialize(v) {
                Ok(t) => Some(t),
                Err(e) => {
                    self.problem(
                        &format!("{path}.{}", key_path(key)),
                        plain_words(&e.to_string()),
                    );
                    None
                }
            },
        }
    }

    /// A list of text, each entry checked with its own path.
    fn strings(&mut self, obj: &Map<String, Value>, key: &str, path: &str) {
        let p = format!("{path}.{}", key_path(key));
        match obj.get(key) {
            None => {}
            Some(Value::Array(items)) => {
                for (i, v) in items.iter().enumerate() {
                    if !v.is_string() {
                        self.problem(
                            &format!("{p}[{i}]"),
                            format!("expected text, found {}", describe(v)),
                        );
                    }
                }
            }
            Some(other) => self.problem(
                &p,
                format!("expected a list of text, found {}", describe(other)),
            ),
        }
    }

    /// An object whose values are text, each checked with its own path.
    fn string_map(&mut self, obj: &Map<String, Value>, key: &str, path: &str) {
        let p = format!("{path}.{}", key_path(key));
        if let Some(v) = obj.get(key) {
            if let Some(map) = self.object(v, &p) {
                for (k, v) in map {
                    if !v.is_string() {
                        self.problem(
                            &format!("{p}.{}", key_path(k)),
                            format!("expected text, found {}", describe(v)),
                        );
                    }
                }
            }
        }
    }
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
    let word = word.to_ascii_lowercase();
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
pub(crate) fn key_path(key: &str) -> String {
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

/// "17,000": whole numbers with thousands separators.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Keys given twice in one object, found by walking the text once more.
mod duplicates {
    use std::collections::HashSet;
    use std::fmt;

    use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};

    use super::{key_path, Problem, ProblemKind};

    struct Walk<'a> {
        path: String,
        out: &'a mut Vec<Problem>,
    }

    impl<'de> DeserializeSeed<'de> for Walk<'_> {
        type Value = ();
        fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
            d.deserialize_any(self)
        }
    }

    impl<'de> Visitor<'de> for Walk<'_> {
        type Value = ();
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("any JSON value")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
            let mut seen = HashSet::new();
            while let Some(key) = map.next_key::<String>()? {
                let path = format!("{}.{}", self.path, key_path(&key));
                if !seen.insert(key) {
                    self.out.push(Problem {
                        kind: ProblemKind::Warning,
                        path: path.clone(),
                        message: "this key appears more than once in its object; only its last value is read".to_owned(),
                    });
                }
                map.next_value_seed(Walk {
                    path,
                    out: &mut *self.out,
                })?;
            }
            Ok(())
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
            let mut i = 0;
            while seq
                .next_element_seed(Walk {
                    path: format!("{}[{i}]", self.path),
                    out: &mut *self.out,
                })?
                .is_some()
            {
                i += 1;
            }
            Ok(())
        }
        fn visit_bool<E>(self, _: bool) -> Result<(), E> {
            Ok(())
        }
        fn visit_i64<E>(self, _: i64) -> Result<(), E> {
            Ok(())
        }
        fn visit_u64<E>(self, _: u64) -> Result<(), E> {
            Ok(())
        }
        fn visit_f64<E>(self, _: f64) -> Result<(), E> {
            Ok(())
        }
        fn visit_str<E>(self, _: &str) -> Result<(), E> {
            Ok(())
        }
        fn visit_unit<E>(self) -> Result<(), E> {
            Ok(())
        }
    }

    pub(super) fn find(text: &str, out: &mut Vec<Problem>) {
        let mut de = serde_json::Deserializer::from_str(text);
        let _ = Walk {
            path: "$".to_owned(),
            out,
        }
        .deserialize(&mut de);
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
