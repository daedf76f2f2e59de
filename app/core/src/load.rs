//! Reading and writing workbook files.
//!
//! [`load`] never stops at the first problem: it reports every problem it can
//! find, each with the JSON path of the value at fault, so that a person can
//! fix a hand-edited file in one go.

use std::collections::{BTreeMap, HashMap};
use std::fmt;

use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use crate::migrate;
use crate::workbook::{
    AcceptedRisk, Context, CustomChecklist, Decision, Edge, Graph, Node, NodeKind, Thresholds,
    Workbook, CURRENT_VERSION, FORMAT,
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
    load_value(parse(text)?)
}

/// [`load`] for a workbook this app stored itself, when it opens: the
/// custom checklists' Markdown was checked when each checklist was added,
/// so it is not parsed again (a checklist that no longer parses is left out
/// by the steps that read checklists), and a value nobody typed gets no
/// "did you mean" suggestion. This keeps the Markdown parser and the
/// suggestions out of the web app's first load.
pub fn load_stored(text: &str) -> Result<Workbook, LoadError> {
    read_value(parse(text)?, Extras::NONE)
}

/// What reading does beyond the format's rules, for files from elsewhere.
/// Function pointers, so that code which only calls [`load_stored`] never
/// links them.
#[derive(Clone, Copy)]
struct Extras {
    /// A custom checklist's problems.
    markdown: Option<MarkdownCheck>,
    /// A serde message in plain words (with a suggestion). Stored data,
    /// which only breaks when damaged, shows serde's own words.
    words: Option<fn(&str) -> String>,
    /// Refuses a graph past [`crate::limits`]: the problem's path and
    /// message. Files from elsewhere are refused; a workbook this app stored
    /// before the limits existed still opens, so that it never vanishes from
    /// the list (the app says it is too large and refuses edits that would
    /// grow it). A function pointer, like the others, so that the app's
    /// first load does not link the check's messages.
    limits: Option<LimitCheck>,
}

/// A custom checklist's problems: (line, message).
type MarkdownCheck = fn(&str, &str) -> Vec<(usize, String)>;
type Suggest = for<'a> fn(&str, &[&'a str]) -> Option<&'a str>;
/// Components and connections → the key at fault and why.
type LimitCheck = fn(usize, usize) -> Option<(&'static str, String)>;

fn check_limits(nodes: usize, edges: usize) -> Option<(&'static str, String)> {
    let e = crate::limits::check_counts(nodes, edges).err()?;
    let key = match e.measure {
        crate::limits::Measure::Components => "nodes",
        _ => "edges",
    };
    Some((key, e.to_string()))
}

impl Extras {
    const NONE: Extras = Extras {
        markdown: None,
        words: None,
        limits: None,
    };
    const ALL: Extras = Extras {
        markdown: Some(check_checklist),
        words: Some(|msg| plain_words(msg, Some(closest))),
        limits: Some(check_limits),
    };
}

fn check_checklist(file: &str, markdown: &str) -> Vec<(usize, String)> {
    match crate::checklist::parse(file, markdown) {
        Ok(_) => vec![],
        Err(errors) => errors.0.into_iter().map(|e| (e.line, e.message)).collect(),
    }
}

/// The most JSON values (numbers, strings, lists, objects …) a workbook
/// file may hold. A workbook at the graph limits holds well under 100,000;
/// each value costs up to about 80 bytes once parsed, so this keeps a
/// 5 MB file of `[0,0,0,…]` from costing hundreds of megabytes.
pub const MAX_JSON_VALUES: usize = 500_000;

/// At least as many as the JSON values `text` holds, counted in one pass
/// over its bytes without parsing: every value but the first is preceded by
/// a comma or an opening bracket outside a string.
fn json_values_at_most(text: &str) -> usize {
    let (mut n, mut in_string, mut escaped) = (1usize, false, false);
    for &b in text.as_bytes() {
        if in_string {
            if escaped {
                escaped = false;
            } else if b == b'\\' {
                escaped = true;
            } else if b == b'"' {
                in_string = false;
            }
        } else {
            match b {
                b'"' => in_string = true,
                b',' | b'[' | b'{' => n += 1,
                _ => {}
            }
        }
    }
    n
}

fn parse(text: &str) -> Result<Value, LoadError> {
    let values = json_values_at_most(text);
    if values > MAX_JSON_VALUES {
        return Err(LoadError::one(
            ProblemKind::Invalid,
            "$",
            format!(
                "the file holds about {} values (numbers, texts, lists); a workbook holds at most {}, so it was not read",
                thousands(values),
                thousands(MAX_JSON_VALUES)
            ),
        ));
    }
    serde_json::from_str(text).map_err(|e| {
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
    })
}

/// Validates an already parsed workbook value.
pub fn load_value(value: Value) -> Result<Workbook, LoadError> {
    read_value(value, Extras::ALL)
}

fn read_value(mut value: Value, extras: Extras) -> Result<Workbook, LoadError> {
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
    let Value::Object(root) = value else {
        return Err(LoadError::one(
            ProblemKind::NotWorkbook,
            "$",
            "a migration left something other than an object",
        ));
    };
    let mut r = Reader {
        problems: vec![],
        extras,
    };
    let workbook = r.workbook(root);
    if r.problems.is_empty() {
        Ok(workbook)
    } else {
        Err(LoadError {
            problems: r.problems,
        })
    }
}

/// Writes a workbook as pretty JSON with a final newline, ready to commit.
pub fn to_json(workbook: &Workbook) -> String {
    let mut s = serde_json::to_string_pretty(workbook).expect("a workbook always serializes");
    s.push('\n');
    s
}

/// The one description of the file format that `load` follows: it reads
/// each section, and each field in it, on its own, building the typed
/// workbook and noting every problem with its exact path (one bad node does
/// not hide a bad edge). Nothing is checked in one place and built in
/// another, so the two cannot disagree; the workbook is returned only when no
/// problem was found.
///
/// Rules of the format: an optional field set to null is absent; a list or
/// map set to null is a problem; fields the model does not know stay in each
/// struct's `extra`, so they survive a load and save.
///
/// The derived `Deserialize` impls describe the same format (a test checks
/// that they agree on every fixture and mutation of it), but their
/// `#[serde(flatten)]` machinery costs the web app several kilobytes; this
/// path reuses the leaf deserializers.
struct Reader {
    problems: Vec<Problem>,
    /// What is checked and suggested beyond the format ([`Extras::NONE`]
    /// for [`load_stored`]).
    extras: Extras,
}

type Obj = Map<String, Value>;

impl Reader {
    fn problem(&mut self, path: &str, message: impl Into<String>) {
        self.problems.push(invalid(path, message));
    }

    fn object(&mut self, v: Value, path: &str) -> Option<Obj> {
        match v {
            Value::Object(o) => Some(o),
            other => {
                self.problem(
                    path,
                    format!("expected an object, found {}", describe(&other)),
                );
                None
            }
        }
    }

    fn object_keyed(&mut self, v: Value, path: &str, key: &str) -> Option<Obj> {
        match v {
            Value::Object(o) => Some(o),
            other => {
                self.problem(
                    path,
                    format!(
                        "expected an object keyed by {key}, found {}",
                        describe(&other)
                    ),
                );
                None
            }
        }
    }

    /// The entries of the list under `key`, with their paths.
    fn items(&mut self, obj: &mut Obj, key: &str, path: &str) -> Vec<(String, Value)> {
        match obj.remove(key) {
            None => vec![],
            Some(Value::Array(items)) => items
                .into_iter()
                .enumerate()
                .map(|(i, v)| (format!("{path}[{i}]"), v))
                .collect(),
            Some(other) => {
                self.problem(path, format!("expected a list, found {}", describe(&other)));
                vec![]
            }
        }
    }

    /// One field: its value when it has a valid one; absent (or null) is
    /// `None`, or a problem when the field is required.
    fn field<T: DeserializeOwned>(
        &mut self,
        obj: &mut Obj,
        key: &str,
        path: &str,
        required: bool,
    ) -> Option<T> {
        match obj.remove(key) {
            None | Some(Value::Null) if !required => None,
            None => {
                self.problem(path, format!("missing the required field \"{key}\""));
                None
            }
            Some(v) => match T::deserialize(&v) {
                Ok(t) => Some(t),
                Err(e) => {
                    self.problem(
                        &format!("{path}{}", key_path(key)),
                        match self.extras.words {
                            Some(words) => words(&e.to_string()),
                            None => e.to_string(),
                        },
                    );
                    None
                }
            },
        }
    }

    /// An optional field with a default (empty text, the default style).
    fn take<T: DeserializeOwned + Default>(&mut self, obj: &mut Obj, key: &str, path: &str) -> T {
        self.field(obj, key, path, false).unwrap_or_default()
    }

    /// A list of text, each entry checked with its own path.
    fn strings(&mut self, obj: &mut Obj, key: &str, path: &str) -> Vec<String> {
        let p = format!("{path}{}", key_path(key));
        match obj.remove(key) {
            None => vec![],
            Some(Value::Array(items)) => items
                .into_iter()
                .enumerate()
                .filter_map(|(i, v)| match v {
                    Value::String(s) => Some(s),
                    other => {
                        self.problem(
                            &format!("{p}[{i}]"),
                            format!("expected text, found {}", describe(&other)),
                        );
                        None
                    }
                })
                .collect(),
            Some(other) => {
                self.problem(
                    &p,
                    format!("expected a list of text, found {}", describe(&other)),
                );
                vec![]
            }
        }
    }

    /// An object whose values are text, each checked with its own path.
    fn string_map(&mut self, obj: &mut Obj, key: &str, path: &str) -> BTreeMap<String, String> {
        let p = format!("{path}{}", key_path(key));
        let Some(v) = obj.remove(key) else {
            return BTreeMap::new();
        };
        let Some(map) = self.object(v, &p) else {
            return BTreeMap::new();
        };
        // Inserted one by one: collecting into a BTreeMap sorts first, and
        // the sort's code would weigh on the web app's first load.
        let mut out = BTreeMap::new();
        for (k, v) in map {
            match v {
                Value::String(s) => {
                    out.insert(k, s);
                }
                other => self.problem(
                    &format!("{p}{}", key_path(&k)),
                    format!("expected text, found {}", describe(&other)),
                ),
            }
        }
        out
    }

    /// An object under `key`: absent is empty; anything else is a problem.
    fn section(&mut self, obj: &mut Obj, key: &str, path: &str) -> Obj {
        obj.remove(key)
            .and_then(|v| self.object(v, path))
            .unwrap_or_default()
    }

    fn workbook(&mut self, mut o: Obj) -> Workbook {
        let schema = self.field(&mut o, "$schema", "$", false);
        let format = self.take(&mut o, "format", "$");
        let version = self.take(&mut o, "version", "$");
        let title = self.take(&mut o, "title", "$");
        let context = self.section(&mut o, "context", "$.context");
        let context = self.context(context);
        let mut decisions = BTreeMap::new();
        if let Some(v) = o.remove("decisions") {
            let map = self
                .object_keyed(v, "$.decisions", "decision id")
                .unwrap_or_default();
            for (id, d) in map {
                let p = format!("$.decisions{}", key_path(&id));
                if let Some(d) = self.object(d, &p) {
                    let d = self.decision(d, &p);
                    decisions.insert(id, d);
                }
            }
        }
        let accepted = self
            .items(&mut o, "accepted", "$.accepted")
            .into_iter()
            .filter_map(|(p, a)| {
                let a = self.object(a, &p)?;
                Some(self.accepted(a, &p))
            })
            .collect();
        // An optional field set to null is absent, as everywhere in the format.
        let thresholds = match o.remove("thresholds") {
            None | Some(Value::Null) => None,
            Some(v) => self.object(v, "$.thresholds").map(|t| self.thresholds(t)),
        };
        let custom_checklists = self
            .items(&mut o, "custom_checklists", "$.custom_checklists")
            .into_iter()
            .filter_map(|(p, item)| {
                let item = self.object(item, &p)?;
                Some(self.custom_checklist(item, &p))
            })
            .collect();
        let graph = self.section(&mut o, "graph", "$.graph");
        let graph = self.graph(graph);
        Workbook {
            schema,
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

    fn context(&mut self, mut o: Obj) -> Context {
        let p = "$.context";
        Context {
            problem: self.take(&mut o, "problem", p),
            team_size: self.field(&mut o, "team_size", p, false),
            teams: self.field(&mut o, "teams", p, false),
            peak_rps: self.field(&mut o, "peak_rps", p, false),
            data_volume_gb: self.field(&mut o, "data_volume_gb", p, false),
            p99_latency_ms: self.field(&mut o, "p99_latency_ms", p, false),
            read_percent: self.field(&mut o, "read_percent", p, false),
            deploy_frequency: self.field(&mut o, "deploy_frequency", p, false),
            rpo_minutes: self.field(&mut o, "rpo_minutes", p, false),
            rto_minutes: self.field(&mut o, "rto_minutes", p, false),
            strong_consistency: self.strings(&mut o, "strong_consistency", p),
            drivers: self.strings(&mut o, "drivers", p),
            extra: o,
        }
    }

    fn decision(&mut self, mut o: Obj, p: &str) -> Decision {
        let answers = self.string_map(&mut o, "answers", p);
        let not_applicable = self.string_map(&mut o, "not_applicable", p);
        let status = self.field(&mut o, "status", p, false);
        let chosen = self.field(&mut o, "chosen", p, false);
        let accepted_option = self.field(&mut o, "accepted_option", p, false);
        let justification = self.take(&mut o, "justification", p);
        let decision_makers = self.strings(&mut o, "decision_makers", p);
        let consulted = self.strings(&mut o, "consulted", p);
        let informed = self.strings(&mut o, "informed", p);
        let notes = self.take(&mut o, "notes", p);
        let date: Option<String> = self.field(&mut o, "date", p, false);
        if let Some(Err(why)) = date.as_deref().map(check_date) {
            self.problem(&format!("{p}.date"), why);
        }
        Decision {
            answers,
            not_applicable,
            status,
            chosen,
            justification,
            accepted_option,
            decision_makers,
            consulted,
            informed,
            notes,
            date,
            extra: o,
        }
    }

    fn accepted(&mut self, mut o: Obj, p: &str) -> AcceptedRisk {
        AcceptedRisk {
            rule: self.field(&mut o, "rule", p, true).unwrap_or_default(),
            group: self.field(&mut o, "group", p, false),
            nodes: self.strings(&mut o, "nodes", p),
            edges: self.strings(&mut o, "edges", p),
            decision: self.field(&mut o, "decision", p, false),
            reason: self.take(&mut o, "reason", p),
            extra: o,
        }
    }

    fn thresholds(&mut self, mut o: Obj) -> Thresholds {
        let d = Thresholds::default();
        let p = "$.thresholds";
        let mut num =
            |key: &str, default: u32| self.field(&mut o, key, p, false).unwrap_or(default);
        let t = Thresholds {
            sync_chain_depth: num("sync_chain_depth", d.sync_chain_depth),
            sync_fan_out: num("sync_fan_out", d.sync_fan_out),
            components_per_team: num("components_per_team", d.components_per_team),
            services_per_small_team: num("services_per_small_team", d.services_per_small_team),
            read_heavy_percent: num("read_heavy_percent", d.read_heavy_percent),
            extra: Obj::new(),
        };
        Thresholds { extra: o, ..t }
    }

    fn custom_checklist(&mut self, mut item: Obj, p: &str) -> CustomChecklist {
        let file: Option<String> = self.field(&mut item, "file", p, true);
        let markdown: Option<String> = self.field(&mut item, "markdown", p, true);
        if let (Some(file), Some(markdown), Some(check)) = (&file, &markdown, self.extras.markdown)
        {
            for (line, message) in check(file, markdown) {
                self.problem(&format!("{p}.markdown"), format!("line {line}: {message}"));
            }
        }
        CustomChecklist {
            file: file.unwrap_or_default(),
            markdown: markdown.unwrap_or_default(),
            extra: item,
        }
    }

    fn graph(&mut self, mut g: Obj) -> Graph {
        if let Some(check) = self.extras.limits {
            let count = |key: &str| g.get(key).and_then(Value::as_array).map_or(0, Vec::len);
            if let Some((key, why)) = check(count("nodes"), count("edges")) {
                self.problem(&format!("$.graph.{key}"), why);
                return Graph::default();
            }
        }
        // Ids of nodes, including those with other problems, so that a node
        // with a bad kind does not also make its edges "dangling".
        let mut seen: HashMap<String, usize> = HashMap::new();
        let mut nodes = Vec::new();
        for (i, (p, node)) in self
            .items(&mut g, "nodes", "$.graph.nodes")
            .into_iter()
            .enumerate()
        {
            let Some(mut n) = self.object(node, &p) else {
                continue;
            };
            let id: Option<String> = self.field(&mut n, "id", &p, true);
            let name = self.take(&mut n, "name", &p);
            let kind: Option<NodeKind> = self.field(&mut n, "kind", &p, true);
            let replicas: Option<u32> = self.field(&mut n, "replicas", &p, false);
            if replicas == Some(0) {
                self.problem(&format!("{p}.replicas"), "must be at least 1");
            }
            let traits = self.strings(&mut n, "traits", &p);
            let evidence = self.strings(&mut n, "evidence", &p);
            let team = self.field(&mut n, "team", &p, false);
            let part_of = self.field(&mut n, "part_of", &p, false);
            let x = self.field(&mut n, "x", &p, false);
            let y = self.field(&mut n, "y", &p, false);
            if let Some(id) = &id {
                if id.trim().is_empty() {
                    self.problem(&format!("{p}.id"), "must not be empty");
                }
                if let Some(first) = seen.get(id) {
                    self.problem(
                        &format!("{p}.id"),
                        format!(
                            "duplicate node id \"{id}\" (already used by $.graph.nodes[{first}])"
                        ),
                    );
                } else {
                    seen.insert(id.clone(), i);
                }
            }
            nodes.push(Node {
                id: id.unwrap_or_default(),
                name,
                // Without a valid kind the load fails; any kind will do here.
                kind: kind.unwrap_or(NodeKind::Service),
                replicas,
                traits,
                team,
                part_of,
                x,
                y,
                evidence,
                extra: n,
            });
        }
        let mut edges = Vec::new();
        for (p, edge) in self.items(&mut g, "edges", "$.graph.edges") {
            let Some(mut e) = self.object(edge, &p) else {
                continue;
            };
            let mut end = |r: &mut Self, key: &str| -> String {
                let id: Option<String> = r.field(&mut e, key, &p, true);
                if let Some(id) = &id {
                    if !seen.contains_key(id) {
                        r.problem(
                            &format!("{p}.{key}"),
                            format!("no node has the id \"{id}\""),
                        );
                    }
                }
                id.unwrap_or_default()
            };
            let from = end(self, "from");
            let to = end(self, "to");
            edges.push(Edge {
                from,
                to,
                style: self.take(&mut e, "style", &p),
                access: self.field(&mut e, "access", &p, false),
                label: self.field(&mut e, "label", &p, false),
                evidence: self.strings(&mut e, "evidence", &p),
                extra: e,
            });
        }
        let mut notes = Vec::new();
        let mut note_ids = std::collections::HashSet::new();
        for (p, note) in self.items(&mut g, "notes", "$.graph.notes") {
            let Some(mut n) = self.object(note, &p) else {
                continue;
            };
            let id: Option<String> = self.field(&mut n, "id", &p, true);
            if let Some(id) = &id {
                if id.trim().is_empty() {
                    self.problem(&format!("{p}.id"), "must not be empty");
                } else if seen.contains_key(id) || !note_ids.insert(id.clone()) {
                    self.problem(&format!("{p}.id"), format!("duplicate id \"{id}\""));
                }
            }
            let x: Option<f64> = self.field(&mut n, "x", &p, true);
            let y: Option<f64> = self.field(&mut n, "y", &p, true);
            notes.push(crate::workbook::Note {
                id: id.unwrap_or_default(),
                text: self.take(&mut n, "text", &p),
                x: x.unwrap_or_default(),
                y: y.unwrap_or_default(),
                extra: n,
            });
        }
        Graph {
            nodes,
            edges,
            notes,
            extra: g,
        }
    }
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

/// Rephrases serde's messages for people who edit JSON, not Rust:
/// "unknown variant `servce`, expected one of `client`, ..." becomes
/// "unknown value "servce"; expected one of client, ... (did you mean "service"?)".
fn plain_words(msg: &str, suggest: Option<Suggest>) -> String {
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
            if let Some(best) = suggest.and_then(|closest| closest(found, &allowed)) {
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

/// A key as a JSONPath step: `.key` when it is a plain identifier,
/// `["a key"]` otherwise.
/// The longest key a path shows whole, in characters; longer keys are cut
/// with "…", so that a path stays readable and its size never follows the
/// size of a key someone wrote.
pub(crate) const MAX_KEY_CHARS: usize = 60;

pub(crate) fn key_path(key: &str) -> String {
    if !key.is_empty()
        && key.len() <= MAX_KEY_CHARS
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        format!(".{key}")
    } else if key.chars().nth(MAX_KEY_CHARS).is_some() {
        let cut: String = key.chars().take(MAX_KEY_CHARS).collect();
        let quoted = serde_json::to_string(&cut).unwrap_or_default();
        format!("[{}…\"]", &quoted[..quoted.len() - 1])
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
    use std::collections::{HashMap, HashSet};
    use std::fmt;

    use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};

    use super::{key_path, Problem, ProblemKind};

    /// The most keys given twice that are listed one by one; the rest are
    /// counted in one last warning.
    pub(super) const MAX_LISTED: usize = 100;

    /// What the walk has found: each distinct path given twice, with how
    /// often it appears, in the order first seen.
    #[derive(Default)]
    struct Found {
        order: Vec<String>,
        counts: HashMap<String, usize>,
    }

    struct Walk<'a> {
        /// The path so far: one short segment per level (long keys are cut
        /// by [`key_path`]), so it never grows with the length of a key.
        path: &'a mut String,
        found: &'a mut Found,
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
            let depth = self.path.len();
            while let Some(key) = map.next_key::<String>()? {
                self.path.push_str(&key_path(&key));
                if !seen.insert(key) {
                    let found = &mut *self.found;
                    match found.counts.get_mut(self.path.as_str()) {
                        Some(n) => *n += 1,
                        None => {
                            found.order.push(self.path.clone());
                            found.counts.insert(self.path.clone(), 2);
                        }
                    }
                }
                map.next_value_seed(Walk {
                    path: &mut *self.path,
                    found: &mut *self.found,
                })?;
                self.path.truncate(depth);
            }
            Ok(())
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
            let depth = self.path.len();
            let mut i = 0;
            loop {
                self.path.push_str(&format!("[{i}]"));
                let more = seq
                    .next_element_seed(Walk {
                        path: &mut *self.path,
                        found: &mut *self.found,
                    })?
                    .is_some();
                self.path.truncate(depth);
                if !more {
                    return Ok(());
                }
                i += 1;
            }
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

    /// One warning per key given more than once (with how many times), at
    /// most [`MAX_LISTED`] of them and then a count of the rest. Memory is
    /// linear in the text: paths are built from cut segments and each
    /// distinct one is kept once.
    pub(super) fn find(text: &str, out: &mut Vec<Problem>) {
        let mut de = serde_json::Deserializer::from_str(text);
        let mut path = "$".to_owned();
        let mut found = Found::default();
        let _ = Walk {
            path: &mut path,
            found: &mut found,
        }
        .deserialize(&mut de);
        let total = found.order.len();
        for path in found.order.into_iter().take(MAX_LISTED) {
            let n = found.counts[&path];
            out.push(Problem {
                kind: ProblemKind::Warning,
                path,
                message: format!(
                    "this key appears {} in its object; only its last value is read",
                    match n {
                        2 => "twice".to_owned(),
                        n => format!("{} times", crate::thousands(n)),
                    }
                ),
            });
        }
        if total > MAX_LISTED {
            out.push(Problem {
                kind: ProblemKind::Warning,
                path: "$".to_owned(),
                message: format!(
                    "{} more keys appear more than once in their objects (not listed); only their last values are read",
                    crate::thousands(total - MAX_LISTED)
                ),
            });
        }
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
            plain_words("unknown variant `servce`, expected one of `client`, `service`, `worker`", Some(closest)),
            "unknown value \"servce\"; expected one of client, service, worker (did you mean \"service\"?)"
        );
        assert_eq!(
            plain_words(
                "unknown variant `rpc`, expected `sync` or `async`",
                Some(closest)
            ),
            "unknown value \"rpc\"; expected one of sync, async"
        );
        assert_eq!(
            plain_words("missing field `rule`", Some(closest)),
            "missing the required field \"rule\""
        );
        assert_eq!(
            plain_words("invalid type: string \"six\", expected u32", Some(closest)),
            "expected a whole number, found \"six\""
        );
        assert_eq!(
            plain_words(
                "invalid type: integer `3`, expected a string",
                Some(closest)
            ),
            "expected text, found 3"
        );
        assert_eq!(
            plain_words(
                "invalid type: string \"x\", expected struct Edge",
                Some(closest)
            ),
            "expected an object, found \"x\""
        );
        assert_eq!(
            plain_words("invalid value: integer `300`, expected u8", Some(closest)),
            "300 is out of range for a whole number"
        );
        assert_eq!(
            plain_words("something else", Some(closest)),
            "something else"
        );
        // Stored workbooks get no suggestion.
        assert_eq!(
            plain_words(
                "unknown variant `servce`, expected one of `client`, `service`",
                None
            ),
            "unknown value \"servce\"; expected one of client, service"
        );
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
