//! Reads a checklist Markdown file. pulldown-cmark finds the blocks (headings,
//! paragraphs, lists, footnote definitions) and their lines; the few small
//! conventions inside them (`**Recommend:**`, `When ... is ...`) are read from
//! each block's source text.

use std::collections::HashSet;

use pulldown_cmark::HeadingLevel;

use super::*;
use crate::mdblocks::{blocks, code_span, strip_refs, Block, Located};

/// Parses one checklist file. `file` names it in errors.
pub fn parse(file: &str, src: &str) -> Result<Checklist, ContentErrors> {
    let src = crate::workbook::Thresholds::expand(src);
    let blocks = blocks(&src);
    let mut p = Reader {
        file,
        errors: Vec::new(),
    };
    let checklist = p.read(&blocks);
    if p.errors.is_empty() {
        p.validate(&checklist);
    }
    if p.errors.is_empty() {
        Ok(checklist)
    } else {
        p.errors.sort_by_key(|e| e.line);
        Err(ContentErrors(p.errors))
    }
}

struct Reader<'a> {
    file: &'a str,
    errors: Vec<ContentError>,
}

#[derive(PartialEq, Clone, Copy)]
enum Section {
    Head,
    Options,
    Questions,
    Rules,
    Risks,
    Sources,
}

impl Reader<'_> {
    fn error(&mut self, line: usize, message: impl Into<String>) {
        self.errors.push(ContentError {
            file: self.file.to_owned(),
            line,
            message: message.into(),
        });
    }

    fn read(&mut self, blocks: &[Located]) -> Checklist {
        let mut c = Checklist {
            id: String::new(),
            title: String::new(),
            decision: String::new(),
            intro: String::new(),
            options: vec![],
            questions: vec![],
            rules: vec![],
            risks: vec![],
            category: None,
            sources: vec![],
        };
        let mut section = Section::Head;
        let mut title_line = 0;
        for b in blocks {
            match &b.block {
                Block::Footnote { label, text } => {
                    c.sources.push(Source { label: label.clone(), text: strip_refs(text) });
                }
                Block::Heading { level: HeadingLevel::H1, text } => {
                    if !c.title.is_empty() {
                        self.error(b.line, "a checklist has one title (# heading); use ## for sections");
                    }
                    c.title = text.clone();
                    title_line = b.line;
                }
                Block::Heading { level: HeadingLevel::H2, text } => {
                    section = match text.to_ascii_lowercase().as_str() {
                        "options" => Section::Options,
                        "questions" => Section::Questions,
                        "recommendations" => Section::Rules,
                        "risks" => Section::Risks,
                        "sources" => Section::Sources,
                        _ => {
                            self.error(
                                b.line,
                                format!("unknown section \"{text}\"; expected Options, Questions, Recommendations, Risks or Sources"),
                            );
                            Section::Sources
                        }
                    };
                }
                Block::Heading { level: HeadingLevel::H3, text } => match section {
                    Section::Options => {
                        let (title, id) = self.titled_id(b.line, text, "option");
                        c.options.push(DecisionOption {
                            id,
                            title,
                            description: String::new(),
                            pros: vec![],
                            cons: vec![],
                            sources: b.refs.clone(),
                            in_graph: vec![],
                            line: b.line,
                        });
                    }
                    Section::Questions => {
                        let (prompt, id) = self.titled_id(b.line, text, "question");
                        c.questions.push(Question {
                            id,
                            prompt,
                            help: String::new(),
                            choices: vec![],
                            from_context: None,
                            sources: vec![],
                            line: b.line,
                        });
                    }
                    Section::Rules => {
                        let (when, any) = self.conditions(b.line, text);
                        c.rules.push(Rule {
                            when,
                            any,
                            recommend: String::new(),
                            risk: RiskLevel::None,
                            advice: String::new(),
                            rationale: String::new(),
                            sources: vec![],
                            line: b.line,
                        });
                    }
                    Section::Risks => {
                        let (title, id) = self.titled_id(b.line, text, "risk");
                        c.risks.push(Risk {
                            id,
                            title,
                            when: vec![],
                            any: false,
                            level: RiskLevel::None,
                            advice: String::new(),
                            rationale: String::new(),
                            category: None,
                            sources: b.refs.clone(),
                            line: b.line,
                        });
                    }
                    _ => self.error(b.line, "a ### heading belongs under ## Options, ## Questions, ## Recommendations or ## Risks"),
                },
                Block::Heading { text, .. } => self.error(b.line, format!("unexpected heading level for \"{text}\"")),
                Block::List { items } => match section {
                    Section::Head if c.options.is_empty() => self.metadata(&mut c, items),
                    Section::Options => match c.options.last_mut() {
                        Some(o) => {
                            let (points, other) = split_points(items);
                            for (good, point, line) in points {
                                if point.text.is_empty() {
                                    self.error(line, "say what is good or bad after \"because\"");
                                }
                                if good { o.pros.push(point) } else { o.cons.push(point) }
                            }
                            append_md(&mut o.description, &other);
                        }
                        None => self.error(b.line, "a list under ## Options needs a ### option heading above it"),
                    },
                    Section::Questions => {
                        let Some(q) = c.questions.last_mut() else {
                            self.error(b.line, "a list under ## Questions needs a ### question heading above it");
                            continue;
                        };
                        if items.iter().all(|(t, _, _)| t.starts_with('`')) {
                            for (text, _, line) in items {
                                match choice_item(text) {
                                    Some(ch) => q.choices.push(ch),
                                    None => self.errors.push(ContentError {
                                        file: self.file.to_owned(),
                                        line: *line,
                                        message: "a choice is written as: - `id`: Label".to_owned(),
                                    }),
                                }
                            }
                        } else {
                            let md: Vec<String> = items.iter().map(|(t, _, _)| format!("- {}", strip_refs(t))).collect();
                            append_md(&mut q.help, &md.join("\n"));
                            q.sources.extend(b.refs.iter().cloned());
                        }
                    }
                    Section::Rules => {
                        let Some(r) = c.rules.last_mut() else {
                            self.error(b.line, "a list under ## Recommendations needs a ### When ... heading above it");
                            continue;
                        };
                        let mut errs = Vec::new();
                        for (text, _, line) in items {
                            if let Err(e) = rule_field(r, text) {
                                errs.push((*line, e));
                            }
                        }
                        for (l, e) in errs {
                            self.error(l, e);
                        }
                    }
                    Section::Risks => {
                        let Some(r) = c.risks.last_mut() else {
                            self.error(b.line, "a list under ## Risks needs a ### Title (`risk-id`) heading above it");
                            continue;
                        };
                        let mut errs = Vec::new();
                        for (text, _, line) in items {
                            if let Err(e) = risk_field(r, text) {
                                errs.push((*line, e));
                            }
                        }
                        for (l, e) in errs {
                            self.error(l, e);
                        }
                    }
                    Section::Head | Section::Sources => {}
                },
                Block::Text { src, first_words } => match section {
                    Section::Head => append_md(&mut c.intro, &strip_refs(src)),
                    Section::Options => {
                        if let Some(o) = c.options.last_mut() {
                            if first_words.starts_with("In the graph:") {
                                match in_graph(src) {
                                    Ok(e) => o.in_graph.extend(e),
                                    Err(e) => self.error(b.line, e),
                                }
                            } else {
                                append_md(&mut o.description, &strip_refs(src));
                                o.sources.extend(b.refs.iter().cloned());
                            }
                        }
                    }
                    Section::Questions => {
                        if let Some(q) = c.questions.last_mut() {
                            if first_words.starts_with("From context:") {
                                match context_mapping(src) {
                                    Ok(m) => q.from_context = Some(m),
                                    Err(e) => self.error(b.line, e),
                                }
                            } else {
                                append_md(&mut q.help, &strip_refs(src));
                                q.sources.extend(b.refs.iter().cloned());
                            }
                        }
                    }
                    Section::Rules => {
                        if let Some(r) = c.rules.last_mut() {
                            append_md(&mut r.rationale, &strip_refs(src));
                            r.sources.extend(b.refs.iter().cloned());
                        }
                    }
                    Section::Risks => {
                        if let Some(r) = c.risks.last_mut() {
                            append_md(&mut r.rationale, &strip_refs(src));
                            r.sources.extend(b.refs.iter().cloned());
                        }
                    }
                    Section::Sources => {}
                },
            }
        }
        if c.title.is_empty() {
            self.error(1, "missing the title: the file starts with \"# Title\"");
        }
        if c.id.is_empty() {
            self.error(
                title_line.max(1),
                "missing \"- **Id:** `some-id`\" under the title",
            );
        }
        if c.decision.is_empty() {
            self.error(
                title_line.max(1),
                "missing \"- **Decision:** the question to decide\" under the title",
            );
        }
        c
    }

    fn metadata(&mut self, c: &mut Checklist, items: &[(String, Vec<String>, usize)]) {
        for (text, _, line) in items {
            if let Some(v) = text.strip_prefix("**Id:**") {
                match code_span(v.trim()) {
                    Some(id) if v.trim().len() == id.len() + 2 => c.id = id.to_owned(),
                    _ => self.error(*line, "write the id in backticks: - **Id:** `some-id`"),
                }
            } else if let Some(v) = text.strip_prefix("**Decision:**") {
                c.decision = strip_refs(v);
            } else if let Some(v) = text.strip_prefix("**Category:**") {
                match category(v) {
                    Ok(cat) => c.category = Some(cat),
                    Err(e) => self.error(*line, e),
                }
            } else {
                self.error(
                    *line,
                    "under the title only \"- **Id:**\", \"- **Decision:**\" and \"- **Category:**\" are read",
                );
            }
        }
    }

    /// "Prompt text (`id`)" into its text and id.
    fn titled_id(&mut self, line: usize, text: &str, what: &str) -> (String, String) {
        let t = text.trim();
        if let Some(open) = t.rfind("(`") {
            if let Some(id) = t[open + 2..].strip_suffix("`)") {
                return (t[..open].trim().to_owned(), id.to_owned());
            }
        }
        self.error(
            line,
            format!(
                "a {what} heading ends with its id in backticks, like \"### Title (`some-id`)\""
            ),
        );
        (t.to_owned(), String::new())
    }

    /// "When `a` is `x` or `y` and `b` is not `z`", or "Otherwise".
    fn conditions(&mut self, line: usize, text: &str) -> (Vec<Condition>, bool) {
        let t = text.trim();
        if t.eq_ignore_ascii_case("otherwise") {
            return (vec![], false);
        }
        let Some(rest) = t.strip_prefix("When ") else {
            self.error(line, "a recommendation heading is \"### When `question` is `choice`\" or \"### Otherwise\"");
            return (vec![], false);
        };
        match parse_conditions(rest) {
            Ok(r) => r,
            Err(e) => {
                self.error(line, e);
                (vec![], false)
            }
        }
    }

    /// Checks the parsed checklist as a whole: ids exist and are unique, the
    /// rules are complete, every footnote is defined.
    fn validate(&mut self, c: &Checklist) {
        if !is_id(&c.id) {
            self.error(
                1,
                format!(
                    "the id \"{}\" must be lowercase letters, digits and dashes",
                    c.id
                ),
            );
        }
        if c.options.len() < 2 {
            self.error(1, "a decision needs at least two options under ## Options");
        }
        if c.questions.is_empty() {
            self.error(
                1,
                "a checklist needs at least one question under ## Questions",
            );
        }
        let mut seen = HashSet::new();
        for o in &c.options {
            if !is_id(&o.id) {
                self.error(
                    o.line,
                    format!(
                        "the option id \"{}\" must be lowercase letters, digits and dashes",
                        o.id
                    ),
                );
            }
            if !seen.insert(("option", o.id.clone())) {
                self.error(o.line, format!("the option id \"{}\" is used twice", o.id));
            }
        }
        for q in &c.questions {
            if !is_id(&q.id) {
                self.error(
                    q.line,
                    format!(
                        "the question id \"{}\" must be lowercase letters, digits and dashes",
                        q.id
                    ),
                );
            }
            if !seen.insert(("question", q.id.clone())) {
                self.error(
                    q.line,
                    format!("the question id \"{}\" is used twice", q.id),
                );
            }
            if q.choices.len() < 2 {
                self.error(
                    q.line,
                    format!(
                        "the question \"{}\" needs at least two choices (- `id`: Label)",
                        q.id
                    ),
                );
            }
            let mut ids = HashSet::new();
            for ch in &q.choices {
                if !is_id(&ch.id) || !ids.insert(&ch.id) {
                    self.error(
                        q.line,
                        format!(
                            "the choice id \"{}\" of \"{}\" is not a unique lowercase id",
                            ch.id, q.id
                        ),
                    );
                }
            }
            if let Some(m) = &q.from_context {
                for (_, choice) in m.arms.iter().filter(|(_, c)| !c.is_empty()) {
                    if q.choice(choice).is_none() {
                        self.error(
                            q.line,
                            format!(
                                "\"From context\" of \"{}\" names an unknown choice \"{choice}\"",
                                q.id
                            ),
                        );
                    }
                }
            }
        }
        if c.rules.is_empty() {
            self.error(
                1,
                "a checklist needs recommendations, ending with \"### Otherwise\"",
            );
        }
        for (i, r) in c.rules.iter().enumerate() {
            let last = i + 1 == c.rules.len();
            if r.is_default() && !last {
                self.error(
                    r.line,
                    "\"### Otherwise\" must be the last recommendation: rules after it never apply",
                );
            }
            if last && !r.is_default() {
                self.error(
                    r.line,
                    "the last recommendation must be \"### Otherwise\", the default",
                );
            }
            if r.recommend.is_empty() {
                self.error(
                    r.line,
                    "this recommendation has no \"- **Recommend:** `option-id`\"",
                );
            } else if c.option(&r.recommend).is_none() {
                self.error(
                    r.line,
                    format!("recommends the unknown option \"{}\"", r.recommend),
                );
            }
            if r.risk != RiskLevel::None && r.advice.is_empty() {
                self.error(
                    r.line,
                    "a recommendation with a risk needs \"- **Advice:** how to reduce it\"",
                );
            }
            if r.rationale.is_empty() {
                self.error(
                    r.line,
                    "explain the recommendation in a paragraph under its list",
                );
            }
            for cond in &r.when {
                match c.question(&cond.question) {
                    None => self.error(
                        r.line,
                        format!(
                            "the condition names the unknown question \"{}\"",
                            cond.question
                        ),
                    ),
                    Some(q) => {
                        for ch in &cond.choices {
                            if q.choice(ch).is_none() {
                                self.error(
                                    r.line,
                                    format!(
                                        "the question \"{}\" has no choice \"{ch}\" (it has: {})",
                                        q.id,
                                        choice_ids(q)
                                    ),
                                );
                            }
                        }
                    }
                }
            }
        }
        let mut risk_ids = HashSet::new();
        for r in &c.risks {
            if !is_id(&r.id) || !risk_ids.insert(r.id.as_str()) {
                self.error(
                    r.line,
                    format!("the risk id \"{}\" must be a unique lowercase id", r.id),
                );
            }
            if r.when.is_empty() {
                self.error(
                    r.line,
                    "a risk needs \"- **When:** `question` is `choice`\"",
                );
            }
            if r.level == RiskLevel::None {
                self.error(r.line, "a risk needs \"- **Risk:** medium\" or \"high\"");
            }
            if r.advice.is_empty() {
                self.error(r.line, "a risk needs \"- **Advice:** how to reduce it\"");
            }
            if r.rationale.is_empty() {
                self.error(r.line, "say why it is a risk in a paragraph under its list");
            }
            for cond in &r.when {
                match c.question(&cond.question) {
                    None => self.error(
                        r.line,
                        format!(
                            "the condition names the unknown question \"{}\"",
                            cond.question
                        ),
                    ),
                    Some(q) => {
                        for ch in &cond.choices {
                            if q.choice(ch).is_none() {
                                self.error(
                                    r.line,
                                    format!(
                                        "the question \"{}\" has no choice \"{ch}\" (it has: {})",
                                        q.id,
                                        choice_ids(q)
                                    ),
                                );
                            }
                        }
                    }
                }
            }
        }
        let refs = c
            .options
            .iter()
            .flat_map(|o| {
                o.sources
                    .iter()
                    .chain(o.pros.iter().chain(&o.cons).flat_map(|p| &p.sources))
                    .map(|s| (s, o.line))
            })
            .chain(
                c.questions
                    .iter()
                    .flat_map(|q| q.sources.iter().map(|s| (s, q.line))),
            )
            .chain(
                c.rules
                    .iter()
                    .flat_map(|r| r.sources.iter().map(|s| (s, r.line))),
            )
            .chain(
                c.risks
                    .iter()
                    .flat_map(|r| r.sources.iter().map(|s| (s, r.line))),
            )
            .filter(|(s, _)| c.source(s).is_none())
            .map(|(s, l)| (s.clone(), l))
            .collect::<Vec<_>>();
        for (s, line) in refs {
            self.error(line, format!("the footnote [^{s}] is not defined (add \"[^{s}]: the source\" under ## Sources)"));
        }
    }
}

fn choice_ids(q: &Question) -> String {
    q.choices
        .iter()
        .map(|c| c.id.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

fn is_id(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !s.starts_with('-')
        && !s.ends_with('-')
}

fn append_md(to: &mut String, md: &str) {
    if md.trim().is_empty() {
        return;
    }
    if !to.is_empty() {
        to.push_str("\n\n");
    }
    to.push_str(md.trim());
}

/// Splits option list items into pros and cons, and other Markdown.
fn split_points(items: &[(String, Vec<String>, usize)]) -> (Vec<(bool, Argument, usize)>, String) {
    let mut points = Vec::new();
    let mut other = Vec::new();
    for (text, refs, line) in items {
        let (good, rest) = if let Some(r) = text.strip_prefix("Good, because") {
            (true, r)
        } else if let Some(r) = text.strip_prefix("Bad, because") {
            (false, r)
        } else {
            other.push(format!("- {}", strip_refs(text)));
            continue;
        };
        points.push((
            good,
            Argument {
                text: strip_refs(rest),
                sources: refs.clone(),
            },
            *line,
        ));
    }
    (points, other.join("\n"))
}

fn choice_item(text: &str) -> Option<Choice> {
    let id = code_span(text)?;
    let rest = text[id.len() + 2..].trim_start().strip_prefix(':')?.trim();
    (!rest.is_empty()).then(|| Choice {
        id: id.to_owned(),
        label: strip_refs(rest),
    })
}

fn rule_field(r: &mut Rule, text: &str) -> Result<(), String> {
    if let Some(v) = text.strip_prefix("**Recommend:**") {
        r.recommend = code_span(v.trim())
            .ok_or("write the option in backticks: - **Recommend:** `option-id`")?
            .to_owned();
    } else if let Some(v) = text.strip_prefix("**Risk:**") {
        r.risk = match v.trim().to_ascii_lowercase().as_str() {
            "none" => RiskLevel::None,
            "medium" => RiskLevel::Medium,
            "high" => RiskLevel::High,
            other => {
                return Err(format!(
                    "unknown risk \"{other}\"; expected none, medium or high"
                ))
            }
        };
    } else if let Some(v) = text.strip_prefix("**Advice:**") {
        r.advice = strip_refs(v);
    } else {
        return Err(
            "a recommendation lists only **Recommend:**, **Risk:** and **Advice:**".to_owned(),
        );
    }
    Ok(())
}

fn category(v: &str) -> Result<Category, String> {
    Category::from_id(v.trim()).ok_or_else(|| {
        let known: Vec<&str> = Category::ALL.iter().map(|c| c.id()).collect();
        format!(
            "unknown category \"{}\"; expected one of {}",
            v.trim(),
            known.join(", ")
        )
    })
}

fn risk_field(r: &mut Risk, text: &str) -> Result<(), String> {
    if let Some(v) = text.strip_prefix("**When:**") {
        let v = v.trim().strip_prefix("When ").unwrap_or(v.trim());
        let (when, any) = parse_conditions(v)?;
        r.when = when;
        r.any = any;
    } else if let Some(v) = text.strip_prefix("**Risk:**") {
        r.level = match v.trim().to_ascii_lowercase().as_str() {
            "medium" => RiskLevel::Medium,
            "high" => RiskLevel::High,
            other => {
                return Err(format!(
                    "unknown risk \"{other}\"; a risk is medium or high"
                ))
            }
        };
    } else if let Some(v) = text.strip_prefix("**Advice:**") {
        r.advice = strip_refs(v);
    } else if let Some(v) = text.strip_prefix("**Category:**") {
        r.category = Some(category(v)?);
    } else {
        return Err(
            "a risk lists only **When:**, **Risk:**, **Advice:** and **Category:**".to_owned(),
        );
    }
    Ok(())
}

#[derive(Debug, PartialEq)]
enum Token {
    Code(String),
    Word(String),
}

fn tokens(s: &str) -> Result<Vec<Token>, String> {
    let mut out = Vec::new();
    let mut rest = s.trim();
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix('`') {
            let end = r.find('`').ok_or("a backtick is not closed")?;
            out.push(Token::Code(r[..end].to_owned()));
            rest = r[end + 1..].trim_start();
        } else {
            let end = rest.find([' ', '`']).unwrap_or(rest.len());
            out.push(Token::Word(rest[..end].to_ascii_lowercase()));
            rest = rest[end..].trim_start();
        }
    }
    Ok(out)
}

/// `a` is `x` [or `y`]... [and|or `b` is [not] `z`]...
fn parse_conditions(s: &str) -> Result<(Vec<Condition>, bool), String> {
    const SHAPE: &str =
        "conditions read \"`question` is `choice`\", joined by \"and\" or by \"or\"";
    let toks = tokens(s)?;
    let word = |i: usize, w: &str| matches!(toks.get(i), Some(Token::Word(x)) if x == w);
    let code = |i: usize| match toks.get(i) {
        Some(Token::Code(c)) => Some(c.clone()),
        _ => None,
    };
    let mut conds = Vec::new();
    let mut joiner: Option<bool> = None; // Some(true) for "or"
    let mut i = 0;
    loop {
        let question = code(i).ok_or(SHAPE)?;
        i += 1;
        if !word(i, "is") {
            return Err(SHAPE.to_owned());
        }
        i += 1;
        let negated = word(i, "not");
        if negated {
            i += 1;
        }
        let mut choices = vec![code(i).ok_or(SHAPE)?];
        i += 1;
        // More choices: "or `c`" not followed by "is".
        while word(i, "or") && code(i + 1).is_some() && !word(i + 2, "is") {
            choices.push(code(i + 1).unwrap());
            i += 2;
        }
        conds.push(Condition {
            question,
            negated,
            choices,
        });
        if i == toks.len() {
            break;
        }
        let any = if word(i, "and") {
            false
        } else if word(i, "or") {
            true
        } else {
            return Err(SHAPE.to_owned());
        };
        if joiner.is_some_and(|j| j != any) {
            return Err(
                "use either \"and\" or \"or\" between the conditions of one rule, not both"
                    .to_owned(),
            );
        }
        joiner = Some(any);
        i += 1;
    }
    Ok((conds, joiner.unwrap_or(false)))
}

/// `**From context:** `field` under 10 → `a`, is `x` or `y` → `b`, else → `d``
fn context_mapping(src: &str) -> Result<ContextMapping, String> {
    const SHAPE: &str =
        "write \"**From context:** `field` under 10 → `choice`, else → `choice`\" (also: is `value` → `choice`; else → ask)";
    let body = src
        .trim()
        .strip_prefix("**From context:**")
        .ok_or(SHAPE)?
        .trim();
    let field_name = code_span(body).ok_or(SHAPE)?;
    let field = crate::context::Field::from_key(field_name)
        .filter(|f| f.answers_questions())
        .ok_or_else(|| {
            let known: Vec<&str> = crate::context::Field::ALL
                .iter()
                .filter(|f| f.answers_questions())
                .map(|f| f.key())
                .collect();
            format!(
                "unknown context field \"{field_name}\"; known: {}",
                known.join(", ")
            )
        })?;
    let rest = body[field_name.len() + 2..].trim();
    let mut arms = Vec::new();
    for arm in rest.split(',') {
        let (test, choice) = arm
            .split_once('→')
            .or_else(|| arm.split_once("->"))
            .ok_or(SHAPE)?;
        let test = test.trim();
        // `else → ask`: no answer from the context; the question is asked.
        let choice = if test == "else" && choice.trim() == "ask" {
            String::new()
        } else {
            code_span(choice.trim()).ok_or(SHAPE)?.to_owned()
        };
        let t = if test == "else" {
            ContextTest::Else
        } else if let Some(n) = test.strip_prefix("under ") {
            ContextTest::Under(
                n.trim()
                    .parse()
                    .map_err(|_| format!("\"{n}\" is not a number"))?,
            )
        } else if let Some(v) = test.strip_prefix("is ") {
            let values = tokens(v)?
                .into_iter()
                .filter_map(|t| match t {
                    Token::Code(c) => Some(Ok(c)),
                    Token::Word(w) if w == "or" => None,
                    Token::Word(w) => Some(Err(format!("unexpected \"{w}\""))),
                })
                .collect::<Result<Vec<_>, _>>()?;
            ContextTest::Is(values)
        } else {
            return Err(SHAPE.to_owned());
        };
        arms.push((t, choice));
    }
    if !matches!(arms.last(), Some((ContextTest::Else, _))) {
        return Err("the last \"From context\" arm must be \"else → `choice`\"".to_owned());
    }
    Ok(ContextMapping { field, arms })
}

/// "**In the graph:** a cache and no queue" → its expectations.
fn in_graph(src: &str) -> Result<Vec<super::Expect>, String> {
    let rest = src
        .trim()
        .strip_prefix("**In the graph:**")
        .ok_or("write \"**In the graph:** a cache\" (several joined by \"and\")")?;
    rest.split(" and ").map(super::Expect::parse).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conditions_with_alternatives_and_joiners() {
        let (c, any) = parse_conditions("`a` is `x` or `y` and `b` is not `z`").unwrap();
        assert!(!any);
        assert_eq!(
            c[0],
            Condition {
                question: "a".into(),
                negated: false,
                choices: vec!["x".into(), "y".into()]
            }
        );
        assert_eq!(
            c[1],
            Condition {
                question: "b".into(),
                negated: true,
                choices: vec!["z".into()]
            }
        );
        let (c, any) = parse_conditions("`a` is `x` or `b` is `y`").unwrap();
        assert!(any);
        assert_eq!(c.len(), 2);
        assert!(parse_conditions("`a` is `x` and `b` is `y` or `c` is `z`")
            .unwrap_err()
            .contains("either"));
        assert!(parse_conditions("`a` equals `x`").is_err());
        assert!(parse_conditions("`a` is `x").is_err());
    }

    #[test]
    fn graph_expectations() {
        use crate::checklist::{Count, Expect, Sort};
        assert_eq!(
            in_graph("**In the graph:** a cache and no queue").unwrap(),
            [Expect::Some(Sort::Cache), Expect::No(Sort::Queue)]
        );
        assert_eq!(
            in_graph("**In the graph:** at most {services_per_small_team} services").unwrap(),
            [Expect::AtMostServices(Count::Threshold(
                "services_per_small_team"
            ))]
        );
        assert_eq!(
            in_graph("**In the graph:** more than one service.").unwrap(),
            [Expect::AtLeastServices(Count::Fixed(2))]
        );
        assert_eq!(
            in_graph("**In the graph:** a replicated database").unwrap(),
            [Expect::Some(Sort::ReplicatedDatabase)]
        );
        let e = in_graph("**In the graph:** a message bus").unwrap_err();
        assert!(
            e.contains("\"a message bus\"") && e.contains("sharded database"),
            "{e}"
        );
        assert!(in_graph("**In the graph:** at most {nonsense} services").is_err());
        // In a file, the error carries the line.
        let md = "# T\n\n- **Id:** `t`\n- **Decision:** d?\n\n## Options\n\n### A (`a`)\n\nText.\n\n**In the graph:** a lake\n";
        let err = crate::checklist::parse("t.md", md).unwrap_err();
        assert!(
            err.0
                .iter()
                .any(|e| e.line == 12 && e.message.contains("\"a lake\"")),
            "{err:?}"
        );
    }

    #[test]
    fn context_mappings() {
        let m = context_mapping("**From context:** `team_size` under 10 → `small`, else → `large`")
            .unwrap();
        assert_eq!(m.field, crate::context::Field::TeamSize);
        assert_eq!(
            m.arms,
            vec![
                (ContextTest::Under(10.0), "small".into()),
                (ContextTest::Else, "large".into())
            ]
        );
        let m = context_mapping("**From context:** `deploy_frequency` is `on-demand` or `daily` -> `often`, else -> `rarely`").unwrap();
        assert_eq!(
            m.arms[0].0,
            ContextTest::Is(vec!["on-demand".into(), "daily".into()])
        );
        assert!(
            context_mapping("**From context:** `mood` under 1 → `a`, else → `b`")
                .unwrap_err()
                .contains("unknown context field")
        );
        assert!(context_mapping("**From context:** `teams` under 2 → `one`")
            .unwrap_err()
            .contains("else"));
    }

    #[test]
    fn footnote_references_are_stripped_from_text() {
        assert_eq!(strip_refs("Cache it. [^guide] [^tips]"), "Cache it.");
    }
}
