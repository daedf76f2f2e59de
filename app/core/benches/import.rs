//! Importing compose files, by size: a realistic system grown to 100 KB,
//! 1 MB and the largest file an import accepts (about 5 MB: 999 services,
//! each with four calls by URL, one dependency and a few kilobytes of settings). Time should grow
//! linearly with the size (target: the largest accepted file in 2 s or less
//! in the CLI's release build); the budget script prints the table with the
//! time per MB.
//! Run with `cargo bench -p archbook-core --bench import`.

use archbook_core::import::{import, Source};

fn main() {
    divan::main();
}

/// A compose file of `services` services, each calling four others by URL
/// (and depending on the first) and carrying `padding` bytes of ordinary settings.
fn compose(services: usize, padding: usize) -> String {
    let mut out = String::from("services:\n");
    for i in 0..services {
        out.push_str(&format!(
            "  svc-{i}:\n    image: shop/svc-{i}:1.0\n    environment:\n"
        ));
        for k in 1..=4 {
            out.push_str(&format!(
                "      PEER_{k}_URL: http://svc-{}:8080/api\n",
                (i + k * 7) % services
            ));
        }
        let mut n = 0;
        while n < padding {
            let line = format!(
                "      SETTING_{n}: \"value number {n} for svc-{i}, as long as a real setting's value can be: a list of options, flags, paths and words\"\n"
            );
            n += line.len();
            out.push_str(&line);
        }
        out.push_str("    depends_on:\n      - svc-0\n");
    }
    out
}

fn run(text: &str) {
    let imported = import(
        &[Source {
            name: "docker-compose.yml",
            text,
        }],
        "Bench",
    )
    .expect("the file imports");
    divan::black_box(imported);
}

#[divan::bench(sample_count = 10)]
fn kb_100(b: divan::Bencher) {
    let text = compose(60, 1_450);
    assert!((90_000..130_000).contains(&text.len()), "{}", text.len());
    b.bench(|| run(&text));
}

#[divan::bench(sample_count = 10)]
fn mb_1(b: divan::Bencher) {
    let text = compose(400, 2_200);
    assert!((900_000..1_300_000).contains(&text.len()), "{}", text.len());
    b.bench(|| run(&text));
}

#[divan::bench(sample_count = 5)]
fn largest_accepted(b: divan::Bencher) {
    let text = compose(999, 4_700);
    assert!(
        (4_500_000..=archbook_core::import::MAX_FILE_BYTES).contains(&text.len()),
        "{}",
        text.len()
    );
    b.bench(|| run(&text));
}
