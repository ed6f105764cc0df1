//! Any bytes through what `backlint check` does: detect and read, every built-in rule,
//! every report format. Every finding points inside its file.
#![no_main]

use std::collections::BTreeMap;
use std::sync::LazyLock;

use backlint::config::{Loaded, Scope};
use backlint::report::{self, human::Style, Report};
use backlint::rules::catalog;
use backlint::rules::context::Settings;
use backlint::rules::linter::Linter;
use backlint::rules::selection::{self, CommandLine};
use backlint::text::story;
use libfuzzer_sys::fuzz_target;

/// Every built-in rule; without job stories, then with them.
static LINTERS: LazyLock<[Linter; 2]> = LazyLock::new(|| {
    let cli = CommandLine::only("all");
    let catalog = catalog::builtin_rules().unwrap_or_default();
    let rules = selection::select(catalog, &Loaded::default(), &cli).unwrap_or_default();
    [false, true].map(|job_stories| {
        let settings = Settings {
            today: Some(jiff::civil::date(2026, 3, 1)),
            story: story::Options {
                job_stories,
                extra_templates: Vec::new(),
            },
            personas: Vec::new(),
            max_findings_per_item: usize::MAX,
            criteria: backlint::text::criteria::Vocabulary::shared(),
        };
        Linter::new(rules.clone(), settings, Scope::default(), BTreeMap::new())
    })
});

fuzz_target!(|data: &[u8]| {
    // The first byte picks the file name the format is detected from.
    let Some((&pick, bytes)) = data.split_first() else {
        return;
    };
    let name = ["fuzz.csv", "fuzz.json", "fuzz.txt", "fuzz.md", "-"][usize::from(pick) % 5];
    let Some(backlog) = backlint_fuzz::read(name, bytes, None) else {
        return;
    };
    let linter = &LINTERS[usize::from(pick & 0x80 != 0)];
    let outcome = linter
        .run(&backlog)
        .unwrap_or_else(|error| panic!("the engine failed: {error}"))
        .outcome;
    for finding in &outcome.findings {
        let source = backlog.source_of(finding.item);
        backlint_fuzz::assert_span(source.text(), finding.span);
    }
    let report = Report::of(&backlog, linter.rules(), &outcome);
    report::human::render(
        &report,
        Style {
            color: pick & 0x40 != 0,
            width: 100,
        },
    );
    report::concise::render(&report);
    report::statistics::render(&report);
    report::json::render(&report);
    report::sarif::render(&report, None);
    report::github::render(&report);
    report::markdown::render(&report);
    report::junit::render(&report);
});
