//! Prints what an import makes of files: `cargo run -p archbook-core
//! --example import_report -- FILE...` (the CLI's `archbook import` without
//! writing anything).
fn main() {
    let paths: Vec<String> = std::env::args().skip(1).collect();
    let texts: Vec<String> = paths
        .iter()
        .map(|p| std::fs::read_to_string(p).expect("readable file"))
        .collect();
    let sources: Vec<archbook_core::import::Source> = paths
        .iter()
        .zip(&texts)
        .map(|(name, text)| archbook_core::import::Source { name, text })
        .collect();
    let refs: Vec<&str> = paths.iter().map(String::as_str).collect();
    match archbook_core::import::import(&sources, &archbook_core::import::default_title(&refs)) {
        Ok(imported) => print!("{}", archbook_core::import::report_text(&imported)),
        Err(e) => eprintln!("{e}"),
    }
}
