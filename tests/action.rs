//! The GitHub Action's scripts (action/install.sh, action/run.sh) run here as a runner
//! would run them: temporary GITHUB_OUTPUT, GITHUB_STEP_SUMMARY and GITHUB_PATH files,
//! RUNNER_OS/RUNNER_ARCH/RUNNER_TEMP, GITHUB_WORKSPACE, the inputs as INPUT_* variables,
//! and this build's binary as BACKLINT_BIN. Each test skips itself, saying so, only when
//! `bash` is not installed.

mod replay;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};

const TARGET: &str = "x86_64-unknown-linux-gnu";

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn fixture(name: &str) -> PathBuf {
    repo().join("fixtures").join(name)
}

/// Whether `bash` runs; prints why the test is skipped when it does not.
fn bash_available(test: &str) -> bool {
    let ok = Command::new("bash")
        .args(["-c", "exit 0"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        eprintln!("skipping {test}: bash is not installed, and the action's scripts need it");
    }
    ok
}

/// A simulated runner: a workspace, a RUNNER_TEMP, and the files a step writes to.
struct Runner {
    root: PathBuf,
    workspace: PathBuf,
    runner_temp: PathBuf,
    output_file: PathBuf,
    summary_file: PathBuf,
    path_file: PathBuf,
}

const EARLIER_SUMMARY: &str = "# An earlier step\n\nIts summary stays.\n";

impl Runner {
    fn new(name: &str) -> Runner {
        static COUNT: AtomicUsize = AtomicUsize::new(0);
        let root = std::env::temp_dir().join(format!(
            "backlint-action-{name}-{}-{}",
            std::process::id(),
            COUNT.fetch_add(1, Ordering::Relaxed)
        ));
        let _ = std::fs::remove_dir_all(&root);
        let workspace = root.join("workspace");
        let runner_temp = root.join("runner-temp");
        std::fs::create_dir_all(&workspace).unwrap();
        std::fs::create_dir_all(&runner_temp).unwrap();
        let runner = Runner {
            output_file: root.join("github-output"),
            summary_file: root.join("step-summary.md"),
            path_file: root.join("github-path"),
            root,
            workspace,
            runner_temp,
        };
        std::fs::write(&runner.output_file, "").unwrap();
        std::fs::write(&runner.summary_file, EARLIER_SUMMARY).unwrap();
        std::fs::write(&runner.path_file, "").unwrap();
        runner
    }

    /// Copies a fixture into the workspace at `to` (folders are created).
    fn add(&self, fixture_name: &str, to: &str) -> PathBuf {
        let path = self.workspace.join(to);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::copy(fixture(fixture_name), &path).unwrap();
        path
    }

    /// `bash action/<script>` in the workspace, with the runner's environment and no
    /// GitHub, runner, input or backlint variables inherited from the test's own.
    fn script(&self, script: &str, inputs: &[(&str, &str)]) -> Command {
        let mut command = Command::new("bash");
        command
            .arg(repo().join("action").join(script))
            .current_dir(&self.workspace);
        for (key, _) in std::env::vars_os() {
            let key_text = key.to_string_lossy();
            if ["GITHUB_", "RUNNER_", "INPUT_", "BACKLINT_"]
                .iter()
                .any(|prefix| key_text.starts_with(prefix))
            {
                command.env_remove(&key);
            }
        }
        command
            .env("GITHUB_ACTIONS", "true")
            .env("GITHUB_WORKSPACE", &self.workspace)
            .env("GITHUB_OUTPUT", &self.output_file)
            .env("GITHUB_STEP_SUMMARY", &self.summary_file)
            .env("GITHUB_PATH", &self.path_file)
            .env("RUNNER_OS", "Linux")
            .env("RUNNER_ARCH", "X64")
            .env("RUNNER_TEMP", &self.runner_temp)
            .env("NO_COLOR", "1");
        for (key, value) in inputs {
            command.env(key, value);
        }
        command
    }

    /// Runs action/run.sh with this build's backlint and the given inputs.
    fn run(&self, inputs: &[(&str, &str)]) -> Output {
        self.script("run.sh", inputs)
            .env("BACKLINT_BIN", env!("CARGO_BIN_EXE_backlint"))
            .output()
            .unwrap()
    }

    /// The last value of each output written to GITHUB_OUTPUT.
    fn output(&self, name: &str) -> Option<String> {
        std::fs::read_to_string(&self.output_file)
            .unwrap()
            .lines()
            .filter_map(|line| line.split_once('='))
            .filter(|(key, _)| *key == name)
            .map(|(_, value)| value.to_string())
            .next_back()
    }

    fn summary(&self) -> String {
        std::fs::read_to_string(&self.summary_file).unwrap()
    }

    /// Every file or folder named `name` anywhere under the runner's folder.
    fn find(&self, name: &str) -> Vec<PathBuf> {
        find_in(&self.root, name)
    }
}

/// Every file or folder named `name` anywhere under `root`.
fn find_in(root: &Path, name: &str) -> Vec<PathBuf> {
    {
        fn walk(dir: &Path, name: &str, found: &mut Vec<PathBuf>) {
            for entry in std::fs::read_dir(dir).unwrap().flatten() {
                let path = entry.path();
                if entry.file_name() == name {
                    found.push(path.clone());
                }
                if entry.file_type().is_ok_and(|t| t.is_dir()) {
                    walk(&path, name, found);
                }
            }
        }
        let mut found = Vec::new();
        walk(root, name, &mut found);
        found
    }
}

impl Drop for Runner {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.root);
    }
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn show(output: &Output) -> String {
    format!(
        "exit {:?}\n--- stdout\n{}\n--- stderr\n{}",
        output.status.code(),
        stdout(output),
        stderr(output)
    )
}

/// backlint's own JSON report of `paths` (relative to `dir`), to compare counts with.
fn json_report(dir: &Path, paths: &[&str]) -> serde_json::Value {
    let output = Command::new(env!("CARGO_BIN_EXE_backlint"))
        .args(["check", "--format", "json", "--today", "2026-03-01", "--"])
        .args(paths)
        .current_dir(dir)
        .output()
        .unwrap();
    serde_json::from_slice(&output.stdout).unwrap()
}

fn count_severity(report: &serde_json::Value, severity: &str) -> usize {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["severity"] == severity)
        .count()
}

#[test]
fn warnings_only_export_passes_with_fail_on_error_and_never() {
    if !bash_available("warnings_only_export_passes_with_fail_on_error_and_never") {
        return;
    }
    let runner = Runner::new("pass");
    runner.add("jira-cloud-all-fields.csv", "backlog/export.csv");
    let expected = json_report(&runner.workspace, &["backlog/export.csv"]);
    assert_eq!(
        count_severity(&expected, "error"),
        0,
        "the fixture has no errors"
    );
    assert!(
        count_severity(&expected, "warning") > 0,
        "the fixture has warnings"
    );

    let output = runner.run(&[
        ("INPUT_PATH", "backlog/export.csv"),
        ("INPUT_FAIL_ON", "error"),
        ("INPUT_SARIF_FILE", "backlint.sarif"),
        ("INPUT_ARGS", "--today 2026-03-01"),
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", show(&output));

    let annotations = stdout(&output);
    assert!(
        annotations.contains("::warning file=backlog/export.csv,line="),
        "annotations on the export: {annotations}"
    );
    assert_eq!(
        annotations
            .lines()
            .filter(|l| l.starts_with("::warning "))
            .count(),
        count_severity(&expected, "warning"),
        "one annotation per warning"
    );

    assert_eq!(
        runner.output("findings"),
        Some(expected["summary"]["findings"].to_string())
    );
    assert_eq!(runner.output("errors").as_deref(), Some("0"));
    assert_eq!(
        runner.output("warnings"),
        Some(count_severity(&expected, "warning").to_string())
    );
    assert_eq!(runner.output("exit-code").as_deref(), Some("0"));
    assert_eq!(
        runner.output("sarif-file").as_deref(),
        Some("backlint.sarif")
    );

    let summary = runner.summary();
    assert!(
        summary.starts_with(EARLIER_SUMMARY),
        "appended, not overwritten: {summary}"
    );
    assert!(summary.contains("## backlint"), "{summary}");
    assert!(summary.contains("missing-priority"), "{summary}");

    let sarif: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(runner.workspace.join("backlint.sarif")).unwrap(),
    )
    .expect("the SARIF file is JSON");
    assert_eq!(sarif["version"], "2.1.0");
    assert!(!sarif["runs"][0]["results"].as_array().unwrap().is_empty());

    let never = runner.run(&[
        ("INPUT_PATH", "backlog/export.csv"),
        ("INPUT_FAIL_ON", "never"),
    ]);
    assert_eq!(never.status.code(), Some(0), "{}", show(&never));
    assert_eq!(runner.output("exit-code").as_deref(), Some("0"));
}

#[test]
fn fail_on_warning_fails_the_step_and_summaries_accumulate() {
    if !bash_available("fail_on_warning_fails_the_step_and_summaries_accumulate") {
        return;
    }
    let runner = Runner::new("fail");
    runner.add("stories.txt", "stories.txt");
    for _ in 0..2 {
        let output = runner.run(&[
            ("INPUT_PATH", "stories.txt"),
            ("INPUT_FAIL_ON", "warning"),
            ("INPUT_SARIF_FILE", "reports/nested/backlint.sarif"),
        ]);
        assert_eq!(output.status.code(), Some(1), "{}", show(&output));
        assert!(stdout(&output).contains("::warning file=stories.txt,line="));
    }
    assert_eq!(runner.output("exit-code").as_deref(), Some("1"));
    assert_eq!(
        runner.output("sarif-file").as_deref(),
        Some("reports/nested/backlint.sarif"),
        "the SARIF folder is created"
    );
    assert!(runner
        .workspace
        .join("reports/nested/backlint.sarif")
        .is_file());
    let summary = runner.summary();
    assert!(summary.starts_with(EARLIER_SUMMARY), "{summary}");
    assert_eq!(
        summary.matches("## backlint").count(),
        2,
        "each run appends its report: {summary}"
    );
}

#[test]
fn unreadable_export_exits_2_with_empty_counts() {
    if !bash_available("unreadable_export_exits_2_with_empty_counts") {
        return;
    }
    let runner = Runner::new("error");
    runner.add("errors/empty.csv", "empty.csv");
    let output = runner.run(&[("INPUT_PATH", "empty.csv")]);
    assert_eq!(output.status.code(), Some(2), "{}", show(&output));
    assert!(
        stderr(&output).contains("the file is empty"),
        "{}",
        show(&output)
    );
    assert!(stdout(&output).contains("::error title=backlint::"));
    assert_eq!(runner.output("exit-code").as_deref(), Some("2"));
    assert_eq!(runner.output("findings").as_deref(), Some(""));
    assert_eq!(runner.output("sarif-file").as_deref(), Some(""));
    assert!(!runner.workspace.join("backlint.sarif").exists());
    let summary = runner.summary();
    assert!(summary.starts_with(EARLIER_SUMMARY), "{summary}");
    assert!(summary.contains("stopped with an error"), "{summary}");
}

#[test]
fn shell_metacharacters_in_inputs_are_data() {
    if !bash_available("shell_metacharacters_in_inputs_are_data") {
        return;
    }
    let runner = Runner::new("inject");
    runner.add("stories.txt", "stories.txt");
    let hostile = "$(touch pwned) `touch pwned`; touch pwned | touch pwned";

    // In path, args and sarif-file: each is a file name backlint cannot read.
    let output = runner.run(&[
        ("INPUT_PATH", hostile),
        ("INPUT_ARGS", hostile),
        ("INPUT_SARIF_FILE", "$(touch pwned)`touch pwned`;.sarif"),
    ]);
    assert_eq!(output.status.code(), Some(2), "{}", show(&output));
    assert!(
        stderr(&output).contains("cannot read the file"),
        "{}",
        show(&output)
    );
    assert_eq!(runner.output("exit-code").as_deref(), Some("2"));

    // In config (the export itself is fine): the configuration cannot be read.
    let output = runner.run(&[
        ("INPUT_PATH", "stories.txt"),
        ("INPUT_CONFIG", "$(touch pwned)`touch pwned`; touch pwned"),
    ]);
    assert_eq!(output.status.code(), Some(2), "{}", show(&output));
    assert!(
        stderr(&output).contains("cannot read the file"),
        "{}",
        show(&output)
    );

    // args are split on whitespace but never globbed: `*` reaches backlint as it is (as a
    // rule, since backlint expands a pattern given as a path itself).
    let output = runner.run(&[("INPUT_PATH", "stories.txt"), ("INPUT_ARGS", "--select *")]);
    assert_eq!(output.status.code(), Some(2), "{}", show(&output));
    assert!(
        stderr(&output).contains("unknown rule or category `*`"),
        "{}",
        show(&output)
    );

    assert_eq!(runner.find("pwned"), Vec::<PathBuf>::new(), "nothing ran");
}

#[test]
fn paths_with_spaces_globs_and_several_lines() {
    if !bash_available("paths_with_spaces_globs_and_several_lines") {
        return;
    }
    let runner = Runner::new("paths");
    runner.add("jira-cloud-all-fields.csv", "dir with space/export.csv");
    runner.add("jira-v3-search-jql-page1.json", "pages/page-1.json");
    runner.add("jira-v3-search-jql-page2.json", "pages/page-2.json");

    let output = runner.run(&[
        ("INPUT_PATH", "dir with space/export.csv"),
        ("INPUT_ARGS", "--today 2026-03-01"),
    ]);
    // Warnings fail by default, as the Action's `fail-on` input says.
    assert_eq!(output.status.code(), Some(1), "{}", show(&output));
    assert!(
        stdout(&output).contains("::warning file=dir with space/export.csv,line="),
        "{}",
        show(&output)
    );
    let expected = json_report(&runner.workspace, &["dir with space/export.csv"]);
    assert_eq!(
        runner.output("findings"),
        Some(expected["summary"]["findings"].to_string())
    );

    // Several lines, blank ones, surrounding spaces, two words on a line, and globs.
    let output = runner.run(&[
        (
            "INPUT_PATH",
            "pages/page-1.json pages/page-2.json\n\n   dir with space/*.csv  \n",
        ),
        ("INPUT_ARGS", "--today\n2026-03-01"),
    ]);
    assert_eq!(output.status.code(), Some(1), "{}", show(&output));
    let expected = json_report(
        &runner.workspace,
        &[
            "pages/page-1.json",
            "pages/page-2.json",
            "dir with space/export.csv",
        ],
    );
    assert_eq!(
        runner.output("findings"),
        Some(expected["summary"]["findings"].to_string())
    );
    let globbed = runner.run(&[
        ("INPUT_PATH", "**/*.json\ndir with space/export.csv"),
        ("INPUT_ARGS", "--today 2026-03-01"),
    ]);
    assert_eq!(globbed.status.code(), Some(1), "{}", show(&globbed));
    assert_eq!(
        runner.output("findings"),
        Some(expected["summary"]["findings"].to_string()),
        "** reaches the pages"
    );

    let output = runner.run(&[("INPUT_PATH", "nothing-here/*.csv")]);
    assert_eq!(output.status.code(), Some(2), "{}", show(&output));
    assert!(stdout(&output).contains("no file matches"));
}

/// A fake release of backlint for `file://` downloads: `download/<tag>/` and
/// `latest/download/`, each with a tarball whose `backlint` is a script that, if it is
/// ever executed, touches `marker` and prints a version.
struct FakeRelease {
    base: PathBuf,
    marker: PathBuf,
    asset: String,
}

impl FakeRelease {
    fn new(runner: &Runner) -> FakeRelease {
        let base = runner.root.join("releases");
        let marker = runner.root.join("the-download-ran");
        let package = runner.root.join("package");
        std::fs::create_dir_all(&package).unwrap();
        std::fs::write(
            package.join("backlint"),
            format!(
                "#!/bin/sh\ntouch '{}'\necho 'backlint 9.9.9'\n",
                marker.display()
            ),
        )
        .unwrap();
        let asset = format!("backlint-{TARGET}.tar.gz");
        for folder in ["download/v9.9.9", "latest/download"] {
            std::fs::create_dir_all(base.join(folder)).unwrap();
        }
        let archive = base.join("download/v9.9.9").join(&asset);
        let tar = Command::new("bash")
            .args([
                "-c",
                "chmod +x \"$1/backlint\" && tar -czf \"$2\" -C \"$1\" backlint",
            ])
            .arg("make-release")
            .arg(&package)
            .arg(&archive)
            .output()
            .unwrap();
        assert!(tar.status.success(), "{}", show(&tar));
        std::fs::copy(&archive, base.join("latest/download").join(&asset)).unwrap();
        FakeRelease {
            base,
            marker,
            asset,
        }
    }

    fn archive(&self, folder: &str) -> PathBuf {
        self.base.join(folder).join(&self.asset)
    }

    fn sha256(&self, folder: &str) -> String {
        let output = Command::new("bash")
            .args([
                "-c",
                "if command -v sha256sum >/dev/null; then sha256sum \"$1\"; else shasum -a 256 \"$1\"; fi",
            ])
            .arg("hash")
            .arg(self.archive(folder))
            .output()
            .unwrap();
        assert!(output.status.success(), "{}", show(&output));
        stdout(&output)
            .split_whitespace()
            .next()
            .unwrap()
            .to_string()
    }

    fn write_checksum(&self, folder: &str, hash: &str) {
        let path = self
            .base
            .join(folder)
            .join(format!("{}.sha256", self.asset));
        std::fs::write(path, format!("{hash}  {}\n", self.asset)).unwrap();
    }

    fn url(&self) -> String {
        format!(
            "file://{}",
            self.base.display().to_string().replace('\\', "/")
        )
    }
}

fn install(runner: &Runner, release: &FakeRelease, version: &str) -> Output {
    runner
        .script("install.sh", &[("INPUT_VERSION", version)])
        .env("BACKLINT_DOWNLOAD_BASE", release.url())
        .output()
        .unwrap()
}

#[test]
fn checksum_mismatch_aborts_before_anything_is_extracted_or_run() {
    if !bash_available("checksum_mismatch_aborts_before_anything_is_extracted_or_run") {
        return;
    }
    let runner = Runner::new("mismatch");
    let release = FakeRelease::new(&runner);
    let wrong = "0".repeat(64);
    release.write_checksum("download/v9.9.9", &wrong);

    let output = install(&runner, &release, "v9.9.9");
    assert_ne!(output.status.code(), Some(0), "{}", show(&output));
    let said = format!("{}{}", stdout(&output), stderr(&output));
    assert!(said.contains("checksum mismatch"), "{said}");
    assert!(said.contains(&format!("expected {wrong}")), "{said}");
    assert!(said.contains("::error title=backlint install::"), "{said}");
    assert!(!release.marker.exists(), "the download never ran");
    assert_eq!(
        find_in(&runner.runner_temp, "backlint"),
        Vec::<PathBuf>::new(),
        "nothing was extracted"
    );
    assert_eq!(runner.output("bin"), None);

    // No checksum file at all: also refused, also before anything runs.
    let output = install(&runner, &release, "latest");
    assert_ne!(output.status.code(), Some(0), "{}", show(&output));
    assert!(
        stdout(&output).contains("cannot be verified"),
        "{}",
        show(&output)
    );
    assert!(!release.marker.exists(), "the download never ran");
    assert_eq!(runner.output("bin"), None);
}

#[test]
fn matching_checksum_installs_and_only_then_runs_the_binary() {
    if !bash_available("matching_checksum_installs_and_only_then_runs_the_binary") {
        return;
    }
    for (version, folder) in [("v9.9.9", "download/v9.9.9"), ("latest", "latest/download")] {
        let runner = Runner::new("install");
        let release = FakeRelease::new(&runner);
        // Upper case hex is accepted too.
        release.write_checksum(folder, &release.sha256(folder).to_uppercase());

        let output = install(&runner, &release, version);
        assert_eq!(
            output.status.code(),
            Some(0),
            "{version}: {}",
            show(&output)
        );
        let bin = PathBuf::from(runner.output("bin").expect("bin= output"));
        assert_eq!(
            bin,
            runner
                .runner_temp
                .join(format!("backlint-{version}/bin/backlint"))
        );
        assert_eq!(stdout(&output).trim(), bin.display().to_string());
        assert!(
            std::fs::read_to_string(&bin)
                .unwrap()
                .contains("backlint 9.9.9"),
            "the archive's binary was installed"
        );
        assert!(
            release.marker.exists(),
            "the verified binary ran (--version)"
        );
        assert!(stderr(&output).contains("SHA-256 verified"));
        assert_eq!(
            std::fs::read_to_string(&runner.path_file).unwrap().trim(),
            bin.parent().unwrap().display().to_string(),
            "later steps find backlint on PATH"
        );
    }
}

#[test]
fn install_takes_backlint_bin_and_refuses_odd_versions() {
    if !bash_available("install_takes_backlint_bin_and_refuses_odd_versions") {
        return;
    }
    let runner = Runner::new("bin");
    let output = runner
        .script("install.sh", &[])
        .env("BACKLINT_BIN", env!("CARGO_BIN_EXE_backlint"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", show(&output));
    assert_eq!(
        runner.output("bin").as_deref(),
        Some(env!("CARGO_BIN_EXE_backlint"))
    );

    for version in ["v1; touch pwned", "$(touch pwned)", "../../etc", "v1.2"] {
        let output = runner
            .script("install.sh", &[("INPUT_VERSION", version)])
            .env("BACKLINT_DOWNLOAD_BASE", "file:///nonexistent")
            .output()
            .unwrap();
        assert_eq!(
            output.status.code(),
            Some(1),
            "{version}: {}",
            show(&output)
        );
        assert!(
            stdout(&output).contains("is not a release tag"),
            "{version}: {}",
            show(&output)
        );
    }
    assert_eq!(runner.find("pwned"), Vec::<PathBuf>::new(), "nothing ran");
}

#[test]
fn source_builds_when_asked_or_when_no_asset_fits() {
    if !bash_available("source_builds_when_asked_or_when_no_asset_fits") {
        return;
    }
    let runner = Runner::new("source");
    let release = FakeRelease::new(&runner);
    // A stand-in for cargo: records its arguments and "installs" a backlint into --root.
    let fake_bin = runner.root.join("fake-bin");
    std::fs::create_dir_all(&fake_bin).unwrap();
    let cargo_log = runner.root.join("cargo-args");
    std::fs::write(
        fake_bin.join("cargo"),
        "#!/usr/bin/env bash\n\
         printf '%s\\n' \"$@\" >\"$CARGO_LOG\"\n\
         while [[ $# -gt 0 ]]; do [[ $1 == --root ]] && root=$2; shift; done\n\
         mkdir -p \"$root/bin\"\n\
         for name in backlint backlint.exe; do\n\
           printf '#!/bin/sh\\necho backlint 0.0.0-source\\n' >\"$root/bin/$name\"\n\
           chmod +x \"$root/bin/$name\"\n\
         done\n",
    )
    .unwrap();
    let path = std::env::join_paths(std::iter::once(fake_bin.clone()).chain(
        std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()),
    ))
    .unwrap();
    let chmod = Command::new("bash")
        .args(["-c", "chmod +x \"$1\""])
        .arg("chmod")
        .arg(fake_bin.join("cargo"))
        .output()
        .unwrap();
    assert!(chmod.status.success());

    let cases = [
        // (version, RUNNER_OS, RUNNER_ARCH, why)
        ("source", "Linux", "X64", "version: source"),
        (
            "latest",
            "Windows",
            "ARM64",
            "no asset for Windows on ARM64",
        ),
        ("latest", "Linux", "X64", "no release published yet"),
    ];
    for (version, os, arch, why) in cases {
        std::fs::remove_dir_all(release.base.join("latest")).ok();
        let _ = std::fs::remove_file(&cargo_log);
        let output = runner
            .script("install.sh", &[("INPUT_VERSION", version)])
            .env("RUNNER_OS", os)
            .env("RUNNER_ARCH", arch)
            .env("PATH", &path)
            .env("CARGO_LOG", &cargo_log)
            .env("BACKLINT_DOWNLOAD_BASE", release.url())
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(0), "{why}: {}", show(&output));
        let args = std::fs::read_to_string(&cargo_log).expect("cargo ran");
        let args: Vec<&str> = args.lines().collect();
        assert_eq!(args[0], "install", "{why}");
        assert_eq!(args[1], "--path", "{why}");
        assert_eq!(&args[3..5], &["--locked", "--root"], "{why}");
        if cfg!(unix) {
            // (Git Bash on Windows spells the same folder as /c/…)
            assert_eq!(
                args[2],
                env!("CARGO_MANIFEST_DIR"),
                "{why}: the action's own checkout"
            );
        }
        assert!(
            stderr(&output).contains("0.0.0-source"),
            "{why}: {}",
            show(&output)
        );
    }

    // A tag that cannot be downloaded is an error, not a silent build of something else.
    let _ = std::fs::remove_file(&cargo_log);
    let output = runner
        .script("install.sh", &[("INPUT_VERSION", "v1.2.3")])
        .env("PATH", &path)
        .env("CARGO_LOG", &cargo_log)
        .env("BACKLINT_DOWNLOAD_BASE", release.url())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1), "{}", show(&output));
    assert!(stdout(&output).contains("could not download"));
    assert!(!cargo_log.exists(), "no fallback for an explicit tag");
}

/// A pinned checksums file (`HASH  TAG/ASSET`) for `install.sh`, outside the action.
fn pin(runner: &Runner, release: &FakeRelease, hash: &str) -> PathBuf {
    let path = runner.root.join("checksums.sha256");
    std::fs::write(
        &path,
        format!("# pinned\n{hash}  v9.9.9/{}\n", release.asset),
    )
    .unwrap();
    path
}

/// [`install`], with the action's pinned checksums read from `pinned`.
fn install_pinned(runner: &Runner, release: &FakeRelease, version: &str, pinned: &Path) -> Output {
    runner
        .script("install.sh", &[("INPUT_VERSION", version)])
        .env("BACKLINT_DOWNLOAD_BASE", release.url())
        .env("BACKLINT_CHECKSUMS", pinned)
        .output()
        .unwrap()
}

#[test]
fn a_mismatched_pinned_checksum_aborts_even_when_the_release_agrees() {
    if !bash_available("a_mismatched_pinned_checksum_aborts_even_when_the_release_agrees") {
        return;
    }
    let runner = Runner::new("pinned-mismatch");
    let release = FakeRelease::new(&runner);
    // The release was replaced: its own .sha256 matches the new archive, the hash pinned
    // in the action's files does not.
    release.write_checksum("download/v9.9.9", &release.sha256("download/v9.9.9"));
    let wrong = "1".repeat(64);
    let pinned = pin(&runner, &release, &wrong);
    let output = install_pinned(&runner, &release, "v9.9.9", &pinned);
    assert_ne!(output.status.code(), Some(0), "{}", show(&output));
    let said = format!("{}{}", stdout(&output), stderr(&output));
    assert!(
        said.contains(&format!(
            "checksum mismatch for {}: expected {wrong}",
            release.asset
        )),
        "{said}"
    );
    assert!(!release.marker.exists(), "the download never ran");
    assert_eq!(
        find_in(&runner.runner_temp, "backlint"),
        Vec::<PathBuf>::new()
    );
    assert_eq!(runner.output("bin"), None);
}

#[test]
fn a_pinned_checksum_needs_no_file_from_the_release() {
    if !bash_available("a_pinned_checksum_needs_no_file_from_the_release") {
        return;
    }
    let runner = Runner::new("pinned-match");
    let release = FakeRelease::new(&runner);
    // No .sha256 in the release at all: the pinned hash is enough, and no warning.
    let pinned = pin(&runner, &release, &release.sha256("download/v9.9.9"));
    let output = install_pinned(&runner, &release, "v9.9.9", &pinned);
    assert_eq!(output.status.code(), Some(0), "{}", show(&output));
    assert!(stderr(&output).contains("pinned in"), "{}", show(&output));
    assert!(!show(&output).contains("::warning"), "{}", show(&output));
    // A tag with nothing pinned is checked against the release's own file, with a warning.
    release.write_checksum("latest/download", &release.sha256("latest/download"));
    let output = install_pinned(&runner, &release, "latest", &pinned);
    assert_eq!(output.status.code(), Some(0), "{}", show(&output));
    assert!(
        stderr(&output).contains("::warning title=backlint install::no SHA-256 for latest/"),
        "{}",
        show(&output)
    );
}

#[test]
fn the_action_defaults_to_its_own_release_and_downloads_over_https_only() {
    let action = std::fs::read_to_string(repo().join("action.yml")).unwrap();
    let version = format!("default: v{}", env!("CARGO_PKG_VERSION"));
    assert!(action.contains(&version), "action.yml: version {version}");
    let install = std::fs::read_to_string(repo().join("action/install.sh")).unwrap();
    assert!(install.contains("--proto '=https' --proto-redir '=https' --tlsv1.2"));
}

#[test]
fn backlints_stderr_is_fenced_from_workflow_commands() {
    if !bash_available("backlints_stderr_is_fenced_from_workflow_commands") {
        return;
    }
    let runner = Runner::new("fenced");
    // No Status column: backlint notes on stderr which rules did not run on the file.
    std::fs::write(
        runner.workspace.join("a.csv"),
        "Summary,Issue key\n::error title=FAKE::pwned,A-1\n",
    )
    .unwrap();
    let output = runner.run(&[("INPUT_PATH", "a.csv")]);
    assert_eq!(
        output.status.code(),
        Some(1),
        "a warning fails: {}",
        show(&output)
    );
    let err = stderr(&output);
    let lines: Vec<&str> = err.lines().collect();
    let token = lines
        .iter()
        .find_map(|l| l.strip_prefix("::stop-commands::"))
        .unwrap_or_else(|| panic!("no ::stop-commands:: in\n{err}"));
    assert_eq!(token.len(), 32, "{token}");
    assert!(token.chars().all(|c| c.is_ascii_hexdigit()), "{token}");
    let start = lines
        .iter()
        .position(|l| l.starts_with("::stop-commands::"))
        .unwrap();
    let end = lines
        .iter()
        .position(|l| *l == format!("::{token}::"))
        .unwrap_or_else(|| panic!("no ::{token}:: in\n{err}"));
    let fenced = &lines[start + 1..end];
    assert!(
        fenced.iter().any(|l| l.starts_with("note: a.csv has no")),
        "{err}"
    );
    // Twice a second token would be a guessable one.
    let again = stderr(&runner.run(&[("INPUT_PATH", "a.csv")]));
    assert!(!again.contains(token), "a new token each run");
}

#[test]
fn fail_under_gates_the_step_and_the_readiness_counts_are_outputs() {
    if !bash_available("fail_under_gates_the_step_and_the_readiness_counts_are_outputs") {
        return;
    }
    let runner = Runner::new("readiness");
    runner.add("readiness-sprints.csv", "backlog/export.csv");
    // 3 of the fixture's 6 ready candidates are ready: 50%.
    for (fail_under, code) in [("60", 1), ("50", 0)] {
        let output = runner.run(&[
            ("INPUT_PATH", "backlog/export.csv"),
            ("INPUT_FAIL_ON", "never"),
            ("INPUT_FAIL_UNDER", fail_under),
            ("INPUT_ARGS", "--today 2026-03-01"),
        ]);
        assert_eq!(output.status.code(), Some(code), "{}", show(&output));
        assert_eq!(runner.output("ready-candidates").as_deref(), Some("6"));
        assert_eq!(runner.output("ready").as_deref(), Some("3"));
        assert_eq!(runner.output("ready-points").as_deref(), Some("11.0"));
        assert_eq!(runner.output("velocity").as_deref(), Some("8.0"));
    }
    // Without ready candidates the outputs are empty and no gate applies.
    runner.add("stories.txt", "stories.txt");
    let output = runner.run(&[
        ("INPUT_PATH", "stories.txt"),
        ("INPUT_FAIL_ON", "never"),
        ("INPUT_FAIL_UNDER", "90"),
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", show(&output));
    assert_eq!(runner.output("ready-candidates").as_deref(), Some(""));
    assert_eq!(runner.output("ready").as_deref(), Some(""));
    assert_eq!(runner.output("ready-points").as_deref(), Some(""));
    assert_eq!(runner.output("velocity").as_deref(), Some(""));
}

const JIRA_TOKEN: &str = "tok-3f9a8b7c6d5e4f";

/// The inputs and environment of a step that pulls from Jira Cloud at `site`.
fn jira_pull<'a>(site: &'a str, args: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("INPUT_TRACKER", "jira"),
        ("INPUT_SITE", site),
        ("INPUT_QUERY", "project = PAN AND statusCategory != Done"),
        ("INPUT_ARGS", args),
        ("JIRA_EMAIL", "reader@example.com"),
        ("JIRA_API_TOKEN", JIRA_TOKEN),
        // No proxy between the action and the local server.
        ("HTTPS_PROXY", ""),
        ("HTTP_PROXY", ""),
        ("ALL_PROXY", ""),
        ("https_proxy", ""),
        ("http_proxy", ""),
        ("all_proxy", ""),
    ]
}

#[test]
fn a_tracker_is_pulled_then_linted_in_one_step() {
    if !bash_available("a_tracker_is_pulled_then_linted_in_one_step") {
        return;
    }
    let read = |name: &str| std::fs::read_to_string(fixture(name)).unwrap();
    let server = replay::Server::replay(vec![
        replay::ok(read("jira-v3-search-jql-page1.json")),
        replay::ok(read("jira-v3-search-jql-page2.json")),
    ]);
    let runner = Runner::new("pull");
    let output = runner.run(&jira_pull(&server.base, "--today 2026-03-01"));
    assert_eq!(output.status.code(), Some(1), "{}", show(&output));
    assert_eq!(server.seen().len(), 2);

    let pages = [
        "backlint-pull/page-0001.json",
        "backlint-pull/page-0002.json",
    ];
    let expected = json_report(&runner.workspace, &pages);
    assert_eq!(
        runner.output("findings"),
        Some(expected["summary"]["findings"].to_string())
    );
    assert!(
        stdout(&output).contains("::warning file=backlint-pull/page-0002.json,line="),
        "{}",
        show(&output)
    );
    assert!(
        stderr(&output).contains("pulled 6 items in 2 pages into backlint-pull"),
        "{}",
        show(&output)
    );
    assert_eq!(
        runner.output("sarif-file").as_deref(),
        Some("backlint.sarif")
    );
    assert!(runner.summary().contains("PAN-5"), "{}", runner.summary());
    let outputs = std::fs::read_to_string(&runner.output_file).unwrap();
    for text in [show(&output), outputs, runner.summary()] {
        assert!(!text.contains(JIRA_TOKEN), "{text}");
    }
}

#[test]
fn a_refused_pull_stops_the_step_with_exit_code_2() {
    if !bash_available("a_refused_pull_stops_the_step_with_exit_code_2") {
        return;
    }
    let server = replay::Server::replay(vec![replay::status(401, "")]);
    let runner = Runner::new("pull-refused");
    let output = runner.run(&jira_pull(&server.base, ""));
    assert_eq!(output.status.code(), Some(2), "{}", show(&output));
    assert!(
        stderr(&output).contains("set JIRA_EMAIL and JIRA_API_TOKEN"),
        "{}",
        show(&output)
    );
    assert!(stderr(&output).contains("::stop-commands::"), "fenced");
    assert!(!show(&output).contains(JIRA_TOKEN));
    assert_eq!(runner.output("exit-code").as_deref(), Some("2"));
    assert_eq!(runner.output("findings").as_deref(), Some(""));
    assert!(runner.summary().contains("stopped with an error"));

    // A tracker the action does not know, or no query: refused before anything runs.
    let mut inputs = jira_pull(&server.base, "");
    inputs[0] = ("INPUT_TRACKER", "jira-cloud");
    let output = runner.run(&inputs);
    assert_eq!(output.status.code(), Some(2), "{}", show(&output));
    assert!(stdout(&output)
        .contains("tracker: \"jira-cloud\" is none of jira, jira-dc, github, azure-devops"));
    inputs[0] = ("INPUT_TRACKER", "jira");
    inputs[2] = ("INPUT_QUERY", "");
    let output = runner.run(&inputs);
    assert_eq!(output.status.code(), Some(2), "{}", show(&output));
    assert!(stdout(&output).contains("query: give the JQL search"));
    assert_eq!(
        server.seen().len(),
        1,
        "only the first run reached the server"
    );
}
