//! The command-line contract as data: each `tests/cmd/NAME.toml` holds a command's arguments (and
//! stdin), and its expected exit status, stdout and stderr (inline or in `NAME.stdout` /
//! `NAME.stderr`); a `NAME.in/` folder is the command's working folder, and `NAME.out/` what that
//! folder must hold afterwards. `TRYCMD=overwrite cargo test --test it cmd::` rewrites the
//! expected output after a deliberate change (review the diff).

#[test]
fn every_case_in_tests_cmd_gives_its_output_and_exit_code() {
    trycmd::TestCases::new()
        .default_bin_path(crate::common::bin())
        .env("NO_COLOR", "1")
        .case("tests/cmd/*.toml");
}
