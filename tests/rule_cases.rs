//! Runs the `[[test]]` cases of every built-in rule file (`backlint::rule_cases`, the
//! runner of `backlint rules --test`): a `fail` case must be reported, on the `span` text
//! when it names one; a `pass` case must not. Each rule's failing cases are also
//! snapshotted as the human report renders them.

use backlint::config::Loaded;
use backlint::rule_cases;
use backlint::rules::catalog;

#[test]
fn every_rule_file_case_holds() {
    let rules = catalog::builtin_rules().expect("the built-in rules load");
    let mut failures = Vec::new();
    for rule in &rules {
        let results = rule_cases::run(&Loaded::default(), rule).expect("the cases run");
        failures.extend(results.failures);
        let rendered = results.rendered;
        if !rendered.is_empty() {
            insta::assert_snapshot!(rule.id.clone(), rendered);
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_rule_file_has_a_failing_and_a_passing_case() {
    let rules = catalog::builtin_rules().expect("the built-in rules load");
    let missing: Vec<&str> = rules
        .iter()
        .filter(|rule| {
            !rule.tests.iter().any(|case| case.fail.is_some())
                || !rule.tests.iter().any(|case| case.pass.is_some())
        })
        .map(|rule| rule.id.as_str())
        .collect();
    assert!(
        missing.is_empty(),
        "rules without a fail and a pass case: {missing:?}"
    );
}
