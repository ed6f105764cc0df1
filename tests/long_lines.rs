//! A minified Jira response is one line of megabytes: findings near its end keep their
//! line and column (in characters) and their byte offsets.

use std::io::Write;
use std::process::{Command, Stdio};

use serde_json::Value;

#[test]
fn a_finding_near_the_end_of_a_multi_megabyte_line_keeps_its_column() {
    // Over three megabytes of two-byte characters before the summary, on the first line,
    // in fields no rule reads (each under the 1 MiB limit of one value).
    let filler: String = (1..=4)
        .map(|n| format!(r#""customfield_{n}":"{}","#, "é".repeat(450_000)))
        .collect();
    let json = format!(
        r#"{{"issues":[{{"key":"PAN-1","fields":{{{filler}"summary":"As a shopper, I want a fast checkout so that I save time"}}}}]}}"#
    );
    let mut child = Command::new(env!("CARGO_BIN_EXE_backlint"))
        .args(["check", "--format", "json", "--today", "2026-03-01", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let mut stdin = child.stdin.take().expect("stdin is piped");
    stdin
        .write_all(json.as_bytes())
        .expect("stdin takes the bytes");
    drop(stdin);
    let output = child.wait_with_output().expect("the binary finishes");
    let report: Value = serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!("{e}: {}", String::from_utf8_lossy(&output.stderr));
    });
    let findings = report["findings"].as_array().expect("a list of findings");
    let fast = findings
        .iter()
        .find(|f| f["text"] == "fast")
        .unwrap_or_else(|| panic!("a finding on \"fast\": {findings:?}"));
    let offset = json
        .find("fast checkout")
        .expect("the summary is in the file");
    let column = json[..offset].chars().count() + 1;
    assert_eq!(
        (&fast["line"], &fast["column"], &fast["end_column"]),
        (
            &Value::from(1),
            &Value::from(column),
            &Value::from(column + 4)
        )
    );
    assert_eq!(
        (&fast["start"], &fast["end"]),
        (&Value::from(offset), &Value::from(offset + 4))
    );
}
