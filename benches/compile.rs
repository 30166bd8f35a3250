//! Compile benchmark: `cargo bench --bench compile` (add sizes to choose them, e.g.
//! `cargo bench --bench compile -- 500`).
//!
//! Generates the same realistic submissions as the batch benchmark (TOML; about one file in six
//! has an error), then for each size times the release binary on the same folder: `qfill
//! validate --quiet`, `qfill compile -o book.xlsx`, and `qfill compile -o csv/` (the best wall
//! time of a few runs, process start included), with each one's peak memory from `wait4`.
//! Prints a Markdown table; the goals are compile ≤ 5× validate and ≤ 100 MiB at 10,000 files.

mod common;

use std::fs;
use std::process::Command;

use common::{Format, generate, mib, ms, time};
use qfill::questionnaire::Questionnaire;

fn main() {
    let bin = env!("CARGO_BIN_EXE_qfill");
    let sizes: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let sizes = if sizes.is_empty() {
        vec![1_000, 10_000]
    } else {
        sizes
    };
    let q = Questionnaire::default_builtin();
    let scratch = tempfile::tempdir().unwrap();
    let threads = rayon::current_num_threads();
    println!("release build, {threads} threads; best of a few runs, process start included\n");
    println!(
        "| files | validate | peak | compile xlsx | peak | xlsx / validate | compile csv | peak | csv / validate | workbook |"
    );
    println!("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    for &count in &sizes {
        let dir = scratch.path().join(format!("toml-{count}"));
        generate(&dir, count, Format::Toml, &q);
        let out = scratch.path().join(format!("out-{count}"));
        fs::create_dir_all(&out).unwrap();
        let runs = if count <= 2_000 { 3 } else { 2 };
        let (validate, validate_peak) = time(runs, || {
            let mut c = Command::new(bin);
            c.args(["validate", "--quiet"]).arg(&dir);
            c
        });
        let book = out.join("book.xlsx");
        let (xlsx, xlsx_peak) = time(runs, || {
            let mut c = Command::new(bin);
            c.arg("compile")
                .arg(&dir)
                .arg("-o")
                .arg(&book)
                .arg("--force");
            c
        });
        let (csv, csv_peak) = time(runs, || {
            let mut c = Command::new(bin);
            c.arg("compile")
                .arg(&dir)
                .arg("-o")
                .arg(out.join("csv/"))
                .arg("--force");
            c
        });
        let size = fs::metadata(&book).map_or(0, |m| m.len());
        println!(
            "| {count} | {} | {} | {} | {} | {:.2} | {} | {} | {:.2} | {} |",
            ms(validate),
            mib(validate_peak),
            ms(xlsx),
            mib(xlsx_peak),
            xlsx.as_secs_f64() / validate.as_secs_f64(),
            ms(csv),
            mib(csv_peak),
            csv.as_secs_f64() / validate.as_secs_f64(),
            mib(size / 1024),
        );
        fs::remove_dir_all(&dir).unwrap();
        fs::remove_dir_all(&out).unwrap();
    }
}
