//! Compose files: several files merged in order, as `docker compose -f a -f
//! b` does, `${VAR:-default}` interpolation, and each service as a
//! [`Component`] with where each fact came from.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde_json::{Map, Value};

use super::{Component, Fact, ImportError, Notes};

/// Whether a document is a compose file.
pub fn is_compose(doc: &Value) -> bool {
    doc.get("services").is_some_and(Value::is_object) && doc.get("kind").is_none()
}

/// One service after merging: its fields, and the file each came from.
#[derive(Default)]
struct Service {
    fields: Map<String, Value>,
    /// "environment.KEY", "depends_on.db", "image", ... → file name.
    from: BTreeMap<String, String>,
    files: Vec<String>,
}

/// The services of the compose files, in the order given (later files
/// override earlier ones).
pub fn read(files: &[(&str, &Value)], notes: &mut Notes) -> Result<Vec<Component>, ImportError> {
    let mut services: Vec<(String, Service)> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut unset = Unset::default();
    for (file, doc) in files {
        let Some(Value::Object(list)) = doc.get("services") else {
            continue;
        };
        for (name, def) in list {
            let def = interpolate(def, &mut |var| unset.note(var, name))
                .map_err(|why| ImportError::file(file, format!("services.{name}: {why}")))?;
            let Value::Object(def) = def else {
                notes.push(format!(
                    "{file}: services.{name} is not a mapping; it was skipped."
                ));
                continue;
            };
            let def = normalise(def);
            let at = *index.entry(name.clone()).or_insert_with(|| {
                services.push((name.clone(), Service::default()));
                services.len() - 1
            });
            let s = &mut services[at].1;
            s.files.push((*file).to_owned());
            for path in provenance_paths(&def) {
                s.from.insert(path, (*file).to_owned());
            }
            merge(&mut s.fields, def);
        }
    }
    for (var, users) in unset.list {
        notes.push(format!(
            "${{{var}}} has no default and no value here, so it was read as empty (in {}).",
            users.join(", ")
        ));
    }
    Ok(services
        .into_iter()
        .map(|(name, s)| component(name, s))
        .collect())
}

/// Variables used without a default, each with the services that use it,
/// in the order first seen; every lookup is a hash lookup, so a file full
/// of variables costs time linear in its size.
#[derive(Default)]
struct Unset {
    list: Vec<(String, Vec<String>)>,
    at: HashMap<String, usize>,
    pairs: HashSet<(usize, String)>,
}

impl Unset {
    fn note(&mut self, var: &str, service: &str) {
        let i = match self.at.get(var) {
            Some(&i) => i,
            None => {
                self.list.push((var.to_owned(), Vec::new()));
                self.at.insert(var.to_owned(), self.list.len() - 1);
                self.list.len() - 1
            }
        };
        if self.pairs.insert((i, service.to_owned())) {
            self.list[i].1.push(service.to_owned());
        }
    }
}

fn component(name: String, s: Service) -> Component {
    let f = &s.fields;
    let file_of = |path: &str| {
        s.from
            .get(path)
            .cloned()
            .unwrap_or_else(|| s.files.last().cloned().unwrap_or_default())
    };
    let here = |path: &str| format!("{}: services.{name}.{path}", file_of(path));
    let mut c = Component::new(
        &name,
        "compose",
        &s.files.join(" + "),
        &format!("services.{name}"),
    );
    if let Some(image) = f.get("image").and_then(Value::as_str) {
        c.image = Some(Fact::new(image.to_owned(), here("image")));
    }
    if f.contains_key("build") {
        c.built = Some(here("build"));
    }
    let replicas = f
        .get("deploy")
        .and_then(|d| d.get("replicas"))
        .map(|r| (r, "deploy.replicas"))
        .or_else(|| f.get("scale").map(|r| (r, "scale")));
    if let Some((r, path)) = replicas {
        if let Some(n) = as_u32(r) {
            c.replicas = Some(Fact::new(n, format!("{} = {n}", here(path))));
        }
    }
    if let Some(Value::Object(env)) = f.get("environment") {
        for (k, v) in env {
            let value = scalar(v);
            c.env
                .push((k.clone(), value, here(&format!("environment.{k}"))));
        }
    }
    if let Some(Value::Object(deps)) = f.get("depends_on") {
        for target in deps.keys() {
            c.links.push(Fact::new(
                target.clone(),
                here(&format!("depends_on.{target}")),
            ));
        }
    }
    if let Some(Value::Array(links)) = f.get("links") {
        for l in links.iter().filter_map(Value::as_str) {
            let target = l.split(':').next().unwrap_or(l).to_owned();
            c.links
                .push(Fact::new(target, here(&format!("links: {l}"))));
        }
    }
    if let Some(Value::Array(ports)) = f.get("ports") {
        for p in ports {
            if let Some(published) = published_port(p) {
                c.published
                    .push(format!("{} publishes {published}", here("ports")));
            }
        }
    }
    for key in ["command", "entrypoint"] {
        match f.get(key) {
            Some(Value::String(s)) => c.command.push_str(&format!(" {s}")),
            Some(Value::Array(a)) => {
                for part in a.iter().filter_map(Value::as_str) {
                    c.command.push(' ');
                    c.command.push_str(part);
                }
            }
            _ => {}
        }
    }
    c.aliases.push(name.clone());
    for key in ["container_name", "hostname"] {
        if let Some(alias) = f.get(key).and_then(Value::as_str) {
            c.aliases.push(alias.to_owned());
        }
    }
    if let Some(Value::Object(networks)) = f.get("networks") {
        for net in networks.values() {
            if let Some(Value::Array(aliases)) = net.get("aliases") {
                c.aliases
                    .extend(aliases.iter().filter_map(Value::as_str).map(str::to_owned));
            }
        }
    }
    c
}

/// The host port a `ports` entry publishes, if it publishes one: "8080:80",
/// "127.0.0.1:8080:80", { published: 8080, target: 80 }. A bare container
/// port ("80") publishes a random host port: still published.
fn published_port(p: &Value) -> Option<String> {
    match p {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Object(o) => o
            .get("published")
            .map(scalar)
            .or_else(|| o.get("target").map(scalar)),
        _ => None,
    }
}

fn as_u32(v: &Value) -> Option<u32> {
    match v {
        Value::Number(n) => n.as_u64().and_then(|n| u32::try_from(n).ok()),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// A scalar as text (numbers and booleans as written).
pub fn scalar(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// `environment`, `depends_on` and `labels` as mappings whichever form the
/// file used, so that files merge key by key.
fn normalise(mut def: Map<String, Value>) -> Map<String, Value> {
    for key in ["environment", "labels"] {
        if let Some(Value::Array(list)) = def.get(key) {
            let map: Map<String, Value> = list
                .iter()
                .filter_map(Value::as_str)
                .map(|item| match item.split_once('=') {
                    Some((k, v)) => (k.to_owned(), Value::String(v.to_owned())),
                    None => (item.to_owned(), Value::Null),
                })
                .collect();
            def.insert(key.to_owned(), Value::Object(map));
        }
    }
    if let Some(Value::Array(list)) = def.get("depends_on") {
        let map: Map<String, Value> = list
            .iter()
            .filter_map(Value::as_str)
            .map(|s| (s.to_owned(), Value::Object(Map::new())))
            .collect();
        def.insert("depends_on".into(), Value::Object(map));
    }
    def
}

/// The paths whose source file evidence cites.
fn provenance_paths(def: &Map<String, Value>) -> Vec<String> {
    let mut out = Vec::new();
    for key in ["image", "build", "ports", "scale", "links"] {
        if def.contains_key(key) {
            out.push(key.to_owned());
        }
    }
    if def.get("deploy").and_then(|d| d.get("replicas")).is_some() {
        out.push("deploy.replicas".into());
    }
    for key in ["environment", "depends_on"] {
        if let Some(Value::Object(m)) = def.get(key) {
            out.extend(m.keys().map(|k| format!("{key}.{k}")));
        }
    }
    out
}

/// Compose's merge: mappings merge key by key, single values and commands
/// are replaced, other sequences are appended without repeats.
fn merge(into: &mut Map<String, Value>, from: Map<String, Value>) {
    for (k, v) in from {
        match (into.get_mut(&k), v) {
            (Some(Value::Object(a)), Value::Object(b)) => merge(a, b),
            (Some(Value::Array(a)), Value::Array(b))
                if !matches!(k.as_str(), "command" | "entrypoint" | "test" | "dns") =>
            {
                for item in b {
                    if !a.contains(&item) {
                        a.push(item);
                    }
                }
            }
            (_, v) => {
                into.insert(k, v);
            }
        }
    }
}

/// How deeply `${A:-${B:-…}}` may nest. Real files nest once or twice;
/// the limit keeps a hostile file from costing stack or quadratic time.
pub const MAX_NESTING: usize = 32;

/// Compose's variable interpolation in every string: `${VAR}`, `$VAR`,
/// `${VAR:-default}`, `${VAR-default}`, `${VAR:?error}`, `$$` for a dollar.
/// No variable is set here (an import never reads the machine's
/// environment), so defaults apply and the rest become empty, with a note.
/// Nesting deeper than [`MAX_NESTING`] is refused with a message.
fn interpolate(v: &Value, unset: &mut dyn FnMut(&str)) -> Result<Value, String> {
    Ok(match v {
        Value::String(s) => Value::String(substitute_dyn(s, unset)?),
        Value::Array(a) => Value::Array(
            a.iter()
                .map(|x| interpolate(x, unset))
                .collect::<Result<_, _>>()?,
        ),
        Value::Object(o) => Value::Object(
            o.iter()
                .map(|(k, x)| Ok((k.clone(), interpolate(x, unset)?)))
                .collect::<Result<_, String>>()?,
        ),
        other => other.clone(),
    })
}

/// Substitutes variables in `s`, calling `unset` for each one without a
/// default.
#[cfg(test)]
fn substitute(s: &str, mut unset: impl FnMut(&str)) -> Result<String, String> {
    substitute_dyn(s, &mut unset)
}

/// What an open `${NAME…` does with the text up to its `}`.
#[derive(Clone, Copy, PartialEq)]
enum Op {
    /// `${NAME}`: the value, here always unset.
    Value,
    /// `:-` or `-`: the default (the name is never set here).
    Default,
    /// `:?` or `?`: an error when unset; read as empty, with a note.
    Required,
    /// `:+` or `+`: the alternative only when set: never here.
    Alternative,
}

/// One open `${`: where it started, its name and operator, and the text of
/// its default so far.
struct Frame<'a> {
    start: usize,
    name: &'a str,
    op: Op,
    text: String,
}

/// One pass over the text with an explicit stack of open `${`, so that
/// time is linear in the text and nesting costs no call stack.
fn substitute_dyn(s: &str, unset: &mut dyn FnMut(&str)) -> Result<String, String> {
    let mut out = String::with_capacity(s.len());
    let mut stack: Vec<Frame> = Vec::new();
    let bytes = s.as_bytes();
    let name_len = |from: usize| {
        bytes[from..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric() || **b == b'_')
            .count()
    };
    let mut i = 0;
    while i < s.len() {
        let open = !stack.is_empty();
        let buf = match stack.last_mut() {
            Some(f) => &mut f.text,
            None => &mut out,
        };
        match bytes[i] {
            b'$' if bytes.get(i + 1) == Some(&b'$') => {
                buf.push('$');
                i += 2;
            }
            b'$' if bytes.get(i + 1) == Some(&b'{') => {
                let n = name_len(i + 2);
                let name = &s[i + 2..i + 2 + n];
                let rest = &s[i + 2 + n..];
                let (op, skip) = if rest.starts_with('}') {
                    (Op::Value, 0)
                } else if rest.starts_with(":-") {
                    (Op::Default, 2)
                } else if rest.starts_with('-') {
                    (Op::Default, 1)
                } else if rest.starts_with(":?") {
                    (Op::Required, 2)
                } else if rest.starts_with('?') {
                    (Op::Required, 1)
                } else if rest.starts_with(":+") {
                    (Op::Alternative, 2)
                } else if rest.starts_with('+') {
                    (Op::Alternative, 1)
                } else {
                    // Not a variable compose knows: the text is kept.
                    buf.push('$');
                    i += 1;
                    continue;
                };
                if stack.len() == MAX_NESTING {
                    return Err(format!(
                        "variables are nested more than {MAX_NESTING} deep (${{A:-${{B:-…}}}}); compose files never need that many, so the file was not read"
                    ));
                }
                stack.push(Frame {
                    start: i,
                    name,
                    op,
                    text: String::new(),
                });
                i += 2 + n + skip;
            }
            b'$' => {
                let n = name_len(i + 1);
                if n == 0 {
                    buf.push('$');
                } else {
                    unset(&s[i + 1..i + 1 + n]);
                }
                i += 1 + n;
            }
            b'}' if open => {
                let f = stack.pop().expect("not empty");
                let value = match f.op {
                    Op::Default => f.text,
                    Op::Alternative => String::new(),
                    Op::Value | Op::Required => {
                        unset(f.name);
                        String::new()
                    }
                };
                match stack.last_mut() {
                    Some(parent) => parent.text.push_str(&value),
                    None => out.push_str(&value),
                }
                i += 1;
            }
            _ => {
                // Copy the run up to the next `$` or `}` at once.
                let run = bytes[i..]
                    .iter()
                    .position(|&b| b == b'$' || b == b'}')
                    .map_or(s.len(), |p| i + p);
                let run = run.max(i + 1);
                // Runs end at ASCII bytes, so they are whole characters.
                buf.push_str(&s[i..run]);
                i = run;
            }
        }
    }
    // An unclosed `${`: kept as written from the outermost open one.
    if let Some(first) = stack.first() {
        out.push_str(&s[first.start..]);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variables_take_their_defaults() {
        let mut missing = Vec::new();
        let out = substitute(
            "${A:-x} ${B-y} ${C} $D $$E ${F:-${G:-z}} ${H:?needed} ${I:+alt}",
            |n| missing.push(n.to_owned()),
        )
        .unwrap();
        assert_eq!(out, "x y   $E z  ");
        assert_eq!(missing, ["C", "D", "H"]);
    }

    #[test]
    fn override_files_merge_key_by_key() {
        let base: Value = serde_json::json!({ "services": {
            "api": { "image": "shop/api:1", "environment": ["A=1", "B=2"], "depends_on": ["db"], "ports": ["80"] }
        }});
        let over: Value = serde_json::json!({ "services": {
            "api": { "image": "shop/api:2", "environment": { "B": "3", "C": "4" }, "depends_on": { "cache": { "condition": "service_started" } }, "ports": ["8080:80"] }
        }});
        let mut notes = Notes::default();
        let c = read(&[("base.yml", &base), ("over.yml", &over)], &mut notes).unwrap();
        assert_eq!(c.len(), 1);
        let api = &c[0];
        assert_eq!(api.image.as_ref().unwrap().value, "shop/api:2");
        assert_eq!(
            api.image.as_ref().unwrap().evidence,
            "over.yml: services.api.image"
        );
        let env: Vec<(&str, &str)> = api
            .env
            .iter()
            .map(|(k, v, _)| (k.as_str(), v.as_str()))
            .collect();
        assert_eq!(env, [("A", "1"), ("B", "3"), ("C", "4")]);
        assert!(api.env[0].2.starts_with("base.yml"));
        assert!(api.env[1].2.starts_with("over.yml"));
        let deps: Vec<&str> = api.links.iter().map(|l| l.value.as_str()).collect();
        assert_eq!(deps, ["db", "cache"]);
        assert_eq!(api.published.len(), 2);
    }
}
