//! Command-line cases as data, as typos and ripgrep keep theirs: each `tests/cmd/NAME.toml`
//! gives the arguments and the exit code, `NAME.stdout` and `NAME.stderr` what the binary
//! must print, compared whole (`...` stands for lines left out, `[..]` for part of a line).
//! `TRYCMD=overwrite cargo test --test cmd` rewrites the expected output after a deliberate
//! change; review the diff.

#[test]
fn cli_cases() {
    trycmd::TestCases::new()
        .env("NO_COLOR", "1")
        .env("COLUMNS", "100")
        .case("tests/cmd/*.toml");
}
