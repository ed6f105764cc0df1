//! Every rule with stories that must fail and stories that must pass.
//!
//! Each case is a small CSV export built in memory; only the rule under test runs.

use backlint::backlog::Backlog;
use backlint::config::{self, Loaded};
use backlint::ingest::{self, ReadOptions};
use backlint::rules::linter::{Linter, Overrides};
use backlint::rules::selection::CommandLine;
use backlint::source::{Encoding, Source};

/// Columns every case row has unless it says otherwise: an open, prioritised, estimated
/// story in an epic with a description and acceptance criteria.
const DEFAULTS: [(&str, &str); 9] = [
    ("Issue Type", "Story"),
    ("Status", "To Do"),
    ("Priority", "High"),
    ("Custom field (Story Points)", "3"),
    ("Parent key", "PAN-1"),
    ("Assignee", "Sam Roe"),
    ("Updated", "20/Feb/26 9:00 AM"),
    ("Labels", ""),
    (
        "Description",
        "h3. Acceptance Criteria\n# Given a saved basket, when I sign in elsewhere, then I see the same items.",
    ),
];

/// A CSV export of `rows`: each row gives the summary and any columns that differ.
fn export(rows: &[(&str, &[(&str, &str)])]) -> String {
    let mut header = vec!["Summary", "Issue key"];
    header.extend(DEFAULTS.iter().map(|(c, _)| *c));
    for (_, extra) in rows {
        for (column, _) in *extra {
            if !header.contains(column) {
                header.push(column);
            }
        }
    }
    let quote = |cell: &str| format!("\"{}\"", cell.replace('"', "\"\""));
    let mut out = header
        .iter()
        .map(|c| quote(c))
        .collect::<Vec<_>>()
        .join(",")
        + "\n";
    for (index, (summary, extra)) in rows.iter().enumerate() {
        let key = format!("PAN-{}", index + 10);
        let cells: Vec<String> = header
            .iter()
            .map(|column| match *column {
                "Summary" => quote(summary),
                "Issue key" => key.clone(),
                _ => {
                    let given = extra.iter().find(|(c, _)| c == column).map(|(_, v)| *v);
                    let default = DEFAULTS.iter().find(|(c, _)| c == column).map(|(_, v)| *v);
                    quote(given.or(default).unwrap_or(""))
                }
            })
            .collect();
        out.push_str(&cells.join(","));
        out.push('\n');
    }
    out
}

fn backlog_of(csv: String) -> Backlog {
    let mut backlog = Backlog::default();
    let source = Source::new("case.csv", csv, Encoding::Utf8);
    ingest::add_source(&mut backlog, source, &ReadOptions::default()).expect("the case reads");
    backlog
}

/// Findings of `rule` as "KEY: message", under the configuration `toml`.
fn run_with(rule: &str, rows: &[(&str, &[(&str, &str)])], toml: &str) -> Vec<String> {
    let backlog = backlog_of(export(rows));
    let source = Source::new("backlint.toml", toml.to_owned(), Encoding::Utf8);
    let loaded = Loaded {
        config: config::parse(&source).expect("the case's configuration parses"),
        source: Some(source),
        ..Loaded::default()
    };
    let overrides = Overrides {
        select: CommandLine::only(rule),
        today: Some(jiff::civil::date(2026, 3, 1)),
        max_findings_per_item: Some(usize::MAX),
    };
    let linter = Linter::from_config(&loaded, &overrides).expect("the rule selects");
    let outcome = linter.run(&backlog).expect("the engine runs").outcome;
    outcome
        .findings
        .iter()
        .map(|f| format!("{}: {}", backlog.key(f.item), f.message()))
        .collect()
}

fn run(rule: &str, rows: &[(&str, &[(&str, &str)])]) -> Vec<String> {
    run_with(rule, rows, "")
}

/// Asserts that each summary is flagged by `rule` (with default columns).
fn fails(rule: &str, summaries: &[&str]) {
    for summary in summaries {
        let found = run(rule, &[(summary, &[])]);
        assert!(!found.is_empty(), "{rule} should flag {summary:?}");
    }
}

/// Asserts that no summary is flagged by `rule`.
fn passes(rule: &str, summaries: &[&str]) {
    for summary in summaries {
        let found = run(rule, &[(summary, &[])]);
        assert!(
            found.is_empty(),
            "{rule} should pass {summary:?}, found {found:?}"
        );
    }
}

const GOOD: &str =
    "As a shopper, I want to save my basket, so that I can finish ordering on another device.";

#[test]
fn story_format() {
    fails(
        "story-format",
        &[
            "Checkout page must be fast",
            "Improve search, filters etc.",
            "Admin should be able to manage products",
            "Use the date as a filter",
        ],
    );
    passes(
        "story-format",
        &[
            GOOD,
            "As a shopper I want to pay with a saved card",
            "as an admin, I'd like to export invoices",
            "As Admin, I should be able to block a user, so that spam stops",
            "In order to plan my day, as a driver, I want to see all stops on a map",
        ],
    );
    // The story in the description's first line counts when the summary is a title.
    let titled = run(
        "story-format",
        &[(
            "Save basket",
            &[(
                "Description",
                "As a shopper, I want to save my basket, so that I can order later.\nMore text.",
            )],
        )],
    );
    assert!(titled.is_empty(), "{titled:?}");
    // A heading or label line above the story sentence is skipped.
    for description in [
        "*Story*\nAs a shopper, I want to save my basket, so that I can order later.",
        "h2. Narrative\n\nAs a shopper, I want to save my basket, so that I can order later.",
        "Story:\nAs a shopper, I want to save my basket, so that I can order later.",
    ] {
        let found = run(
            "story-format",
            &[("Save basket", &[("Description", description)])],
        );
        assert!(found.is_empty(), "{description:?}: {found:?}");
    }
    // A sentence above it is text, not a heading: the story is not found there.
    let preceded = run(
        "story-format",
        &[(
            "Save basket",
            &[(
                "Description",
                "Shoppers lose baskets on the train.\nAs a shopper, I want to save my basket.",
            )],
        )],
    );
    assert_eq!(preceded.len(), 1, "{preceded:?}");
    // Findings point at the story sentence below the heading.
    assert_eq!(
        run(
            "missing-benefit",
            &[(
                "Save basket",
                &[(
                    "Description",
                    "*Story*\nAs a shopper, I want to save my basket."
                )]
            )]
        ),
        ["PAN-10: the story says what, but not why: \"save my basket\""]
    );
    assert_eq!(
        run("story-format", &[("Checkout page must be fast", &[])]),
        ["PAN-10: \"Checkout page must be fast\" is not written as a user story"]
    );
}

#[test]
fn story_format_job_stories_when_enabled() {
    let job = "When I run out of milk, I want to reorder it in one tap, so I can get it tomorrow";
    assert!(!run("story-format", &[(job, &[])]).is_empty());
    assert!(run_with(
        "story-format",
        &[(job, &[])],
        "[story]\njob_stories = true\n"
    )
    .is_empty());
}

#[test]
fn story_format_team_templates() {
    let story = "Shopper can save the basket";
    let config = "[story]\ntemplates = ['^(?P<role>\\w+) can (?P<goal>.+)$']\n";
    assert!(!run("story-format", &[(story, &[])]).is_empty());
    assert!(run_with("story-format", &[(story, &[])], config).is_empty());
}

#[test]
fn missing_benefit() {
    fails(
        "missing-benefit",
        &[
            "As a shopper, I want to save my basket",
            "As a shopper I want to pay with a saved card.",
            // Conditions and constraints say when or how, not why.
            "As a shopper, I want to see my basket when I log in on my phone",
            "As a shopper, I want to pay in one step if my card is saved",
            "As a shopper, I want to reorder without having to search again",
            "As a shopper, I want to reorder while the sale is on",
            // "to" and "for" that belong to the goal.
            "As a shopper, I want to send my list to friends in the group",
            "As a shopper, I want a way to sort my orders",
            "As a shopper, I want to have the shop to remember my size",
            "As a shopper, I want to use the map to find a store",
            "As a shopper, I want to search for promotions",
            "As a shopper, I want a filter for each category",
            "As a shopper, I want to see my orders since last year",
            "As a shopper, I want to see my orders in order of date",
            "As a shopper, I want to upload a photo, which is shown on my profile",
        ],
    );
    passes(
        "missing-benefit",
        &[
            GOOD,
            "As a driver, I want a map, in order to find the door",
            "Checkout page must be fast",
            // Reason clauses without "so that".
            "As a driver, I want the route printed because the van has no screen",
            "As a driver, I want the route printed since I often lose signal",
            "As a driver, I want to export my trips for re-use",
            "As a driver, I want to label every stop for easier navigation",
            "As a driver, I want to scan parcels at the door to confirm delivery",
            "As a dispatcher, I want to log each delay, which can then be used by planners",
            "As a dispatcher, I want to tag late parcels in order spot patterns",
            "As a dispatcher, I want a weekly summary for the purpose of planning shifts",
        ],
    );
}

/// Rows of `summaries`, each with the default columns.
fn rows_of(summaries: &[String]) -> Vec<(&str, &[(&str, &str)])> {
    summaries.iter().map(|s| (s.as_str(), &[][..])).collect()
}

/// `titles` task titles followed by `stories` stories written as "As a …, I want …", with
/// or without a benefit.
fn backlog_with(titles: usize, stories: usize, benefit: bool) -> Vec<String> {
    let title = |i: usize| format!("Export the invoices of month {i}");
    let story = |i: usize| {
        let reason = if benefit {
            ", so that I can file taxes"
        } else {
            ""
        };
        format!("As a clerk, I want to export the invoices of month {i}{reason}")
    };
    (0..titles)
        .map(title)
        .chain((0..stories).map(story))
        .collect()
}

#[test]
fn story_format_reports_a_backlog_without_the_template_once() {
    let titles = backlog_with(6, 0, true);
    assert_eq!(
        run("story-format", &rows_of(&titles)),
        ["PAN-10: 6 of 6 stories (100%) are not written as user stories (\"As a …, I want …\"), \
          e.g. \"Export the invoices of month 0\""]
    );
    // Exactly half written as stories is not "most": still one finding for the backlog.
    let half = backlog_with(3, 3, true);
    let found = run("story-format", &rows_of(&half));
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].starts_with("PAN-10: 3 of 6 stories (50%)"),
        "{found:?}"
    );
}

#[test]
fn story_format_reports_each_story_that_breaks_the_backlogs_template() {
    let mostly_stories = backlog_with(2, 4, true);
    assert_eq!(
        run("story-format", &rows_of(&mostly_stories)),
        [
            "PAN-10: \"Export the invoices of month 0\" is not written as a user story",
            "PAN-11: \"Export the invoices of month 1\" is not written as a user story",
        ]
    );
    // Backlogs under min_stories are judged story by story.
    let small = backlog_with(4, 0, true);
    assert_eq!(run("story-format", &rows_of(&small)).len(), 4);
    // The share and the size are options.
    let titles = backlog_with(6, 0, true);
    let config = "[rules.story-format]\nmin_stories = 100\n";
    assert_eq!(run_with("story-format", &rows_of(&titles), config).len(), 6);
    let mostly_titles = backlog_with(4, 2, true);
    assert_eq!(run("story-format", &rows_of(&mostly_titles)).len(), 1);
    let config = "[rules.story-format]\nmin_share = 0.3\n";
    assert_eq!(
        run_with("story-format", &rows_of(&mostly_titles), config).len(),
        4
    );
}

#[test]
fn missing_benefit_reports_a_backlog_that_omits_it_by_design_once() {
    let without = backlog_with(0, 6, false);
    assert_eq!(
        run("missing-benefit", &rows_of(&without)),
        [
            "PAN-10: 6 of 6 stories (100%) say what, but not why (no \"so that …\"), \
          e.g. \"export the invoices of month 0\""
        ]
    );
    // Items that are not written as stories are not counted: story-format is about them.
    let mut mixed = backlog_with(5, 0, true);
    mixed.extend(backlog_with(0, 5, false));
    let found = run("missing-benefit", &rows_of(&mixed));
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].starts_with("PAN-15: 5 of 5 stories (100%)"),
        "{found:?}"
    );
}

#[test]
fn missing_benefit_reports_each_story_while_the_backlog_uses_the_clause() {
    // Two of six give a reason (a third, above the default quarter): the clause is in use.
    let mut rows = backlog_with(0, 2, true);
    rows.extend(backlog_with(0, 4, false));
    let found = run("missing-benefit", &rows_of(&rows));
    assert_eq!(found.len(), 4, "{found:?}");
    assert!(
        found[0].starts_with("PAN-12: the story says what, but not why"),
        "{found:?}"
    );
    let config = "[rules.missing-benefit]\nmin_share = 0.5\n";
    assert_eq!(
        run_with("missing-benefit", &rows_of(&rows), config).len(),
        1
    );
}

#[test]
fn template_uniformity() {
    let want = |i: usize| format!("As a shopper, I want to do thing {i}, so that I save time");
    let mut stories: Vec<String> = (0..6).map(want).collect();
    stories.push("As a shopper, I should be able to do the odd thing, so that I save time".into());
    let rows = rows_of(&stories);
    let found = run("template-uniformity", &rows);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].starts_with("PAN-16: uses \"As a …, I should be able …\" where 6 of 7 stories use \"As a …, I want …\""),
        "{found:?}"
    );
    // A uniform backlog, and one too small to judge, pass.
    assert!(run("template-uniformity", &rows[..6]).is_empty());
    assert!(run("template-uniformity", &rows[4..]).is_empty());
    // "I want" and "I want to" are one template.
    let mixed: Vec<String> = (0..6)
        .map(|i| {
            if i % 2 == 0 {
                want(i)
            } else {
                format!("As a shopper, I want thing {i}")
            }
        })
        .collect();
    assert!(run("template-uniformity", &rows_of(&mixed)).is_empty());
}

#[test]
fn role_not_user() {
    fails(
        "role-not-user",
        &[
            "As a developer, I want to move the basket to a new service",
            "As the system, I want to retry failed payments",
            "As a product owner, I want a report",
            // Judged by the head of the role, whatever qualifies it.
            "As a senior software developer, I want to split the checkout module",
            "As a developer of the ordering platform, I want faster builds",
            "As a machine learning engineer, I want to retrain the ranking model nightly",
            "As a data scientist, I want the events table partitioned by day",
            "As the solution architect, I want one message broker for all services",
            "As a QA specialist, I want a staging copy of the shop",
            "As the app, I want to cache the catalogue",
            "As a contract member of the team, I want the sprint goals on the wiki",
        ],
    );
    passes(
        "role-not-user",
        &[
            GOOD,
            "As a store manager, I want to mark items out of stock",
            // The head is the administrator, not the system.
            "As a system administrator, I want to reset a shopper's password",
            "As a user of the mobile app, I want to scan a barcode",
            // A builder who works on their own thing with the product uses it.
            "As a developer, I want to publish my plugin to the marketplace",
            // ... and so does one named by what they build on it,
            "As a game developer, I want to read a player's saved scores",
            "As an extensions developer, I want to list the hooks I can call",
            // ... or one who asks for the product's developer interface.
            "As a developer, I want the stock API to page its results",
            // A team that operates the product for its users is a user, as an admin is.
            "As a support team member, I want to unlock a shopper's account",
            // A builder whose benefit is their own use of something is a user.
            "As a developer, I want the catalogue as a feed, so that I can use it in my store",
            "As an engineer, I want prices in one file, so we could then start using them",
            "As a data scientist, I want orders by week, so that I'm able to easily use them",
        ],
    );
    fails(
        "role-not-user",
        &[
            // The modifier is a discipline, not something built on the product.
            "As a backend developer, I want to split the basket service",
            "As a senior engineer, I want the build to cache dependencies",
            "As a scrum team member, I want the board to show blocked cards",
            // Someone else's use in the benefit does not make the builder a user.
            "As a developer, I want to cache the catalogue, so that shoppers can use it offline",
            "As a developer, I want a staging shop, so that I can test the use of coupons",
        ],
    );
    // Whether developers are users depends on the product: a setting says so.
    let developer: &[(&str, &[(&str, &str)])] = &[(
        "As a developer, I want the client library to retry timeouts",
        &[],
    )];
    assert_eq!(
        run("role-not-user", developer),
        [
            "PAN-10: \"developer\" builds the product rather than uses it (a product made for \
          developers sets developers_are_users = true under [rules.role-not-user])"
        ]
    );
    let for_developers = "[rules.role-not-user]\ndevelopers_are_users = true\n";
    assert!(run_with("role-not-user", developer, for_developers).is_empty());
    assert!(run_with("role-not-user", developer, "personas = [\"developer\"]\n").is_empty());
    // The team and the product itself are never users.
    let team: &[(&str, &[(&str, &str)])] = &[("As the system, I want to retry payments", &[])];
    assert_eq!(run_with("role-not-user", team, for_developers).len(), 1);
    let rows: &[(&str, &[(&str, &str)])] = &[
        ("As a driver, I want to see stops", &[]),
        ("As a developer, I want logs", &[]),
    ];
    let found = run_with(
        "role-not-user",
        rows,
        "personas = [\"shopper\", \"developer\"]\n",
    );
    assert_eq!(
        found,
        ["PAN-10: \"driver\" is not one of the team's personas (shopper, developer)"]
    );
}

#[test]
fn non_atomic() {
    fails(
        "non-atomic",
        &[
            "As a shopper, I want to upload and share my shopping list",
            "As an admin, I want to add, edit and delete users",
            "As a clerk, I want to export or print the invoice",
            // Inflected verbs, verbs outside the lexicon, a clause describing the tool.
            "As a clerk, I want to tidy the ledger by merging and splitting accounts",
            "As a clerk, I want a checker that validates and corrects postcodes",
            "As a clerk, I want to export the ledger and anonymise customer names",
            "As a clerk, I want a bot that can translate and summarize messages",
            "As a clerk, I want to tag receipts and be notified of refunds",
        ],
    );
    passes(
        "non-atomic",
        &[
            GOOD,
            "As a shopper, I want to accept the terms and conditions",
            "As a shopper, I want to see the search results and filters page",
            "As a shopper, I want to drag and drop items into my basket",
            "As a shopper, I want a page where my partner can comment and vote",
            "As a shopper, I want to sign and submit the order form",
            "As a shopper, I want to see which orders are packed and shipped",
            // A conjunction in the benefit is not the story's.
            "As a shopper, I want to save my basket, so that I can compare and choose later",
        ],
    );
    // The strict reading: any coordination of actions or objects in the goal.
    let joined_objects: &[(&str, &[(&str, &str)])] =
        &[("As a clerk, I want to view orders and invoices", &[])];
    assert!(run("non-atomic", joined_objects).is_empty());
    let strict = "[rules.non-atomic]\nstrict = true\n";
    assert_eq!(
        run_with("non-atomic", joined_objects, strict),
        ["PAN-10: \"and\" joins two features in \"view orders and invoices\""]
    );
    let spared: &[(&str, &[(&str, &str)])] = &[
        ("As a clerk, I want to accept the terms and conditions", &[]),
        ("As a clerk, I want a fast and reliable search", &[]),
        (
            "As a clerk, I want to export receipts, so that I can file and sort them",
            &[],
        ),
    ];
    assert!(run_with("non-atomic", spared, strict).is_empty());
}

#[test]
fn not_minimal() {
    fails(
        "not-minimal",
        &[
            "As a shopper, I want to reorder (see the old app), so that I save time",
            "As a shopper, I want to reorder, so that I save time. Priority: High",
            "As a shopper, I want to pay, e.g. with a card, so that checkout is quick",
            "As a shopper, I want a Loyalty Points Card (LPC) scheme",
            "As a shopper, I want to filter by size, colour, and brand, possibly all at once",
            "As a shopper, I want to see offers - though not on the front page",
            "As a shopper, I want to rate items if there is a review section",
            "As a shopper, I want to filter items, including brand, size and colour",
            "As a shopper, I want to save a basket, so that I reorder, and I want to share it",
            "Checkout is slow. As a shopper, I want to pay in one step",
        ],
    );
    passes(
        "not-minimal",
        &[
            GOOD,
            "As a shopper, I want to reorder a past order, so that my weekly shop takes less time!",
            "As a shopper, I want to see an order including its delivery date",
            "As a shopper, I want an alert if there are price drops",
            "As a shopper, I want to use my e-mail address, so that I get a receipt",
        ],
    );
    // An acronym's definition is reported with its own message.
    let acronym: &[(&str, &[(&str, &str)])] = &[(
        "As a shopper, I want a Loyalty Points Card (LPC) scheme",
        &[],
    )];
    assert_eq!(
        run("not-minimal", acronym),
        ["PAN-10: an acronym's definition (define it once in the glossary) in the story: \"(LPC)\""]
    );
}

#[test]
fn vague_language() {
    fails(
        "vague-language",
        &[
            "Checkout page must be fast",
            "As a shopper, I want an intuitive menu",
            "Improve search, filters etc.",
            // Every class of the rule, the benefit included.
            "As a shopper, I want to save my basket, so that I can easily order later",
            "As a traveller, I want to see nearby hotels, so that I can pick the best one",
            "As an editor, I want a faster preview",
            "As a clerk, I want to attach invoices, receipts and so on",
            "As a planner, I want reminders sent where appropriate",
            "As a buyer, I want to compare several offers",
            "As a manager, I want the report layout TBD",
            "As a tenant, I want to pay rent, so that something works",
            // Catalogue terms: a weak phrase, unbounded extremes, unnamed references, an
            // umbrella verb (also after a bracketed reference).
            "The scanner shall be capable of reading damaged labels",
            "As a cashier, I want the till to hold the maximum number of open baskets",
            "As a cashier, I want a minimum of steps to void a sale",
            "As a cashier, I want the till to print the necessary receipts",
            "As a cashier, I want the tills to report in a common format",
            "The till shall keep working under normal load",
            "As a cashier, I want the till to support returns",
            "The till shall [T-4] support returns",
        ],
    );
    passes(
        "vague-language",
        &[
            GOOD,
            "As a shopper, I want to pay in three taps",
            "As a driver, I want breakfast breaks",
            "As a clerk, I want to attach every receipt of an order",
            // A question about an amount, and a comparative with its reference.
            "As a host, I want to see how many guests replied",
            "As a driver, I want routes faster than the bus, so that I arrive on time",
            // Bounds, facts about a named thing, the user's own things, the department.
            "As a cashier, I want a maximum of 20 open baskets per till",
            "As a cashier, I want passwords of minimum 12 characters",
            "As a cashier, I want to know which fields are necessary for a refund",
            "As a cashier, I want to list the forms necessary for a refund",
            "As a cashier, I want to see the codes common to all tills",
            "As a cashier, I want to print receipts with my normal printer",
            "As a cashier, I want to call customer support from the till",
            "As a cashier, I want to switch back to a normal user account",
        ],
    );
    let found = run(
        "vague-language",
        &[(
            "As a shopper, I want a fast checkout, so that I can pay if possible",
            &[],
        )],
    );
    assert_eq!(
        found,
        [
            "PAN-10: \"fast\" cannot be tested (subjective): a matter of opinion, so testers \
             can disagree on whether it is met",
            "PAN-10: \"if possible\" cannot be tested (loophole): it makes the requirement optional"
        ]
    );
    let custom = run_with(
        "vague-language",
        &[("As a shopper, I want a snappy and fast menu", &[])],
        "[rules.vague-language]\nwords = [\"snappy\"]\n",
    );
    assert_eq!(
        custom.len(),
        2,
        "a team's words add to the classes: {custom:?}"
    );
    assert!(custom[0].contains("(listed word)"), "{custom:?}");
    let only_loopholes = run_with(
        "vague-language",
        &[("As a shopper, I want a fast menu if possible", &[])],
        "[rules.vague-language.classes.loophole]\nwhy = \"optional\"\nwords = [\"if possible\"]\n",
    );
    assert_eq!(
        only_loopholes,
        ["PAN-10: \"if possible\" cannot be tested (loophole): optional"]
    );
}

#[test]
fn solution_oriented() {
    fails(
        "solution-oriented",
        &[
            "As a store manager, I want a dropdown of suppliers",
            "As a clerk, I want the invoices in the database",
            // A widget, a display, infrastructure and a protocol each dictate the design.
            "As a member, I want a button that renews my subscription",
            "As a coach, I want a dashboard of my team's results, so that I can plan training",
            "As a librarian, I want a cron job that sends overdue reminders",
            "As a partner, I want a REST endpoint for my invoices",
            "As a teacher, I want a rich text editor for course notes",
            // A way of operating the screen, a technique, a display, a store.
            "As a clerk, I want keyboard shortcuts to approve invoices",
            "As a clerk, I want to approve invoices with the mouse only",
            "As a clerk, I want receipts read with OCR, so that I type less",
            "As a ranger, I want trail closures on an interactive map",
            "As a ranger, I want to find huts with a topographic map",
            "As a ranger, I want my logbook stored on the device",
            "As a ranger, I want my logbook kept only in the cloud",
        ],
    );
    passes(
        "solution-oriented",
        &[
            GOOD,
            "As a store manager, I want to pick the supplier of an item",
            "As an API consumer, I want to list my orders",
            // Formats, standards and channels the user works with are needs.
            "As a researcher, I want to export my results as CSV, so that I can analyse them",
            "As an author, I want my ORCID on each paper, so that my work is credited",
            "As a tenant, I want an email when rent is due",
            // A place in a screen the user has, and what the user wants to avoid.
            "As a coach, I want my next match shown on my dashboard",
            "As a reader, I want to go back a page without having to use a button",
            // The benefit may name systems freely.
            "As a clerk, I want to find an invoice by number, so that the database stays tidy",
            // A schedule, not a display; mapping as an action, not a map.
            "As a ranger, I want to know the timeline of the trail works",
            "As a clerk, I want to map invoice fields to ledger accounts",
            "As a clerk, I want to import and map ledger rows",
            "As a ranger, I want my hut shown on the map",
            "As a driver, I want the drop-off point on a map",
            "As a driver, I want to save my route to my phone",
            "As a ranger, I want to report closures by text message",
        ],
    );
    let found = run(
        "solution-oriented",
        &[("As a buyer, I want a pop-up with my basket", &[])],
    );
    assert_eq!(
        found,
        [
            "PAN-10: the goal names a solution, \"pop-up\" (widget): a widget is one way to let \
          the user act; say what the user needs to do"
        ]
    );
}

#[test]
fn duplicate_story() {
    let rows: &[(&str, &[(&str, &str)])] = &[
        (GOOD, &[]),
        (
            "As a driver, I want to see stops on a map, so that I plan my route",
            &[],
        ),
        (
            "as a shopper i want to save my basket so that i can finish ordering on another device",
            &[],
        ),
    ];
    assert_eq!(
        run("duplicate-story", rows),
        ["PAN-12: the story repeats PAN-10"]
    );
    let near: &[(&str, &[(&str, &str)])] = &[
        ("As a clerk, I want to export all invoices of a month as one PDF file, so that I can send them to the accountant", &[]),
        ("As a clerk, I want to export the invoices of a month as one PDF file, so that I can send them to the accountant", &[]),
    ];
    let found = run("duplicate-story", near);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].starts_with("PAN-11: the story is ") && found[0].ends_with("% similar to PAN-10"),
        "{found:?}"
    );
    let distinct: &[(&str, &[(&str, &str)])] = &[
        (GOOD, &[]),
        ("As a driver, I want to see stops on a map", &[]),
    ];
    assert!(run("duplicate-story", distinct).is_empty());
}

#[test]
fn missing_acceptance_criteria() {
    let background = [(
        "Description",
        "Shoppers lose their basket when they switch devices.",
    )];
    assert_eq!(
        run("missing-acceptance-criteria", &[(GOOD, &background)]),
        ["PAN-10: no acceptance criteria"]
    );
    assert_eq!(
        run(
            "missing-acceptance-criteria",
            &[(GOOD, &[("Description", "")])]
        ),
        ["PAN-10: no acceptance criteria"]
    );
    for description in [
        "Background.\n\nh3. Acceptance Criteria\n* The basket is stored on the account.",
        "AC:\n# The basket is stored on the account.",
        "Given a basket\nWhen I sign in elsewhere\nThen I see the same items",
    ] {
        assert!(
            run(
                "missing-acceptance-criteria",
                &[(GOOD, &[("Description", description)])]
            )
            .is_empty(),
            "{description}"
        );
    }
    let field = [
        ("Description", "Background only."),
        (
            "Custom field (Acceptance Criteria)",
            "The basket is stored on the account.",
        ),
    ];
    assert!(run("missing-acceptance-criteria", &[(GOOD, &field)]).is_empty());
}

#[test]
fn untestable_acceptance_criteria() {
    let with = |criteria: &'static str| {
        run(
            "untestable-acceptance-criteria",
            &[(GOOD, &[("Custom field (Acceptance Criteria)", criteria)])],
        )
    };
    assert_eq!(with("TBD").len(), 1);
    assert_eq!(with("Works").len(), 1);
    assert_eq!(with("Checkout is fast on mobile phones").len(), 1);
    assert!(with(
        "Given a saved basket, when I sign in on another device, then I see the same items"
    )
    .is_empty());
    assert!(with("The confirmation page shows the order number within 2 seconds").is_empty());
}

#[test]
fn missing_priority_and_unprioritized_backlog() {
    assert_eq!(
        run("missing-priority", &[(GOOD, &[("Priority", "")])]),
        ["PAN-10: no priority"]
    );
    assert!(run("missing-priority", &[(GOOD, &[])]).is_empty());
    // Done items are out of scope.
    assert!(run(
        "missing-priority",
        &[(GOOD, &[("Priority", ""), ("Status", "Done")])]
    )
    .is_empty());

    let medium: Vec<(&str, &[(&str, &str)])> = (0..12)
        .map(|_| (GOOD, &[("Priority", "Medium")][..]))
        .collect();
    let found = run("unprioritized-backlog", &medium);
    assert_eq!(found, ["PAN-10: the backlog is not prioritised: 12 of 12 open items (100%) have priority \"Medium\""]);
    let mut mixed = medium.clone();
    mixed[0].1 = &[("Priority", "Highest")];
    mixed[1].1 = &[("Priority", "Low")];
    assert!(
        run("unprioritized-backlog", &mixed).is_empty(),
        "10 of 12 is under 90%"
    );
    assert!(
        run("unprioritized-backlog", &medium[..5]).is_empty(),
        "too small to judge"
    );
}

#[test]
fn missing_estimate_only_when_ready_or_in_a_sprint() {
    let no_points = |extra: &'static [(&'static str, &'static str)]| {
        let mut columns = vec![("Custom field (Story Points)", "")];
        columns.extend_from_slice(extra);
        columns
    };
    let in_sprint = no_points(&[("Sprint", "PAN Sprint 3")]);
    assert_eq!(
        run("missing-estimate", &[(GOOD, &in_sprint)]),
        ["PAN-10: ready or in a sprint, but no estimate"]
    );
    let in_progress = no_points(&[("Status", "In Progress")]);
    assert_eq!(run("missing-estimate", &[(GOOD, &in_progress)]).len(), 1);
    let waiting = no_points(&[]);
    assert!(
        run("missing-estimate", &[(GOOD, &waiting)]).is_empty(),
        "the backlog's tail may wait"
    );
}

#[test]
fn oversized_story_and_off_scale_estimates() {
    assert_eq!(
        run(
            "oversized-story",
            &[(GOOD, &[("Custom field (Story Points)", "21.0")])]
        ),
        ["PAN-10: estimate 21 is above 13: split the story"]
    );
    assert!(run(
        "oversized-story",
        &[(GOOD, &[("Custom field (Story Points)", "13")])]
    )
    .is_empty());
    let configured = run_with(
        "oversized-story",
        &[(GOOD, &[("Custom field (Story Points)", "13")])],
        "[rules.oversized-story]\nmax = 8\n",
    );
    assert_eq!(configured.len(), 1);
    assert_eq!(
        run(
            "estimate-off-scale",
            &[(GOOD, &[("Custom field (Story Points)", "7")])]
        )
        .len(),
        1
    );
    assert!(run(
        "estimate-off-scale",
        &[(GOOD, &[("Custom field (Story Points)", "8.0")])]
    )
    .is_empty());
}

#[test]
fn grooming_rules() {
    assert_eq!(
        run("missing-description", &[(GOOD, &[("Description", "")])]),
        ["PAN-10: no description"]
    );
    assert!(run("missing-description", &[(GOOD, &[])]).is_empty());
    assert_eq!(
        run("missing-parent", &[(GOOD, &[("Parent key", "")])]),
        ["PAN-10: belongs to no epic"]
    );
    assert!(run("missing-parent", &[(GOOD, &[])]).is_empty());
    assert_eq!(run("summary-length", &[("Basket", &[])]).len(), 1);
    assert!(run("summary-length", &[(GOOD, &[])]).is_empty());
    assert_eq!(
        run(
            "stale-item",
            &[(GOOD, &[("Updated", "03/Jan/25 10:00 AM")])]
        ),
        ["PAN-10: last updated is 422 days ago (2025-01-03); the limit is 180"]
    );
    assert!(run("stale-item", &[(GOOD, &[])]).is_empty());
    for not_judged in ["Epic", "Sub-task", "Subtarea"] {
        let old_one = [
            ("Issue Type", not_judged),
            ("Updated", "03/Jan/25 10:00 AM"),
        ];
        assert!(
            run("stale-item", &[(GOOD, &old_one)]).is_empty(),
            "an {not_judged}'s update date does not move with its work"
        );
    }
    let old_epic = [("Issue Type", "Epic"), ("Updated", "03/Jan/25 10:00 AM")];
    assert_eq!(
        run_with(
            "stale-item",
            &[(GOOD, &old_epic)],
            "[rules.stale-item]\nwhen = { not_issue_types = [\"Sub-task\"] }\n"
        )
        .len(),
        1,
        "a team that wants its epics judged says so"
    );
    let unassigned = [("Status", "In Progress"), ("Assignee", "")];
    assert_eq!(
        run("unassigned-in-progress", &[(GOOD, &unassigned)]),
        ["PAN-10: in progress, but assigned to nobody"]
    );
    assert!(
        run("unassigned-in-progress", &[(GOOD, &[("Assignee", "")])]).is_empty(),
        "not in progress"
    );
}

#[test]
fn stale_backlog_when_most_open_items_are_old() {
    let old = [("Updated", "03/Jan/25 10:00 AM")];
    let recent = [("Updated", "20/Feb/26 9:00 AM")];
    let mut rows: Vec<(&str, &[(&str, &str)])> = vec![(GOOD, &old); 7];
    rows.extend([(GOOD, &recent[..]); 3]);
    assert_eq!(
        run("stale-backlog", &rows),
        [
            "PAN-10: the backlog is not groomed: 7 of 10 open items (70%) were last updated \
          more than 180 days ago; the oldest, PAN-10, 422 days ago"
        ]
    );
    let mut mostly_recent: Vec<(&str, &[(&str, &str)])> = vec![(GOOD, &old); 4];
    mostly_recent.extend([(GOOD, &recent[..]); 6]);
    assert!(run("stale-backlog", &mostly_recent).is_empty(), "4 of 10");
    assert!(run("stale-backlog", &rows[..9]).is_empty(), "too few items");
}

#[test]
fn missing_summary() {
    assert_eq!(run("missing-summary", &[("", &[])]), ["PAN-10: no summary"]);
    assert!(run("missing-summary", &[(GOOD, &[])]).is_empty());
}

#[test]
fn scope_skips_done_items_and_non_stories() {
    let bug = [("Issue Type", "Bug")];
    assert!(
        run("story-format", &[("Checkout crashes on pay", &bug)]).is_empty(),
        "bugs are not stories"
    );
    assert!(
        !run(
            "missing-priority",
            &[(
                "Checkout crashes",
                &[("Issue Type", "Bug"), ("Priority", "")]
            )]
        )
        .is_empty(),
        "missing-priority applies to every item"
    );
    let task = [("Issue Type", "Task")];
    assert!(
        run("story-format", &[("Fix checkout", &task)]).is_empty(),
        "a task that is not written as a story is not one"
    );
    assert_eq!(
        run(
            "missing-benefit",
            &[("As a shopper, I want to pay by card", &task)]
        ),
        ["PAN-10: the story says what, but not why: \"pay by card\""],
        "a task written as a story is a story"
    );
    assert!(
        run_with(
            "missing-benefit",
            &[("As a shopper, I want to pay by card", &task)],
            "[scope]\nstories_by_summary = false\n"
        )
        .is_empty(),
        "unless the team says types decide"
    );
    let epic = [("Issue Type", "Epic")];
    assert!(
        run(
            "missing-benefit",
            &[("As a shopper, I want to pay by card", &epic)]
        )
        .is_empty(),
        "epics are never stories by their summary"
    );
    assert!(!run_with(
        "story-format",
        &[("Fix checkout", &task)],
        "[scope]\nstory_types = [\"Story\", \"Task\"]\n"
    )
    .is_empty());
    assert!(
        run("story-format", &[("Fix checkout", &[("Status", "Closed")])]).is_empty(),
        "closed counts as done"
    );
}

#[test]
fn suppressions_by_label_and_key() {
    let labelled = [
        ("Priority", ""),
        ("Labels", "backlint-ignore:missing-priority"),
    ];
    assert!(run("missing-priority", &[(GOOD, &labelled)]).is_empty());
    let all = [("Priority", ""), ("Labels", "backlint-ignore")];
    assert!(run("missing-priority", &[(GOOD, &all)]).is_empty());
    let keyed = run_with(
        "missing-priority",
        &[(GOOD, &[("Priority", "")])],
        "[suppress]\n\"PAN-10\" = [\"missing-priority\"]\n",
    );
    assert!(keyed.is_empty());
    // A label that suppresses nothing is reported.
    let stale_label = [("Labels", "backlint-ignore:missing-priority")];
    let found = run_with(
        "unused-suppression",
        &[(GOOD, &stale_label)],
        "select = [\"unused-suppression\", \"missing-priority\"]\n",
    );
    assert_eq!(
        found,
        ["PAN-10: the label \"backlint-ignore:missing-priority\" suppresses nothing"]
    );
}
