use super::*;

fn texts<'t>(text: &'t str, criteria: &[Criterion]) -> Vec<&'t str> {
    criteria.iter().map(|c| c.text(text)).collect()
}

fn field(text: &str) -> Vec<&str> {
    texts(text, &in_field(text, &Vocabulary::shared()))
}

fn description(text: &str) -> Option<(Found, Vec<&str>)> {
    in_description(text, &Vocabulary::shared())
        .map(|(found, criteria)| (found, texts(text, &criteria)))
}

fn verdict(criterion: &str) -> Option<(Untestable, &str)> {
    judge(criterion, &Vocabulary::shared())
        .map(|(problem, range)| (problem, criterion.get(range).unwrap_or("<bad range>")))
}

#[test]
fn story_then_heading_and_numbered_list() {
    let text = "As an accountant, I want to export invoices as PDF, so that I can archive them.\n\
                \n\
                The current export only supports CSV and finance asked for PDF twice.\n\
                \n\
                Acceptance Criteria\n\
                1. The export dialog offers PDF next to CSV.\n\
                2. The PDF contains one page per invoice.\n\
                3. Invoices with more than 100 lines are split across pages.\n\
                \n\
                Notes\n\
                - Check with finance about the logo.";
    assert_eq!(
        description(text),
        Some((
            Found::Section,
            vec![
                "The export dialog offers PDF next to CSV.",
                "The PDF contains one page per invoice.",
                "Invoices with more than 100 lines are split across pages.",
            ]
        ))
    );
}

#[test]
fn adf_paragraphs_without_blank_lines() {
    let text = "Shoppers get a push notification listing substitutions.\n\
                Acceptance criteria\n\
                1. Given a substitution was picked, when the picker confirms it, then I get a notification within 1 minute.\n\
                2. Given I do nothing for 15 minutes, then the substitution is accepted.\n\
                Questions to @Alex Doe please.\n\
                Signed off by @Kim ✅";
    assert_eq!(
        description(text),
        Some((
            Found::Section,
            vec![
                "Given a substitution was picked, when the picker confirms it, then I get a notification within 1 minute.",
                "Given I do nothing for 15 minutes, then the substitution is accepted.",
            ]
        ))
    );
    let text = "Acceptance criteria\n\
                The report lists every open invoice.\n\
                Totals are shown per customer.\n\
                Design: see the Figma file.\n\
                Ping @Dana when done.";
    assert_eq!(
        description(text).map(|(_, c)| c),
        Some(vec![
            "The report lists every open invoice.",
            "Totals are shown per customer."
        ])
    );
}

#[test]
fn other_headings_end_a_section_but_not_as_items() {
    let text = "Acceptance criteria\n\
                - Design: matches the Figma file\n\
                - Copy: the button says \"Save\"\n\
                Notes: ask Dana\n\
                - not a criterion";
    assert_eq!(
        description(text).map(|(_, c)| c),
        Some(vec![
            "Design: matches the Figma file",
            "Copy: the button says \"Save\""
        ])
    );
}

#[test]
fn a_paragraph_after_the_list_ends_the_section() {
    let text = "Acceptance criteria:\n\
                - The invoice list shows the due date\n\
                - Overdue invoices are shown in red\n\
                \n\
                Design is in Figma, ask Dana for access.";
    assert_eq!(
        description(text),
        Some((
            Found::Section,
            vec![
                "The invoice list shows the due date",
                "Overdue invoices are shown in red"
            ]
        ))
    );
}

#[test]
fn ac_inline_after_the_colon() {
    let text = "As a shopper I want to save my basket so that I can order later.\n\
                AC: the basket is still there after I log out and back in.";
    assert_eq!(
        description(text),
        Some((
            Found::Section,
            vec!["the basket is still there after I log out and back in."]
        ))
    );
    // The inline criterion is not the parent of a list that follows.
    let text = "AC: saving works offline\n\
                - the basket is stored locally when there is no connection\n\
                - it syncs when the connection returns";
    assert_eq!(
        description(text).map(|(_, c)| c),
        Some(vec![
            "saving works offline",
            "the basket is stored locally when there is no connection",
            "it syncs when the connection returns",
        ])
    );
    assert_eq!(
        description("Story text.\n*AC:* The total includes VAT.").map(|(_, c)| c),
        Some(vec!["The total includes VAT."])
    );
}

#[test]
fn heading_spellings() {
    let list = "\n- The total includes VAT\n- The total is rounded to cents";
    for heading in [
        "Acceptance Criteria",
        "acceptance criteria:",
        "ACCEPTANCE CRITERIA :",
        "AC",
        "AC:",
        "ACs",
        "h3. Acceptance Criteria",
        "## Acceptance criteria",
        "*Acceptance Criteria:*",
        "Acceptance Criteria (AC)",
        "Definition of Done",
        "DoD:",
        "Akzeptanzkriterien",
        "Criterios de aceptación:",
        "Critères d'acceptation",
        "Critères d’acceptation :",
        "Acceptance   criteria",
    ] {
        let text = format!("Some story.\n\n{heading}{list}");
        assert_eq!(
            description(&text),
            Some((
                Found::Section,
                vec!["The total includes VAT", "The total is rounded to cents"]
            )),
            "{heading:?}"
        );
    }
}

#[test]
fn checklist_anywhere() {
    let text = "Make checkout faster for returning customers.\n\
                \n\
                - [ ] Saved cards are offered at checkout\n\
                - [x] The CVC is asked for again for saved cards\n\
                - [ ] Checkout takes at most 3 steps\n\
                \n\
                Related: PAY-12";
    assert_eq!(
        description(text),
        Some((
            Found::Checklist,
            vec![
                "Saved cards are offered at checkout",
                "The CVC is asked for again for saved cards",
                "Checkout takes at most 3 steps",
            ]
        ))
    );
}

#[test]
fn ballot_boxes_are_a_checklist() {
    let text = "Pasted from the wiki:\n☐ Saved cards are offered at checkout\n☑ The CVC is asked for again";
    assert_eq!(
        description(text),
        Some((
            Found::Checklist,
            vec![
                "Saved cards are offered at checkout",
                "The CVC is asked for again"
            ]
        ))
    );
    assert_eq!(description("☐"), None);
    assert_eq!(description("☐Saved cards"), None);
}

#[test]
fn checklist_under_a_heading_is_a_section() {
    let text = "DoD\n- [x] Code reviewed by a second developer\n- [ ] Release notes are updated";
    assert_eq!(
        description(text),
        Some((
            Found::Section,
            vec![
                "Code reviewed by a second developer",
                "Release notes are updated"
            ]
        ))
    );
}

#[test]
fn gherkin_scenarios_with_and() {
    let text = "As a librarian I want members to renew loans online.\n\
                \n\
                Scenario: Renew a loan\n\
                Given a member has a book on loan\n\
                And the loan is not overdue\n\
                When the member clicks \"Renew\"\n\
                Then the due date moves 14 days later\n\
                And a confirmation email is sent\n\
                \n\
                Scenario: Overdue loan\n\
                Given a member has an overdue loan\n\
                When the member clicks \"Renew\"\n\
                Then the renewal is refused";
    assert_eq!(
        description(text),
        Some((
            Found::GivenWhenThen,
            vec![
                "Given a member has a book on loan\n\
                 And the loan is not overdue\n\
                 When the member clicks \"Renew\"\n\
                 Then the due date moves 14 days later\n\
                 And a confirmation email is sent",
                "Given a member has an overdue loan\n\
                 When the member clicks \"Renew\"\n\
                 Then the renewal is refused",
            ]
        ))
    );
}

#[test]
fn scenarios_back_to_back_and_inline() {
    // A Given after a Then starts the next scenario, without a blank line or label.
    let text = "Given a cart with 2 items\nWhen I remove one\nThen the cart shows 1 item\n\
                Given an empty cart\nWhen I open the checkout\nThen I see \"Your cart is empty\"";
    assert_eq!(
        description(text).map(|(_, c)| c),
        Some(vec![
            "Given a cart with 2 items\nWhen I remove one\nThen the cart shows 1 item",
            "Given an empty cart\nWhen I open the checkout\nThen I see \"Your cart is empty\"",
        ])
    );
    let text = "- Given a guest, when they click Export, then the login page opens\n\
                - Given a member, when they click Export, then a PDF downloads";
    assert_eq!(
        description(text),
        Some((
            Found::GivenWhenThen,
            vec![
                "Given a guest, when they click Export, then the login page opens",
                "Given a member, when they click Export, then a PDF downloads",
            ]
        ))
    );
}

#[test]
fn german_akzeptanzkriterien() {
    let text = "Als Kunde möchte ich meine Rechnungen herunterladen, damit ich sie ablegen kann.\n\
                \n\
                Akzeptanzkriterien:\n\
                Angenommen ich bin angemeldet\n\
                Wenn ich auf \"Rechnungen\" klicke\n\
                Dann sehe ich alle Rechnungen der letzten 12 Monate\n\
                Und jede Rechnung kann als PDF geladen werden\n\
                \n\
                Angenommen ich bin nicht angemeldet\n\
                Wenn ich die Seite öffne\n\
                Dann werde ich zur Anmeldung geleitet";
    assert_eq!(
        description(text),
        Some((
            Found::Section,
            vec![
                "Angenommen ich bin angemeldet\n\
                 Wenn ich auf \"Rechnungen\" klicke\n\
                 Dann sehe ich alle Rechnungen der letzten 12 Monate\n\
                 Und jede Rechnung kann als PDF geladen werden",
                "Angenommen ich bin nicht angemeldet\n\
                 Wenn ich die Seite öffne\n\
                 Dann werde ich zur Anmeldung geleitet",
            ]
        ))
    );
}

#[test]
fn background_prose_has_no_criteria() {
    let text = "As a user I want to reset my password so that I can log in again.\n\
                \n\
                Many users call support when they forget their password.\n\
                When users call, support has to verify them by phone.\n\
                Given the call volume, this costs about two hours a day.\n\
                Then again, most of them only need a reset link.";
    assert_eq!(description(text), None);
    assert_eq!(description(""), None);
    assert_eq!(description("\n\n  \n"), None);
}

#[test]
fn prose_mentioning_acceptance_criteria_is_no_section() {
    for text in [
        "As an admin I want audit logs.\nThe acceptance criteria are in the wiki.",
        "Acceptance criteria are in the wiki.",
        "See the acceptance criteria in Confluence.",
        "Acceptance criteria to follow after the workshop",
        "The definition of done applies.",
    ] {
        assert_eq!(description(text), None, "{text:?}");
    }
}

#[test]
fn heading_followed_by_nothing() {
    assert_eq!(
        description("As a user I want dark mode.\n\nAcceptance Criteria"),
        Some((Found::Section, vec![]))
    );
    assert_eq!(
        description("Acceptance Criteria:\n\n\nThe team will add these later."),
        Some((Found::Section, vec![]))
    );
}

#[test]
fn several_sections_are_collected() {
    let text = "Acceptance Criteria\n- Reports can be filtered by region\n\n\
                Out of scope\n- Charts\n\n\
                Definition of Done\n- [ ] Docs are updated";
    assert_eq!(
        description(text).map(|(_, c)| c),
        Some(vec![
            "Reports can be filtered by region",
            "Docs are updated"
        ])
    );
}

#[test]
fn section_with_plain_lines_up_to_two_blank_lines() {
    let text = "Acceptance criteria\n\
                The report lists every open invoice.\n\
                \n\
                Totals are shown per customer.\n\
                \n\
                \n\
                Technical notes: use the reporting DB.";
    assert_eq!(
        description(text).map(|(_, c)| c),
        Some(vec![
            "The report lists every open invoice.",
            "Totals are shown per customer."
        ])
    );
}

#[test]
fn labels_inside_a_section_and_the_next_heading() {
    let text = "Acceptance Criteria\n\
                Functional\n\
                - The report lists every open invoice\n\
                - Totals are shown per customer\n\
                Out of scope\n\
                - PDF layout";
    assert_eq!(
        description(text).map(|(_, c)| c),
        Some(vec![
            "The report lists every open invoice",
            "Totals are shown per customer"
        ])
    );
}

#[test]
fn nested_items() {
    let text = "Acceptance criteria\n\
                - Filter by:\n  - date\n  - status\n\
                - Export\n  - The export contains all filtered rows\n  - The file name contains the date\n\
                - The user can log in\n  - with email and password\n  - with a Google account\n\
                - The list is sorted by date";
    assert_eq!(
        description(text).map(|(_, c)| c),
        Some(vec![
            "Filter by:\n  - date\n  - status",
            "The export contains all filtered rows",
            "The file name contains the date",
            "The user can log in\n  - with email and password\n  - with a Google account",
            "The list is sorted by date",
        ])
    );
    // An introduction ending in a colon: short children belong to it, long ones do not.
    let text = "AC\nThe export supports these formats:\n- PDF\n- CSV";
    assert_eq!(
        description(text).map(|(_, c)| c),
        Some(vec!["The export supports these formats:\n- PDF\n- CSV"])
    );
    let text = "AC\nThe following must hold:\n- The PDF has a cover page\n- Each page has a footer";
    assert_eq!(
        description(text).map(|(_, c)| c),
        Some(vec!["The PDF has a cover page", "Each page has a footer"])
    );
}

#[test]
fn table_rows_without_their_header() {
    let text = "Acceptance criteria\n\
                Input | Expected result\n\
                empty cart | the checkout button is disabled\n\
                one item | the checkout button is enabled";
    assert_eq!(
        description(text).map(|(_, c)| c),
        Some(vec![
            "empty cart | the checkout button is disabled",
            "one item | the checkout button is enabled"
        ])
    );
    assert_eq!(
        field("| a cart with 3 items | the total is the sum of the items |"),
        vec!["a cart with 3 items | the total is the sum of the items"]
    );
}

#[test]
fn field_lines_and_items() {
    assert_eq!(
        field("The user can export invoices\r\nThe export contains the VAT number\r\n\r\n"),
        vec![
            "The user can export invoices",
            "The export contains the VAT number"
        ]
    );
    assert_eq!(
        field("Acceptance Criteria:\n1. Works offline\n2) Syncs when online\n  * Shows a spinner while syncing\n• Keeps the last 10 drafts"),
        vec![
            "Works offline",
            "Syncs when online\n  * Shows a spinner while syncing",
            "Keeps the last 10 drafts"
        ]
    );
    assert_eq!(
        field("AC: PDF export exists\n- [ ] has a cover page"),
        vec!["PDF export exists", "has a cover page"]
    );
    assert!(in_field("", &Vocabulary::shared()).is_empty());
    assert!(in_field("\n \n-\n- [ ]\n", &Vocabulary::shared()).is_empty());
}

#[test]
fn field_scenarios_are_one_criterion_each() {
    let text = concat!(
        "Feature: Export\n",
        "\n",
        "Background:\n",
        "Given I am logged in as an accountant\n",
        "\n",
        "Scenario Outline: Export formats\n",
        "- Given the invoice list has 3 invoices\n",
        "- When I export as <format>\n",
        "- Then a <format> file with 3 invoices downloads\n",
        "\n",
        "Examples:\n",
        "| format |\n",
        "| PDF |\n",
        "| CSV |\n",
        "\n",
        "Scenario: Import\n",
        "  Given the following rows:\n",
        "  | name | amount |\n",
        "  | ACME | 10 |\n",
        "  When I import them\n",
        "  Then 1 invoice is created\n",
        "The list is refreshed after an import",
    );
    assert_eq!(
        field(text),
        vec![
            "Given the invoice list has 3 invoices\n\
             - When I export as <format>\n\
             - Then a <format> file with 3 invoices downloads",
            "Given the following rows:\n  | name | amount |\n  | ACME | 10 |\n  When I import them\n  Then 1 invoice is created",
            "The list is refreshed after an import",
        ]
    );
}

#[test]
fn criterion_ranges_exclude_markers() {
    let text = "  - [x]   Emails are sent at 9:00  ";
    let criteria = in_field(text, &Vocabulary::shared());
    assert_eq!(texts(text, &criteria), vec!["Emails are sent at 9:00"]);
    assert_eq!(criteria[0].range, 10..33);
}

#[test]
fn multibyte_and_emoji_text() {
    let text = "Critères d’acceptation\n\
                - L’utilisateur voit le résumé 📄 de la facture\n\
                - Le total est affiché en € 💶\n\
                \n\
                受け入れ基準は後で";
    assert_eq!(
        description(text).map(|(_, c)| c),
        Some(vec![
            "L’utilisateur voit le résumé 📄 de la facture",
            "Le total est affiché en € 💶"
        ])
    );
    assert_eq!(
        field("• 🚀 Start screen shows 🚀\n– ünïcödé wörds here\n🎉🎉"),
        vec!["🚀 Start screen shows 🚀", "ünïcödé wörds here", "🎉🎉"]
    );
}

/// A small xorshift generator so the fuzz tests are reproducible.
fn rng(seed: u64) -> impl FnMut() -> u64 {
    let mut state = seed;
    move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    }
}

#[test]
fn arbitrary_input_never_panics_and_ranges_are_boundaries() {
    let pieces = [
        "- ",
        "* ",
        "1. ",
        "a) ",
        "- [ ] ",
        "[x]",
        "  ",
        "\t",
        "\n",
        "\r\n",
        "\n\n",
        " | ",
        "|",
        "AC:",
        "Acceptance Criteria",
        "h3. ",
        "#",
        "Given ",
        "When ",
        "Then ",
        "And ",
        "Scenario:",
        "Examples:",
        "Background:",
        "TBD",
        "???",
        "etc.",
        "fast",
        "é",
        "ß",
        "İ",
        "😀",
        "👩‍💻",
        "漢字",
        "：",
        "’",
        "word ",
        "shows ",
        ".",
        ":",
        "(AC)",
        "…",
    ];
    let mut next = rng(0x5eed);
    for _ in 0..2000 {
        let len = (next() % 30) as usize;
        let text: String = (0..len)
            .map(|_| pieces[(next() % pieces.len() as u64) as usize])
            .collect();
        let mut all = in_field(&text, &Vocabulary::shared());
        if let Some((_, criteria)) = in_description(&text, &Vocabulary::shared()) {
            all.extend(criteria);
        }
        for criterion in all {
            let slice = text.get(criterion.range.clone());
            assert!(slice.is_some(), "{criterion:?} in {text:?}");
            let slice = slice.unwrap_or_default();
            if let Some((_, range)) = judge(slice, &Vocabulary::shared()) {
                assert!(slice.get(range).is_some(), "judge range in {slice:?}");
            }
        }
        if let Some((_, range)) = judge(&text, &Vocabulary::shared()) {
            assert!(text.get(range).is_some(), "judge range in {text:?}");
        }
    }
}

#[test]
fn judge_passes_testable_criteria() {
    for criterion in [
        "The user can export the invoice list as a PDF file.",
        "Given I am logged in as an accountant\nWhen I click \"Export\"\nThen a PDF with all invoices of the month is downloaded",
        "Given I am logged in\n- When I click Export\n- Then a PDF downloads\n- And the button is disabled",
        "Given a cart with 3 items, when I remove one, then the cart shows 2 items",
        "The search returns results within 2 seconds for 10,000 invoices.",
        "An error message is shown when the upload exceeds 10 MB.",
        "Only admins see the Delete button.",
        "The exported file contains one row per invoice.",
        "Passwords shorter than eight characters are rejected.",
        "When the session expires, the user is redirected to the login page.",
        "The confirmation email arrives within five minutes.",
        "Users cannot edit invoices after they are sent.",
        "The total equals the sum of the line items.",
        "The dashboard displays the last 30 days by default.",
        "Clicking Save stores the draft and shows a toast.",
        "Export as PDF",
        "Response time < 200 ms",
        "Der Nutzer kann Rechnungen als PDF exportieren.",
        "Rechnungsliste nach Datum sortiert",
        "El usuario puede exportar facturas en PDF.",
        "Angenommen ich bin angemeldet\nWenn ich auf Export klicke\nDann lädt ein PDF",
        "导出的文件包含所有发票",
        "Emoji 🎉 appear in the title",
        "Breakfast menu is shown until 11:00",
        "Handsome avatars load for everyone",
        "Given a cart, the total must include VAT",
        "The todo list keeps completed items for a week",
    ] {
        assert_eq!(verdict(criterion), None, "{criterion:?}");
    }
}

#[test]
fn judge_flags_untestable_criteria() {
    use Untestable::*;
    for (criterion, problem, underlined) in [
        ("TBD", Placeholder, "TBD"),
        ("  tbc.  ", Placeholder, "tbc."),
        (
            "TODO: write the criteria",
            Placeholder,
            "TODO: write the criteria",
        ),
        ("?", Placeholder, "?"),
        ("???", Placeholder, "???"),
        ("n/a", Placeholder, "n/a"),
        ("See above", Placeholder, "See above"),
        (
            "See linked Confluence page",
            Placeholder,
            "See linked Confluence page",
        ),
        ("As discussed.", Placeholder, "As discussed."),
        (
            "As discussed with Dana",
            Placeholder,
            "As discussed with Dana",
        ),
        (
            "The page size limit is to be defined",
            Placeholder,
            "to be defined",
        ),
        ("The export format is TBD by finance", Placeholder, "TBD"),
        ("Max upload size ?? MB", Placeholder, "??"),
        ("Limit is XXX rows", Placeholder, "XXX"),
        ("Works", TooShort, "Works"),
        ("Looks good", TooShort, "Looks good"),
        ("Export works.", TooShort, "Export works."),
        (
            "Given I am logged in\nWhen I open the invoice list",
            NoOutcome,
            "Given I am logged in\nWhen I open the invoice list",
        ),
        (
            "Given a member has an overdue loan\n- When the member clicks Renew\n- And waits",
            NoOutcome,
            "Given a member has an overdue loan\n- When the member clicks Renew\n- And waits",
        ),
        (
            "Given the user has an expired card",
            NoOutcome,
            "Given the user has an expired card",
        ),
        (
            "Angenommen ich bin angemeldet\nWenn ich auf Export klicke",
            NoOutcome,
            "Angenommen ich bin angemeldet\nWenn ich auf Export klicke",
        ),
        (
            "Error handling for the checkout page",
            NoOutcome,
            "Error handling for the checkout page",
        ),
        (
            "Dark mode for the dashboard",
            NoOutcome,
            "Dark mode for the dashboard",
        ),
        (
            "Layout of the checkout page",
            NoOutcome,
            "Layout of the checkout page",
        ),
        (
            "When I click the button",
            NoOutcome,
            "When I click the button",
        ),
    ] {
        assert_eq!(
            verdict(criterion),
            Some((problem, underlined)),
            "{criterion:?}"
        );
    }
}

#[test]
fn judge_on_empty_and_odd_input() {
    assert_eq!(
        judge("", &Vocabulary::shared()),
        Some((Untestable::TooShort, 0..0))
    );
    assert_eq!(
        judge("   \n ", &Vocabulary::shared()),
        Some((Untestable::TooShort, 5..5))
    );
    assert_eq!(
        verdict("🎉 🎉 🎉"),
        Some((Untestable::TooShort, "🎉 🎉 🎉"))
    );
    assert_eq!(verdict("- - -"), Some((Untestable::TooShort, "- - -")));
}

#[test]
fn keywords_match_in_any_case_and_end_where_the_needle_ends() {
    assert_eq!(match_ci("GIVEN a basket", 0, "given"), Some(5));
    assert_eq!(match_ci("- Given", 2, "given"), Some(7));
    assert_eq!(match_ci("Giv", 0, "given"), None);
    assert_eq!(match_ci("Gxven", 0, "given"), None);
    assert_eq!(
        match_ci("ÄNDERUNG: x", 0, "änderung"),
        Some("ÄNDERUNG".len())
    );
    // "İ" lower-cases to "i" and a combining dot; the dot is let through.
    assert_eq!(match_ci("İLK adım", 0, "ilk"), Some("İLK".len()));
    assert_eq!(match_ci("Ölçüt", 0, "olcut"), None);
    assert_eq!(match_ci("given", 9, "given"), None);
}
