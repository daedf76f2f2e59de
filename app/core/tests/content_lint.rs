//! The content linter (`checklist::lint`) on every shipped checklist, and on
//! a fixture for each class of problem it checks, so that it can fail.

use archbook_core::checklist::lint::{lint, lint_thresholds};
use archbook_core::checklist::parse;
use archbook_core::content::{CHECKLIST_FILES, PITFALL_FILES};

#[test]
fn every_shipped_checklist_passes_the_linter() {
    let mut problems = Vec::new();
    for (file, src) in CHECKLIST_FILES {
        let path = format!("content/checklists/{file}");
        let c = parse(&path, src).expect("parses");
        problems.extend(lint(&path, &c, true).into_iter().map(|e| e.to_string()));
        problems.extend(
            lint_thresholds(&path, src)
                .into_iter()
                .map(|e| e.to_string()),
        );
    }
    for (file, src) in PITFALL_FILES {
        let path = format!("content/pitfalls/{file}");
        problems.extend(
            lint_thresholds(&path, src)
                .into_iter()
                .map(|e| e.to_string()),
        );
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// A small checklist to break in one way at a time.
const BASE: &str = "# Broker

- **Id:** `broker`
- **Decision:** Which broker?

## Options

### Managed (`managed`)

Run by the provider. [^t]

- Good, because nobody operates it. [^t]
- Bad, because it ties us to one vendor. [^t]

### Self-hosted (`self`)

Run by the team. [^t]

- Good, because events can be replayed. [^t]
- Bad, because it is work. [^t]

## Questions

### Replay? (`replay`)

Replaying rebuilds state. [^t]

- `yes`: Yes
- `no`: No

### Can the team run a cluster? (`ops`)

A cluster needs on-call. [^t]

- `yes`: Yes
- `no`: No

## Recommendations

### When `replay` is `yes` and `ops` is `yes`

- **Recommend:** `self`

[Replays are needed](#replay=yes) and [the team can run a cluster](#ops=yes). [^t]

### Otherwise

- **Recommend:** `managed`

The least work. [^t]

## Risks

### Replays without operators (`replay-no-ops`)

- **When:** `replay` is `yes` and `ops` is `no`
- **Risk:** medium
- **Advice:** Use a managed log.

[Replays are needed](#replay=yes) but [nobody can run a cluster](#ops=no). [^t]

## Sources

[^t]: Team notes.
";

fn problems(src: &str, shipped: bool) -> Vec<String> {
    let c = parse("fixture.md", src).expect("the fixture parses");
    let mut all: Vec<String> = lint("fixture.md", &c, shipped)
        .into_iter()
        .map(|e| e.to_string())
        .collect();
    all.extend(
        lint_thresholds("fixture.md", src)
            .into_iter()
            .map(|e| e.to_string()),
    );
    all
}

#[test]
fn the_fixture_is_clean() {
    assert_eq!(problems(BASE, true), Vec::<String>::new());
}

#[test]
fn a_rationale_that_claims_an_answer_its_rule_does_not_fix_is_flagged() {
    let src = BASE.replace(
        "The least work. [^t]",
        "[Nobody needs replays](#replay=no), so the least work wins. [^t]",
    );
    let got = problems(&src, true);
    assert!(
        got.iter().any(|p| p.contains("the rationale says `replay` is `no`, but this recommendation also applies when it is unanswered")),
        "{got:#?}"
    );
    let src = BASE.replace(
        "[nobody can run a cluster](#ops=no)",
        "[nobody can run a cluster](#ops=yes)",
    );
    let got = problems(&src, true);
    assert!(
        got.iter().any(|p| p.contains(
            "the explanation says `ops` is `yes`, but this risk is also reported when it is `no`"
        )),
        "{got:#?}"
    );
}

#[test]
fn a_risk_hidden_behind_an_earlier_rule_is_flagged() {
    // The older format: risks on recommendations, first match wins.
    let src = BASE
        .replace(
            "### When `replay` is `yes` and `ops` is `yes`\n\n- **Recommend:** `self`",
            "### When `replay` is `yes`\n\n- **Recommend:** `self`\n- **Risk:** none",
        )
        .replace("[the team can run a cluster](#ops=yes)", "it can")
        .replace(
            "### Otherwise",
            "### When `ops` is `no`\n\n- **Recommend:** `managed`\n- **Risk:** high\n- **Advice:** Hire.\n\nNo operators. [^t]\n\n### Otherwise",
        );
    let got = problems(&src, false);
    assert!(
        got.iter().any(|p| p
            .contains("(risk none) is chosen first and hides the high risk of the rule at line")),
        "{got:#?}"
    );
    // Shipped content may not use the older format at all.
    assert!(problems(&src, true)
        .iter()
        .any(|p| p.contains("write it under ## Risks")));
}

#[test]
fn an_option_never_recommended_and_a_risk_never_reported_are_flagged() {
    let src = BASE.replace("- **Recommend:** `self`", "- **Recommend:** `managed`");
    assert!(problems(&src, true)
        .iter()
        .any(|p| p.contains("no combination of answers recommends \"self\"")));
    let src = BASE.replace(
        "- **When:** `replay` is `yes` and `ops` is `no`",
        "- **When:** `replay` is `yes` and `replay` is `no`",
    );
    assert!(problems(&src, true)
        .iter()
        .any(|p| p.contains("the risk \"replay-no-ops\" is never reported")));
}

#[test]
fn a_threshold_stated_as_a_literal_is_flagged() {
    let src = BASE.replace(
        "- `yes`: Yes\n- `no`: No\n\n### Can",
        "- `yes`: Yes, 80% or more reads\n- `no`: No\n\n### Can",
    );
    let got = problems(&src, true);
    assert!(
        got.iter()
            .any(|p| p.contains("\"80 %\" states a threshold as a literal")),
        "{got:#?}"
    );
    let src = BASE.replace(
        "A cluster needs on-call.",
        "Teams of fewer than 10 people rarely can.",
    );
    assert!(problems(&src, true)
        .iter()
        .any(|p| p.contains("\"10 people\"")));
}
