//! The fields of the Context step: labels, hints, parsing and validation.
//!
//! The web form, the CLI and the exported records all describe the context
//! with this one table, so a field is named and checked the same way everywhere.

use crate::workbook::{DeployFrequency, Workbook};

/// The fields of the Context step, in the order they are asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    SystemName,
    Problem,
    Drivers,
    TeamSize,
    Teams,
    DeployFrequency,
    PeakRps,
    DataVolume,
    P99Latency,
    ReadPercent,
    StrongConsistency,
    RpoMinutes,
    RtoMinutes,
}

/// How a field is entered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Input {
    /// One line of text.
    Line,
    /// Free text over several lines.
    Paragraph,
    /// A list, one item per line.
    List,
    /// A whole number, with its unit.
    Count { unit: &'static str },
    /// A decimal number, with its unit.
    Amount { unit: &'static str },
    /// A percentage, 0 to 100.
    Percent,
    /// One of a fixed set of choices: (id, label).
    Choice(&'static [(&'static str, &'static str)]),
}

impl Input {
    /// For a number: the unit shown after the box, and the keyboard a
    /// phone should offer (`inputmode`). `None` for text and choices.
    pub fn number(self) -> Option<(&'static str, &'static str)> {
        match self {
            Input::Count { unit } => Some((unit, "numeric")),
            Input::Amount { unit } => Some((unit, "decimal")),
            Input::Percent => Some(("% reads", "numeric")),
            Input::Line | Input::Paragraph | Input::List | Input::Choice(_) => None,
        }
    }
}

/// A group of fields shown together.
pub struct Section {
    pub title: &'static str,
    pub intro: &'static str,
    pub fields: &'static [Field],
}

pub const SECTIONS: &[Section] = &[
    Section {
        title: "The system",
        intro: "Name the system and say what it is for. The records you export start from these words.",
        fields: &[Field::SystemName, Field::Problem, Field::Drivers],
    },
    Section {
        title: "People and delivery",
        intro: "How many people build the system decides how many moving parts they can run.",
        fields: &[Field::TeamSize, Field::Teams, Field::DeployFrequency],
    },
    Section {
        title: "Load and data",
        intro: "Put numbers on \"scale\": peak traffic, data volume and latency, from realistic business projections.",
        fields: &[Field::PeakRps, Field::DataVolume, Field::P99Latency, Field::ReadPercent],
    },
    Section {
        title: "Consistency",
        intro: "Some domains cannot tolerate stale or out-of-order data. Name them so the review can check the design against them.",
        fields: &[Field::StrongConsistency],
    },
    Section {
        title: "Recovery",
        intro: "How much data may be lost, and how long the system may be down, when a machine, a zone or a database is lost. The availability checklist and the review read these.",
        fields: &[Field::RpoMinutes, Field::RtoMinutes],
    },
];

const DEPLOY_CHOICES: &[(&str, &str)] = &[
    ("on-demand", "Several times a day"),
    ("daily", "About once a day"),
    ("weekly", "About once a week"),
    ("monthly", "About once a month"),
    ("rarely", "A few times a year"),
];

impl Field {
    pub const ALL: [Field; 13] = [
        Field::SystemName,
        Field::Problem,
        Field::Drivers,
        Field::TeamSize,
        Field::Teams,
        Field::DeployFrequency,
        Field::PeakRps,
        Field::DataVolume,
        Field::P99Latency,
        Field::ReadPercent,
        Field::StrongConsistency,
        Field::RpoMinutes,
        Field::RtoMinutes,
    ];

    /// The field's name in the workbook file (`context.<key>`; the system
    /// name is the workbook's `title`). Checklists name fields by it in
    /// "From context" lines.
    pub fn key(self) -> &'static str {
        match self {
            Field::SystemName => "title",
            Field::Problem => "problem",
            Field::Drivers => "drivers",
            Field::TeamSize => "team_size",
            Field::Teams => "teams",
            Field::DeployFrequency => "deploy_frequency",
            Field::PeakRps => "peak_rps",
            Field::DataVolume => "data_volume_gb",
            Field::P99Latency => "p99_latency_ms",
            Field::ReadPercent => "read_percent",
            Field::StrongConsistency => "strong_consistency",
            Field::RpoMinutes => "rpo_minutes",
            Field::RtoMinutes => "rto_minutes",
        }
    }

    /// The field's JSON path in the workbook file (`$.context.team_size`,
    /// `$.title`), as load's messages and the merge of two tabs name it.
    pub fn path(self) -> String {
        match self {
            Field::SystemName => "$.title".to_owned(),
            f => format!("$.context.{}", f.key()),
        }
    }

    pub fn from_key(key: &str) -> Option<Field> {
        Field::ALL.into_iter().find(|f| f.key() == key)
    }

    /// Whether a checklist can answer a question from this field ("From
    /// context"): numbers, the list of strong-consistency domains (counted)
    /// and the deployment frequency.
    pub fn answers_questions(self) -> bool {
        !matches!(self, Field::SystemName | Field::Problem | Field::Drivers)
    }

    /// The number a checklist compares: the value, or the number of domains
    /// for the strong-consistency list (none while it is empty).
    pub fn number(self, c: &crate::workbook::Context) -> Option<f64> {
        match self {
            Field::TeamSize => c.team_size.map(f64::from),
            Field::Teams => c.teams.map(f64::from),
            Field::PeakRps => c.peak_rps.map(|v| v as f64),
            Field::DataVolume => c.data_volume_gb,
            Field::P99Latency => c.p99_latency_ms.map(f64::from),
            Field::ReadPercent => c.read_percent.map(f64::from),
            Field::StrongConsistency => {
                (!c.strong_consistency.is_empty()).then_some(c.strong_consistency.len() as f64)
            }
            Field::RpoMinutes => c.rpo_minutes.map(f64::from),
            Field::RtoMinutes => c.rto_minutes.map(f64::from),
            Field::SystemName | Field::Problem | Field::Drivers | Field::DeployFrequency => None,
        }
    }

    /// A stable id, used for form element ids and tests.
    pub fn id(self) -> &'static str {
        match self {
            Field::SystemName => "system-name",
            Field::Problem => "problem",
            Field::Drivers => "drivers",
            Field::TeamSize => "team-size",
            Field::Teams => "teams",
            Field::DeployFrequency => "deploy-frequency",
            Field::PeakRps => "peak-rps",
            Field::DataVolume => "data-volume",
            Field::P99Latency => "p99-latency",
            Field::ReadPercent => "read-percent",
            Field::StrongConsistency => "strong-consistency",
            Field::RpoMinutes => "rpo",
            Field::RtoMinutes => "rto",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Field::SystemName => "System name",
            Field::Problem => "Problem statement",
            Field::Drivers => "Decision drivers",
            Field::TeamSize => "Team size",
            Field::Teams => "Number of teams",
            Field::DeployFrequency => "Deployment frequency",
            Field::PeakRps => "Peak requests per second",
            Field::DataVolume => "Data volume",
            Field::P99Latency => "p99 latency target",
            Field::ReadPercent => "Share of reads",
            Field::StrongConsistency => "Domains that need strong consistency",
            Field::RpoMinutes => "Recovery point objective (RPO)",
            Field::RtoMinutes => "Recovery time objective (RTO)",
        }
    }

    /// Why the field matters and how to fill it in.
    pub fn hint(self) -> &'static str {
        match self {
            Field::SystemName => "Also the name of this workbook.",
            Field::Problem => "Two or three sentences: who uses the system, what it must do well, and what worries you.",
            Field::Drivers => "One per line, for example \"checkout must stay up on Black Friday\" or \"small team, little ops time\".",
            Field::TeamSize => "Everyone who builds and operates the system. Fewer than about ten people usually favours a modular monolith.",
            Field::Teams => "Teams that plan and ship on their own. Independent deployment only pays off when several teams need it.",
            Field::DeployFrequency => "How often a change reaches production today. Frequent, independent releases favour smaller deployable units.",
            Field::PeakRps => "Requests per second at the busiest moment you plan for (a launch, a sale), not the average.",
            Field::DataVolume => "Data you expect to hold in a year, in gigabytes. Decides between one database, replicas and shards.",
            Field::P99Latency => "The response time that 99 of 100 requests must beat, in milliseconds. Long synchronous call chains eat into it.",
            Field::ReadPercent => "Of all requests, the percentage that only read. Read-heavy systems gain most from caches and read replicas.",
            Field::StrongConsistency => "One per line, for example \"payments\" or \"inventory\". These must not be updated only through eventually consistent messaging.",
            Field::RpoMinutes => "The most recent data the business can afford to lose, in minutes: 0 for none, 1440 for a day. Nightly backups alone lose up to a day.",
            Field::RtoMinutes => "How long the system may be down before it serves again, in minutes. Restoring a large database from backups takes hours.",
        }
    }

    /// An example, worded as one so that it never reads as a value already
    /// entered.
    pub fn placeholder(self) -> &'static str {
        match self {
            Field::SystemName => "e.g. Checkout platform",
            Field::Problem => "e.g. Shoppers pay for their basket in one step…",
            Field::Drivers => "e.g. Survive peak sale traffic\nSmall team, little ops time",
            Field::TeamSize => "e.g. 6",
            Field::Teams => "e.g. 1",
            Field::DeployFrequency => "",
            Field::PeakRps => "e.g. 2000",
            Field::DataVolume => "e.g. 500",
            Field::P99Latency => "e.g. 300",
            Field::ReadPercent => "e.g. 80",
            Field::StrongConsistency => "e.g. payments\ninventory",
            Field::RpoMinutes => "e.g. 15",
            Field::RtoMinutes => "e.g. 60",
        }
    }

    pub fn input(self) -> Input {
        match self {
            Field::SystemName => Input::Line,
            Field::Problem => Input::Paragraph,
            Field::Drivers | Field::StrongConsistency => Input::List,
            Field::TeamSize => Input::Count { unit: "people" },
            Field::Teams => Input::Count { unit: "teams" },
            Field::DeployFrequency => Input::Choice(DEPLOY_CHOICES),
            Field::PeakRps => Input::Count { unit: "req/s" },
            Field::DataVolume => Input::Amount { unit: "GB" },
            Field::P99Latency => Input::Count { unit: "ms" },
            Field::ReadPercent => Input::Percent,
            Field::RpoMinutes | Field::RtoMinutes => Input::Count { unit: "minutes" },
        }
    }

    /// The field's value as the text of its input.
    pub fn get(self, wb: &Workbook) -> String {
        let c = &wb.context;
        let num = |v: Option<u64>| v.map(|n| n.to_string()).unwrap_or_default();
        match self {
            Field::SystemName => wb.title.clone(),
            Field::Problem => c.problem.clone(),
            Field::Drivers => c.drivers.join("\n"),
            Field::TeamSize => num(c.team_size.map(u64::from)),
            Field::Teams => num(c.teams.map(u64::from)),
            Field::DeployFrequency => c
                .deploy_frequency
                .map(|f| f.id().to_owned())
                .unwrap_or_default(),
            Field::PeakRps => num(c.peak_rps),
            Field::DataVolume => c.data_volume_gb.map(amount_text).unwrap_or_default(),
            Field::P99Latency => num(c.p99_latency_ms.map(u64::from)),
            Field::ReadPercent => num(c.read_percent.map(u64::from)),
            Field::StrongConsistency => c.strong_consistency.join("\n"),
            Field::RpoMinutes => num(c.rpo_minutes.map(u64::from)),
            Field::RtoMinutes => num(c.rto_minutes.map(u64::from)),
        }
    }

    /// The value as a record shows it, with its unit ("250.5 GB", "300 ms",
    /// "85 %"), lists joined by commas; empty when not set.
    pub fn show(self, wb: &Workbook) -> String {
        let value = self.get(wb);
        if value.trim().is_empty() {
            return String::new();
        }
        match self.input() {
            Input::Count { unit } | Input::Amount { unit } => {
                let unit = match (value.as_str(), unit) {
                    ("1", "people") => "person",
                    ("1", "teams") => "team",
                    ("1", "minutes") => "minute",
                    _ => unit,
                };
                format!("{value} {unit}")
            }
            Input::Percent => format!("{value} %"),
            Input::Choice(choices) => choices
                .iter()
                .find(|(id, _)| *id == value)
                .map_or(value.clone(), |(_, label)| (*label).to_owned()),
            Input::List => value.lines().collect::<Vec<_>>().join(", "),
            Input::Line | Input::Paragraph => value,
        }
    }

    /// Stores the text of the field's input, or says what is wrong with it.
    /// On error the workbook is unchanged.
    pub fn set(self, wb: &mut Workbook, text: &str) -> Result<(), String> {
        let c = &mut wb.context;
        match self {
            Field::SystemName => wb.title = text.to_owned(),
            Field::Problem => c.problem = text.to_owned(),
            Field::Drivers => c.drivers = parse_list(text),
            Field::StrongConsistency => c.strong_consistency = parse_list(text),
            Field::TeamSize => c.team_size = parse_count(text, 1, 100_000)?.map(|n| n as u32),
            Field::Teams => c.teams = parse_count(text, 1, 10_000)?.map(|n| n as u32),
            Field::PeakRps => c.peak_rps = parse_count(text, 0, u64::MAX)?,
            Field::P99Latency => {
                c.p99_latency_ms = parse_count(text, 1, 3_600_000)?.map(|n| n as u32)
            }
            Field::ReadPercent => {
                c.read_percent = parse_count(text, 0, 100)
                    .map_err(|_| "Enter a percentage from 0 to 100, like 80.".to_owned())?
                    .map(|n| n as u8)
            }
            Field::DataVolume => c.data_volume_gb = parse_amount(text)?,
            Field::RpoMinutes => c.rpo_minutes = parse_count(text, 0, 525_600)?.map(|n| n as u32),
            Field::RtoMinutes => c.rto_minutes = parse_count(text, 0, 525_600)?.map(|n| n as u32),
            Field::DeployFrequency => {
                let t = text.trim();
                c.deploy_frequency = if t.is_empty() {
                    None
                } else {
                    Some(
                        DeployFrequency::from_id(t)
                            .ok_or_else(|| format!("Unknown frequency \"{t}\"."))?,
                    )
                };
            }
        }
        Ok(())
    }

    /// Problems that involve this field and others, for example more teams than people.
    pub fn warning(self, wb: &Workbook) -> Option<String> {
        let c = &wb.context;
        match self {
            Field::Teams => match (c.teams, c.team_size) {
                (Some(t), Some(p)) if t > p => Some(format!(
                    "{t} teams but only {p} people: check the team size or the number of teams."
                )),
                _ => None,
            },
            // Only once the workbook holds something: a new one is not wrong.
            Field::SystemName if wb.title.trim().is_empty() && !wb.is_blank() => {
                Some("Give the system a name; the workbook list and the records use it.".to_owned())
            }
            _ => None,
        }
    }
}

fn parse_list(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Parses a whole number in `min..=max`; empty text clears the value.
/// Accepts thousands separators ("2,000", "2 000", "2_000").
fn parse_count(text: &str, min: u64, max: u64) -> Result<Option<u64>, String> {
    let cleaned: String = text
        .trim()
        .chars()
        .filter(|c| !matches!(c, ',' | '_' | ' '))
        .collect();
    if cleaned.is_empty() {
        return Ok(None);
    }
    let n: u64 = cleaned.parse().map_err(|_| {
        if cleaned.contains('.') {
            "Enter a whole number, without decimals.".to_owned()
        } else if cleaned.starts_with('-') {
            format!("Enter a number of at least {min}.")
        } else {
            "Enter a whole number, like 12.".to_owned()
        }
    })?;
    if n < min {
        return Err(format!("Enter a number of at least {min}."));
    }
    if n > max {
        return Err(format!("Enter a number of at most {max}."));
    }
    Ok(Some(n))
}

/// "500" for 500.0 and "0.25" for 0.25. Uses serde_json's float printing,
/// which the app links anyway, instead of core's (13 KB of wasm).
fn amount_text(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        (v as i64).to_string()
    } else {
        serde_json::Number::from_f64(v)
            .map(|n| n.to_string())
            .unwrap_or_default()
    }
}

/// Parses a non-negative decimal number ("250", "0.5", ".5", "1e3", "2,000.5");
/// empty text clears the value.
fn parse_amount(text: &str) -> Result<Option<f64>, String> {
    let cleaned: String = text
        .trim()
        .chars()
        .filter(|c| !matches!(c, ',' | '_' | ' '))
        .collect();
    if cleaned.is_empty() {
        return Ok(None);
    }
    match decimal(cleaned.strip_prefix('+').unwrap_or(&cleaned)) {
        Some(v) if v.is_finite() => Ok(Some(v)),
        Some(_) => Err("Enter a smaller number.".to_owned()),
        None if cleaned.starts_with('-') => Err("Enter a number of zero or more.".to_owned()),
        None => Err("Enter a number, like 250 or 0.5.".to_owned()),
    }
}

/// The value of an unsigned decimal: digits with an optional fraction and
/// exponent (what `str::parse::<f64>` accepts, without sign, `inf` and
/// `NaN`), correctly rounded; infinite when it is too large for an `f64`.
///
/// Rewritten into JSON's number syntax and read by serde_json, whose exact
/// float reader the app links anyway: `str::parse::<f64>` would add a second
/// one with its 10 KB table of powers to the web app's first load.
fn decimal(text: &str) -> Option<f64> {
    let (mantissa, exponent) = match text.find(['e', 'E']) {
        Some(i) => (&text[..i], Some(&text[i + 1..])),
        None => (text, None),
    };
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() && fraction.is_empty() || !digits(whole) || !digits(fraction) {
        return None;
    }
    let whole = whole.trim_start_matches('0');
    let mut json = String::from(if whole.is_empty() { "0" } else { whole });
    if !fraction.is_empty() {
        json.push('.');
        json.push_str(fraction);
    }
    if let Some(exponent) = exponent {
        let magnitude = exponent.strip_prefix(['+', '-']).unwrap_or(exponent);
        if magnitude.is_empty() || !digits(magnitude) {
            return None;
        }
        json.push('e');
        json.push_str(exponent);
    }
    match serde_json::from_str::<f64>(&json) {
        Ok(v) => Some(v),
        // Only a value past f64's range is refused in this syntax.
        Err(_) => Some(f64::INFINITY),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wb() -> Workbook {
        Workbook::new("Checkout")
    }

    #[test]
    fn numbers_have_a_unit_and_decimals_a_decimal_keyboard() {
        for f in Field::ALL {
            let number = f.input().number();
            let text_or_choice = matches!(
                f.input(),
                Input::Line | Input::Paragraph | Input::List | Input::Choice(_)
            );
            assert_eq!(number.is_none(), text_or_choice, "{f:?}");
            if let Some((unit, mode)) = number {
                assert!(!unit.is_empty(), "{f:?}");
                let decimal = matches!(f.input(), Input::Amount { .. });
                assert_eq!(mode, if decimal { "decimal" } else { "numeric" }, "{f:?}");
            }
        }
        assert_eq!(
            Field::ReadPercent.input().number(),
            Some(("% reads", "numeric"))
        );
    }

    #[test]
    fn every_field_is_in_exactly_one_section() {
        for f in Field::ALL {
            let n = SECTIONS.iter().filter(|s| s.fields.contains(&f)).count();
            assert_eq!(n, 1, "{f:?}");
        }
    }

    #[test]
    fn every_field_round_trips_through_its_text() {
        let mut w = wb();
        let samples = [
            (Field::SystemName, "Orders"),
            (Field::Problem, "Take orders.\nFast."),
            (Field::Drivers, "Low cost\nSmall team"),
            (Field::TeamSize, "6"),
            (Field::Teams, "2"),
            (Field::DeployFrequency, "weekly"),
            (Field::PeakRps, "2000"),
            (Field::DataVolume, "0.25"),
            (Field::P99Latency, "300"),
            (Field::ReadPercent, "80"),
            (Field::StrongConsistency, "payments\ninventory"),
        ];
        for (f, text) in samples {
            f.set(&mut w, text).unwrap();
            assert_eq!(f.get(&w), text, "{f:?}");
        }
        assert_eq!(w.context.peak_rps, Some(2000));
        assert_eq!(w.context.strong_consistency, ["payments", "inventory"]);
    }

    #[test]
    fn counts_accept_separators_and_clear_when_empty() {
        let mut w = wb();
        Field::PeakRps.set(&mut w, " 12,500 ").unwrap();
        assert_eq!(w.context.peak_rps, Some(12_500));
        Field::PeakRps.set(&mut w, "").unwrap();
        assert_eq!(w.context.peak_rps, None);
    }

    #[test]
    fn bad_numbers_are_refused_with_a_reason_and_change_nothing() {
        let mut w = wb();
        Field::TeamSize.set(&mut w, "6").unwrap();
        let cases = [
            (Field::TeamSize, "six", "whole number"),
            (Field::TeamSize, "0", "at least 1"),
            (Field::TeamSize, "2.5", "without decimals"),
            (Field::TeamSize, "-3", "at least 1"),
            (Field::ReadPercent, "120", "0 to 100"),
            (Field::DataVolume, "lots", "a number"),
            (Field::DataVolume, "-1", "zero or more"),
            (Field::DeployFrequency, "hourly", "Unknown frequency"),
        ];
        for (f, text, expected) in cases {
            let before = w.clone();
            let err = f.set(&mut w, text).unwrap_err();
            assert!(err.contains(expected), "{f:?} {text:?}: {err}");
            assert_eq!(w, before);
        }
    }

    #[test]
    fn lists_drop_blank_lines_and_spaces() {
        let mut w = wb();
        Field::Drivers.set(&mut w, "  cost \n\n speed\n").unwrap();
        assert_eq!(w.context.drivers, ["cost", "speed"]);
    }

    #[test]
    fn more_teams_than_people_is_flagged() {
        let mut w = wb();
        Field::TeamSize.set(&mut w, "2").unwrap();
        Field::Teams.set(&mut w, "3").unwrap();
        assert!(Field::Teams
            .warning(&w)
            .unwrap()
            .contains("3 teams but only 2 people"));
        Field::Teams.set(&mut w, "2").unwrap();
        assert_eq!(Field::Teams.warning(&w), None);
    }

    #[test]
    fn an_empty_name_is_flagged_once_the_workbook_holds_something() {
        let mut w = wb();
        assert_eq!(Field::SystemName.warning(&w), None);
        Field::SystemName.set(&mut w, "  ").unwrap();
        // A new, empty workbook is not wrong yet.
        let blank = crate::Workbook::new("");
        assert!(blank.is_blank() && Field::SystemName.warning(&blank).is_none());
        w.context.team_size = Some(4);
        assert!(Field::SystemName.warning(&w).is_some());
    }
}

#[cfg(test)]
mod amount_tests {
    #[test]
    fn amounts_print_without_needless_decimals() {
        assert_eq!(super::amount_text(500.0), "500");
        assert_eq!(super::amount_text(250.5), "250.5");
        assert_eq!(super::amount_text(0.1), "0.1");
    }

    #[test]
    fn decimals_read_exactly_as_rust_reads_them() {
        let cases = [
            "0",
            "7",
            "007",
            "250",
            "2000.5",
            ".5",
            "5.",
            "0.1",
            "0.30000000000000004",
            "1e3",
            "1E3",
            "1e+3",
            "2.5e-3",
            ".5e1",
            "5.e2",
            "1e-400",
            "123456789012345678901234567890",
            "9007199254740993",
            "2.2250738585072011e-308",
            "1.7976931348623157e308",
            "0.000000000000000000000000000000000000000000001",
        ];
        for text in cases {
            assert_eq!(super::decimal(text), text.parse::<f64>().ok(), "{text}");
        }
        assert_eq!(super::decimal("1e400"), Some(f64::INFINITY));
        for refused in [
            "", ".", "e3", "1e", "1e+", "1.2.3", "1x", "0x10", "inf", "NaN", "-1", "1e3.5", "١",
        ] {
            assert_eq!(super::decimal(refused), None, "{refused}");
        }
    }

    proptest::proptest! {
        /// Any text made of number characters: refused or read alike.
        #[test]
        fn decimals_agree_with_rust_on_any_text(text in "[0-9.eE+-]{1,30}") {
            let rust = text.parse::<f64>().ok().filter(|_| !text.starts_with(['+', '-']));
            proptest::prop_assert_eq!(super::decimal(&text), rust);
        }

        /// Numbers of every shape, digits long enough to need exact rounding.
        #[test]
        fn decimals_read_exactly(text in "[0-9]{0,25}(\\.[0-9]{0,25})?([eE][+-]?[0-9]{1,3})?") {
            proptest::prop_assert_eq!(super::decimal(&text), text.parse::<f64>().ok());
        }
    }

    #[test]
    fn amounts_say_what_is_wrong() {
        assert_eq!(super::parse_amount(" 2,000.5 "), Ok(Some(2000.5)));
        assert_eq!(super::parse_amount("+.5"), Ok(Some(0.5)));
        assert_eq!(super::parse_amount(""), Ok(None));
        assert_eq!(
            super::parse_amount("-3"),
            Err("Enter a number of zero or more.".to_owned())
        );
        assert_eq!(
            super::parse_amount("1e999"),
            Err("Enter a smaller number.".to_owned())
        );
        assert_eq!(
            super::parse_amount("lots"),
            Err("Enter a number, like 250 or 0.5.".to_owned())
        );
    }
}
