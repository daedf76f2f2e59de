//! Compose files: several files merged in order, as `docker compose -f a -f
//! b` does, `${VAR:-default}` interpolation, and each service as a
//! [`Component`] with where each fact came from.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use super::{Component, Fact, Notes};

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
pub fn read(files: &[(&str, &Value)], notes: &mut Notes) -> Vec<Component> {
    let mut services: Vec<(String, Service)> = Vec::new();
    // Variable → the services that use it without a default.
    let mut unset: Vec<(String, Vec<String>)> = Vec::new();
    for (file, doc) in files {
        let Some(Value::Object(list)) = doc.get("services") else {
            continue;
        };
        for (name, def) in list {
            let Value::Object(def) = interpolate(def, &mut |var| match unset
                .iter_mut()
                .find(|(v, _)| v == var)
            {
                Some((_, users)) if users.contains(name) => {}
                Some((_, users)) => users.push(name.clone()),
                None => unset.push((var.to_owned(), vec![name.clone()])),
            }) else {
                notes.push(format!(
                    "{file}: services.{name} is not a mapping; it was skipped."
                ));
                continue;
            };
            let def = normalise(def);
            let at = match services.iter().position(|(n, _)| n == name) {
                Some(i) => i,
                None => {
                    services.push((name.clone(), Service::default()));
                    services.len() - 1
                }
            };
            let s = &mut services[at].1;
            s.files.push((*file).to_owned());
            for path in provenance_paths(&def) {
                s.from.insert(path, (*file).to_owned());
            }
            merge(&mut s.fields, def);
        }
    }
    for (var, users) in unset {
        notes.push(format!(
            "${{{var}}} has no default and no value here, so it was read as empty (in {}).",
            users.join(", ")
        ));
    }
    services
        .into_iter()
        .map(|(name, s)| component(name, s))
        .collect()
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

/// Compose's variable interpolation in every string: `${VAR}`, `$VAR`,
/// `${VAR:-default}`, `${VAR-default}`, `${VAR:?error}`, `$$` for a dollar.
/// No variable is set here (an import never reads the machine's
/// environment), so defaults apply and the rest become empty, with a note.
fn interpolate(v: &Value, unset: &mut dyn FnMut(&str)) -> Value {
    match v {
        Value::String(s) => Value::String(substitute_dyn(s, unset)),
        Value::Array(a) => Value::Array(a.iter().map(|x| interpolate(x, unset)).collect()),
        Value::Object(o) => Value::Object(
            o.iter()
                .map(|(k, x)| (k.clone(), interpolate(x, unset)))
                .collect(),
        ),
        other => other.clone(),
    }
}

/// Substitutes variables in `s`, calling `unset` for each one without a
/// default.
#[cfg(test)]
fn substitute(s: &str, mut unset: impl FnMut(&str)) -> String {
    substitute_dyn(s, &mut unset)
}

fn substitute_dyn(s: &str, unset: &mut dyn FnMut(&str)) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find('$') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        if let Some(tail) = after.strip_prefix('$') {
            out.push('$');
            rest = tail;
        } else if let Some(body) = after.strip_prefix('{') {
            // The matching brace, allowing one level of nesting in defaults.
            let mut depth = 1;
            let mut end = None;
            for (i, ch) in body.char_indices() {
                match ch {
                    '{' => depth += 1,
                    '}' => {
                        depth -= 1;
                        if depth == 0 {
                            end = Some(i);
                            break;
                        }
                    }
                    _ => {}
                }
            }
            let Some(end) = end else {
                // No closing brace: kept as written.
                out.push_str(&rest[at..]);
                return out;
            };
            let expr = &body[..end];
            let name_end = expr
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .unwrap_or(expr.len());
            let (name, op) = expr.split_at(name_end);
            let value = if let Some(d) = op.strip_prefix(":-").or_else(|| op.strip_prefix('-')) {
                substitute_dyn(d, unset)
            } else if op.starts_with(":?")
                || op.starts_with('?')
                || op.starts_with(":+")
                || op.starts_with('+')
            {
                // ":+alt" gives alt only when set: never here.
                if !op.contains('+') {
                    unset(name);
                }
                String::new()
            } else {
                unset(name);
                String::new()
            };
            out.push_str(&value);
            rest = &body[end + 1..];
        } else {
            let name_end = after
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .unwrap_or(after.len());
            if name_end == 0 {
                out.push('$');
            } else {
                unset(&after[..name_end]);
            }
            rest = &after[name_end..];
        }
    }
    out.push_str(rest);
    out
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
        );
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
        let c = read(&[("base.yml", &base), ("over.yml", &over)], &mut notes);
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
