//! What a team sees when its own checklist file has a mistake: every problem,
//! with its line.

use archbook_core::checklist::parse;

const GOOD: &str = include_str!("../../../tests/fixtures/custom-checklist.md");

/// Applies a text replacement to the good file and returns the errors.
fn errors_after(from: &str, to: &str) -> Vec<String> {
    assert!(GOOD.contains(from), "fixture lacks {from:?}");
    let src = GOOD.replacen(from, to, 1);
    match parse("broker.md", &src) {
        Ok(_) => vec![],
        Err(e) => e.0.iter().map(|e| e.to_string()).collect(),
    }
}

#[test]
fn the_example_custom_checklist_parses() {
    let c = parse("broker.md", GOOD).unwrap();
    assert_eq!(c.id, "message-broker");
    assert_eq!(c.title, "Message broker");
    assert_eq!(c.decision, "Which message broker should carry the events?");
    assert_eq!(c.options.len(), 2);
    assert_eq!(c.options[0].pros[0].text, "nobody on the team operates it.");
    assert_eq!(c.options[0].pros[0].sources, ["team"]);
    assert_eq!(c.questions[0].choices.len(), 2);
    assert_eq!(
        c.questions[0].help,
        "Replaying lets a new consumer rebuild its state from history."
    );
    assert_eq!(c.rules.len(), 2);
    assert!(c.rules[1].is_default());
    assert_eq!(
        c.source("team").unwrap().text,
        "Our platform team's broker guidelines, 2026."
    );
}

#[test]
fn an_unknown_question_in_a_rule_names_the_line() {
    assert_eq!(
        errors_after("### When `replay` is `yes`", "### When `replays` is `yes`"),
        ["broker.md:40: the condition names the unknown question \"replays\""]
    );
}

#[test]
fn an_unknown_choice_lists_the_real_ones() {
    assert_eq!(
        errors_after("`ops` is `yes`", "`ops` is `maybe`"),
        ["broker.md:40: the question \"ops\" has no choice \"maybe\" (it has: yes, no)"]
    );
}

#[test]
fn an_unknown_option_is_reported() {
    assert_eq!(
        errors_after("**Recommend:** `self-hosted-log`", "**Recommend:** `kafka`"),
        ["broker.md:40: recommends the unknown option \"kafka\""]
    );
}

#[test]
fn a_missing_default_rule_is_reported() {
    let e = errors_after("### Otherwise", "### When `ops` is `no`");
    assert_eq!(
        e,
        ["broker.md:47: the last recommendation must be \"### Otherwise\", the default"]
    );
}

#[test]
fn a_heading_without_an_id_is_reported() {
    assert_eq!(
        errors_after("### Can the team run a broker cluster? (`ops`)", "### Can the team run a broker cluster?"),
        ["broker.md:31: a question heading ends with its id in backticks, like \"### Title (`some-id`)\""]
    );
}

#[test]
fn a_malformed_choice_is_reported_on_its_own_line() {
    assert_eq!(
        errors_after("- `no`: No\n\n### Can", "- `no` No\n\n### Can"),
        ["broker.md:29: a choice is written as: - `id`: Label"]
    );
}

#[test]
fn an_undefined_footnote_is_reported_where_it_is_used() {
    assert_eq!(
        errors_after("A cluster needs upgrades, monitoring and on-call. [^team]", "A cluster needs upgrades. [^ops-book]"),
        ["broker.md:31: the footnote [^ops-book] is not defined (add \"[^ops-book]: the source\" under ## Sources)"]
    );
}

#[test]
fn an_unknown_section_and_a_bad_risk_are_both_reported() {
    let src = GOOD.replacen("## Questions", "## Questionz", 1).replacen(
        "**Risk:** none",
        "**Risk:** severe",
        1,
    );
    let e = parse("broker.md", &src).unwrap_err();
    let lines: Vec<String> = e.0.iter().map(|e| e.to_string()).collect();
    assert!(lines.contains(&"broker.md:22: unknown section \"Questionz\"; expected Options, Questions, Recommendations, Risks or Sources".to_owned()), "{lines:#?}");
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("broker.md:43: unknown risk \"severe\"")),
        "{lines:#?}"
    );
}

#[test]
fn a_risk_without_advice_is_reported() {
    assert_eq!(
        errors_after(
            "- **Recommend:** `self-hosted-log`\n- **Risk:** none",
            "- **Recommend:** `self-hosted-log`\n- **Risk:** high"
        ),
        ["broker.md:40: a recommendation with a risk needs \"- **Advice:** how to reduce it\""]
    );
}

#[test]
fn missing_metadata_is_reported() {
    let e = errors_after("- **Id:** `message-broker`\n", "");
    assert_eq!(
        e,
        ["broker.md:1: missing \"- **Id:** `some-id`\" under the title"]
    );
    assert!(parse("x.md", "just some text").unwrap_err().0[0]
        .message
        .contains("missing the title"));
}

#[test]
fn mixing_and_with_or_is_refused() {
    let e = errors_after(
        "`replay` is `yes` and `ops` is `yes`",
        "`replay` is `yes` and `ops` is `yes` or `replay` is `no`",
    );
    assert_eq!(e, ["broker.md:40: use either \"and\" or \"or\" between the conditions of one rule, not both"]);
}
