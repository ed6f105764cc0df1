//! Reading every fixture export: items, mapped fields, and spans exact to line and column.

use backlint::backlog::{Backlog, Field, Item};
use backlint::config;
use backlint::ingest::{self, ReadOptions};
use backlint::source::{Encoding, Position};

fn read_with(paths: &[&str], options: &ReadOptions) -> Backlog {
    let paths: Vec<String> = paths.iter().map(|p| format!("fixtures/{p}")).collect();
    ingest::read_paths(&paths, options).unwrap_or_else(|e| panic!("{paths:?}: {e}"))
}

fn read(paths: &[&str]) -> Backlog {
    read_with(paths, &ReadOptions::default())
}

fn with_config(config: &str) -> ReadOptions {
    let path = std::path::PathBuf::from(format!("fixtures/{config}"));
    let loaded =
        config::load(Some(&path), std::path::Path::new(".")).expect("fixture config loads");
    ReadOptions {
        fields: loaded.field_map,
        ..ReadOptions::default()
    }
}

fn item(backlog: &Backlog, key: &str) -> Item {
    backlog
        .items()
        .find(|i| i.key == key)
        .unwrap_or_else(|| panic!("no item {key}"))
        .into_owned()
}

fn texts(item: &Item, field: Field) -> Vec<&str> {
    item.all(field).map(|v| v.as_str()).collect()
}

/// Line and column where `needle` stands inside the value of `field`, mapped to the file.
fn position_of(backlog: &Backlog, item: &Item, field: Field, needle: &str) -> (Position, String) {
    let value = item.get(field).expect("field present");
    let at = value
        .as_str()
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in {:?}", value.as_str()));
    let span = value.span_of(at..at + needle.len());
    let source = &backlog.sources[item.source];
    (
        source.position(span.start),
        source.text()[span.start..span.end].to_owned(),
    )
}

fn pos(line: usize, column: usize) -> Position {
    Position { line, column }
}

#[test]
fn cloud_all_fields_export() {
    let backlog = read(&["jira-cloud-all-fields.csv"]);
    let keys: Vec<&str> = (0..backlog.len()).map(|i| backlog.key(i)).collect();
    assert_eq!(
        keys,
        ["PAN-1", "PAN-2", "PAN-3", "PAN-4", "PAN-5", "PAN-6", "PAN-7", "PAN-8"]
    );

    let story = item(&backlog, "PAN-2");
    assert_eq!(story.text(Field::IssueType), Some("Story"));
    assert_eq!(story.text(Field::StatusCategory), Some("In Progress"));
    assert_eq!(
        story.get(Field::Estimate).and_then(|v| v.as_number()),
        Some(5.0)
    );
    assert_eq!(
        story.text(Field::Parent),
        Some("PAN-1"),
        "Parent key wins over the numeric Parent"
    );
    assert_eq!(story.text(Field::ParentSummary), Some("Checkout"));

    // Only the older Story Points column is filled for PAN-3; both for PAN-7.
    let task = item(&backlog, "PAN-3");
    assert_eq!(
        task.get(Field::Estimate).and_then(|v| v.as_number()),
        Some(13.0)
    );
    assert_eq!(task.get(Field::Priority), None);
    assert_eq!(
        item(&backlog, "PAN-7")
            .get(Field::Estimate)
            .and_then(|v| v.as_number()),
        Some(8.0)
    );

    // Repeated columns collect every non-empty value; look-alike custom fields stay apart.
    assert!(
        texts(&story, Field::Labels).len() >= 2,
        "{:?}",
        texts(&story, Field::Labels)
    );
    let testing: Vec<&str> = story
        .entries
        .iter()
        .filter(|e| e.name.starts_with("Custom field (Testing"))
        .map(|e| &*e.name)
        .collect();
    assert!(testing
        .iter()
        .all(|n| *n == "Custom field (Testing Status)" || *n == "Custom field (Testing status)"));

    // A word after `""` escapes in a multi-line quoted cell maps to where it stands.
    let (at, text) = position_of(&backlog, &story, Field::Description, "Unavailable");
    assert_eq!(text, "Unavailable");
    assert_eq!(at.line, 13);
    assert_eq!(
        backlog.sources[0]
            .text()
            .lines()
            .nth(12)
            .map(|l| l.find("Unavailable").map(|c| c + 1)),
        Some(Some(at.column))
    );

    // The sub-task points at its story.
    assert_eq!(item(&backlog, "PAN-4").text(Field::Parent), Some("PAN-2"));
}

#[test]
fn dates_as_each_export_writes_them() {
    let date = |backlog: &Backlog, key: &str, field: Field| {
        item(backlog, key)
            .get(field)
            .and_then(|v| v.as_date_time_in(backlint::dates::DayMonth::DayFirst))
            .map(|d| d.to_string())
    };
    let cloud = read(&["jira-cloud-all-fields.csv"]);
    assert_eq!(
        date(&cloud, "PAN-2", Field::Updated).as_deref(),
        Some("2026-02-15T16:37:00")
    );
    let excel = read(&["excel-resaved.csv"]);
    assert_eq!(
        date(&excel, "LED-21", Field::Created).as_deref(),
        Some("2025-03-17T09:41:00")
    );
    let server = read(&["jira-server.csv"]);
    let reviewed = item(&server, "LED-10")
        .by_name("Custom field (Last reviewed)")
        .next()
        .and_then(|v| v.as_date_time_in(backlint::dates::DayMonth::DayFirst));
    assert_eq!(
        reviewed.map(|d| d.to_string()).as_deref(),
        Some("2025-03-03T10:15:00")
    );
    let rest = read(&["jira-v2-search.json"]);
    assert!(date(&rest, "PAN-2", Field::Created).is_some());
}

#[test]
fn cloud_current_fields_with_bom_and_crlf() {
    let backlog = read(&["jira-cloud-current-fields.csv"]);
    assert_eq!(backlog.sources[0].encoding(), Encoding::Utf8Bom);
    assert_eq!(backlog.len(), 7);
    let story = item(&backlog, "PAN-2");
    assert_eq!(story.text(Field::Sprint), Some("PAN Sprint 3"));
    assert_eq!(
        story.text(Field::Summary).map(|s| s.ends_with("device.")),
        Some(true)
    );
    let (at, text) = position_of(&backlog, &story, Field::Priority, "High");
    assert_eq!((at, text.as_str()), (pos(2, 126), "High"));
    // On disk the BOM comes first: byte offsets in JSON output count it.
    let value = story.get(Field::Priority).unwrap();
    let on_disk = std::fs::read("fixtures/jira-cloud-current-fields.csv").unwrap();
    let file_offset = backlog.sources[0].file_offset(value.span.start);
    assert_eq!(&on_disk[file_offset..file_offset + 4], b"High");
    assert!(!story
        .text(Field::Assignee)
        .unwrap_or_default()
        .ends_with('\r'));
}

#[test]
fn server_export_with_epic_link_and_parent_id() {
    let backlog = read(&["jira-server.csv"]);
    let epic_child = backlog
        .items()
        .find(|i| i.text(Field::IssueType) == Some("Story"))
        .expect("a story");
    assert_eq!(epic_child.text(Field::Parent), Some("LED-10"));
    assert_eq!(item(&backlog, "LED-13").text(Field::Parent), Some("11211"));
    assert!(backlog
        .items()
        .any(|i| i.get(Field::Estimate).and_then(|v| v.as_number()) == Some(4.0)));
    let led_10 = item(&backlog, "LED-10");
    let reviewed = led_10
        .by_name("Custom field (Last reviewed)")
        .next()
        .unwrap();
    assert_eq!(reviewed.as_str(), "2025-03-03 10:15:02.4");
    let fix_versions = item(&backlog, "LED-10").by_name("Fix Version/s").count();
    assert_eq!(fix_versions, 1);
}

#[test]
fn excel_resaved_windows_1252() {
    let backlog = read(&["excel-resaved.csv"]);
    let source = &backlog.sources[0];
    assert_eq!(source.encoding(), Encoding::Windows1252);
    assert_eq!(backlog.len(), 5, "300 rows of bare commas are not items");
    let story = item(&backlog, "LED-21");
    assert!(story
        .text(Field::Summary)
        .unwrap()
        .starts_with("As a café owner, I want prices shown in €"));
    let (at, text) = position_of(&backlog, &story, Field::Summary, "including VAT");
    assert_eq!((at, text.as_str()), (pos(2, 44), "including VAT"));
    // Byte offsets in the file count one byte per character in Windows-1252.
    let value = story.get(Field::Summary).unwrap();
    let at = value.as_str().find("including").unwrap();
    let raw = std::fs::read("fixtures/excel-resaved.csv").unwrap();
    let offset = source.file_offset(value.span_of(at..at + 9).start);
    assert_eq!(&raw[offset..offset + 9], b"including");
    // LF inside a quoted cell stays text; the record ends at CRLF.
    assert!(story.text(Field::Description).unwrap().contains('\n'));
    assert_eq!(item(&backlog, "LED-25").get(Field::Priority), None);
}

#[test]
fn german_headers_read_with_or_without_the_field_map() {
    for options in [
        ReadOptions::default(),
        with_config("german-headers.backlint.toml"),
    ] {
        let backlog = read_with(&["german-headers.csv"], &options);
        assert_eq!(backlog.len(), 5);
        let story = item(&backlog, "SPK-2");
        assert!(story
            .text(Field::Summary)
            .unwrap()
            .starts_with("Als Käufer möchte ich"));
        assert_eq!(story.text(Field::Priority), Some("Hoch"));
        assert_eq!(story.text(Field::IssueType), Some("Story"));
    }
}

#[test]
fn jira_cloud_in_german() {
    let backlog = read(&["jira-german-ui.csv"]);
    assert_eq!(backlog.len(), 4);
    let story = item(&backlog, "SPK-20");
    assert_eq!(
        story.get(Field::Estimate).and_then(|v| v.as_number()),
        Some(3.0)
    );
    assert_eq!(story.text(Field::Rank), Some("0|i0001:"));
    assert_eq!(story.text(Field::StatusCategory), Some("In Arbeit"));
    assert_eq!(story.text(Field::Parent), Some("10119"));
    assert_eq!(story.text(Field::Assignee), Some("Sam Roe"));
    let updated = story
        .text(Field::Updated)
        .and_then(backlint::dates::parse_date_time);
    assert_eq!(
        updated.map(|d| d.date().to_string()).as_deref(),
        Some("2026-03-03")
    );
}

#[test]
fn jira_cloud_in_spanish() {
    let backlog = read(&["jira-spanish-ui.csv"]);
    assert_eq!(backlog.len(), 5);
    let story = item(&backlog, "DES-2");
    assert_eq!(story.text(Field::IssueType), Some("Historia"));
    assert_eq!(story.text(Field::StatusCategory), Some("En curso"));
    assert_eq!(texts(&story, Field::Parent), ["DES-1", "10201"]);
    assert_eq!(texts(&story, Field::Labels), ["carrito"]);
    assert_eq!(
        story.get(Field::Estimate).and_then(|v| v.as_number()),
        Some(5.0)
    );
    let created = story
        .text(Field::Created)
        .and_then(backlint::dates::parse_date_time);
    assert_eq!(
        created.map(|d| d.date().to_string()).as_deref(),
        Some("2025-12-02")
    );
    // The criterion in `Campo personalizado (Acceptance Criteria)`, where the file has it.
    let (at, text) = position_of(
        &backlog,
        &story,
        Field::AcceptanceCriteria,
        "Guardar carrito",
    );
    assert_eq!(text, "Guardar carrito");
    assert_eq!(at, pos(2, 308));
    // A `""` escape in a Spanish description maps back as in English: to its second quote.
    let (at, text) = position_of(&backlog, &story, Field::Description, "\"Guardar");
    assert_eq!(text, "\"Guardar");
    assert_eq!(at, pos(2, 190));
}

#[test]
fn headers_of_each_ui_language_fill_the_same_fields() {
    let headers = [
        "Resumo,Chave da item,Tipo de item,Status,Prioridade,Responsável,Criado,Atualizado(a),Rótulos,Descrição,Campo personalizado (Story point estimate)",
        "Résumé,Clé de ticket,Type de ticket,État,Priorité,Responsable,Création,Mise à jour,Étiquettes,Description,Champ personnalisé (Story point estimate)",
        "Riepilogo,Chiave ticket,Tipo ticket,Stato,Priorità,Assegnatario,Creato,Aggiornato,Etichette,Descrizione,Campo personalizzato (Story point estimate)",
        "Summary,Issue key,Issue Type,Status,Priority,Assignee,Created,Updated,Labels,Description,Custom field (Story point estimate)",
    ];
    let row = "A,PAN-1,Story,Open,High,Sam Roe,02/Feb/26 9:05 AM,03/Feb/26 9:05 AM,x,D,5";
    let fields = [
        Field::Summary,
        Field::Key,
        Field::IssueType,
        Field::Status,
        Field::Priority,
        Field::Assignee,
        Field::Created,
        Field::Updated,
        Field::Labels,
        Field::Description,
        Field::Estimate,
    ];
    for header in headers {
        let mut backlog = Backlog::default();
        let source =
            backlint::source::Source::new("-", format!("{header}\n{row}\n"), Encoding::Utf8);
        ingest::add_source(&mut backlog, source, &ReadOptions::default())
            .unwrap_or_else(|e| panic!("{header}: {e}"));
        let story = backlog.items().next().expect("one item").into_owned();
        let read: Vec<&str> = fields
            .iter()
            .map(|&f| story.text(f).unwrap_or("-"))
            .collect();
        assert_eq!(read, row.split(',').collect::<Vec<_>>(), "{header}");
    }
}

#[test]
fn rest_v2_search_with_names_and_wiki_markup() {
    let backlog = read(&["jira-v2-search.json"]);
    assert_eq!(backlog.len(), 5);
    let story = item(&backlog, "PAN-2");
    assert_eq!(
        story.get(Field::Estimate).and_then(|v| v.as_number()),
        Some(5.0)
    );
    assert_eq!(story.text(Field::StatusCategory), Some("In Progress"));
    assert_eq!(
        texts(&story, Field::Sprint),
        ["PAN Sprint 2", "PAN Sprint 3"]
    );
    assert_eq!(story.text(Field::Parent), Some("PAN-1"));
    assert_eq!(item(&backlog, "PAN-3").get(Field::Priority), None);
    assert_eq!(item(&backlog, "PAN-8").get(Field::Estimate), None);
    let (_, text) = position_of(&backlog, &story, Field::Description, "Save basket");
    assert_eq!(text, "Save basket");
}

#[test]
fn rest_v3_pages_form_one_backlog() {
    let backlog = read_with(
        &[
            "jira-v3-search-jql-page1.json",
            "jira-v3-search-jql-page2.json",
        ],
        &with_config("jira-v3.backlint.toml"),
    );
    let keys: Vec<&str> = (0..backlog.len()).map(|i| backlog.key(i)).collect();
    assert_eq!(keys, ["PAN-2", "PAN-3", "PAN-4", "PAN-5", "PAN-6", "PAN-7"]);
    let story = item(&backlog, "PAN-2");
    assert!(story
        .get(Field::Estimate)
        .and_then(|v| v.as_number())
        .is_some());
    assert!(!texts(&story, Field::Sprint).is_empty());
    assert_eq!(
        item(&backlog, "PAN-3").get(Field::Description),
        None,
        "a null description is absent"
    );
    // ADF text maps into the JSON string it came from.
    let description = story.get(Field::Description).unwrap().as_str().to_owned();
    let word = description
        .split_whitespace()
        .find(|w| w.len() > 6 && w.chars().all(char::is_alphabetic))
        .unwrap();
    let (_, text) = position_of(&backlog, &story, Field::Description, word);
    assert_eq!(text, word);
}

/// Excel's "Unicode text" (UTF-16LE with a byte order mark, tab-separated, quoted cells
/// with line breaks and `""`): every value maps to its exact bytes in the file.
#[test]
fn utf16_tab_separated_text_maps_to_the_file_exactly() {
    let backlog = read(&["excel-unicode-text.txt"]);
    let keys: Vec<&str> = (0..backlog.len()).map(|i| backlog.key(i)).collect();
    assert_eq!(keys, ["PAN-21", "PAN-22", "PAN-23"]);
    let source = &backlog.sources[0];
    assert_eq!(source.encoding(), Encoding::Utf16Le);
    let bytes = std::fs::read("fixtures/excel-unicode-text.txt").expect("the fixture");
    let story = item(&backlog, "PAN-21");
    assert_eq!(story.text(Field::Priority), Some("High"));
    // Words after an astral character (two UTF-16 units) and after a `""` escape.
    for (needle, expected) in [("Acceptance", pos(3, 5)), ("free delivery", pos(5, 7))] {
        let (at, text) = position_of(&backlog, &story, Field::Description, needle);
        assert_eq!((at, text.as_str()), (expected, needle));
        let value = story.get(Field::Description).unwrap();
        let start = value.as_str().find(needle).unwrap();
        let span = value.span_of(start..start + needle.len());
        let (from, to) = (source.file_offset(span.start), source.file_offset(span.end));
        let units: Vec<u16> = bytes[from..to]
            .chunks_exact(2)
            .map(|pair| u16::from_le_bytes([pair[0], pair[1]]))
            .collect();
        assert_eq!(String::from_utf16(&units).ok().as_deref(), Some(needle));
    }
    let (at, _) = position_of(
        &backlog,
        &item(&backlog, "PAN-23"),
        Field::Description,
        "fraîche",
    );
    assert_eq!(
        at,
        pos(7, 138),
        "columns count characters: the è before it is one"
    );
}

/// A search whose request left `summary` out: keys, priorities and estimates still read.
#[test]
fn rest_response_without_summaries() {
    let backlog = read(&["jira-search-no-summary.json"]);
    let keys: Vec<&str> = (0..backlog.len()).map(|i| backlog.key(i)).collect();
    assert_eq!(keys, ["PAN-41", "PAN-42", "PAN-43"]);
    let first = item(&backlog, "PAN-41");
    assert_eq!(first.get(Field::Summary), None);
    assert_eq!(first.text(Field::Priority), Some("High"));
    assert_eq!(
        first.get(Field::Estimate).and_then(|v| v.as_number()),
        Some(5.0)
    );
    let summary = backlog.files[0]
        .origins
        .iter()
        .find(|o| o.field == Field::Summary)
        .expect("every field has an origin entry");
    assert!(summary.names.is_empty(), "{summary:?}");
}

#[test]
fn exports_with_no_issues_are_empty_backlogs() {
    for fixture in ["header-only.csv", "jira-search-empty.json"] {
        let backlog = read(&[fixture]);
        assert_eq!((backlog.len(), backlog.sources.len()), (0, 1), "{fixture}");
    }
}

#[test]
fn single_issue_and_plain_array() {
    let single = read(&["jira-single-issue.json"]);
    assert_eq!(single.len(), 1);
    assert_eq!(single.key(0), "PAN-7");
    let array = read(&["jira-issue-array.json"]);
    let keys: Vec<&str> = (0..array.len()).map(|i| array.key(i)).collect();
    assert_eq!(keys, ["PAN-2", "PAN-5"]);
}

#[test]
fn story_lists() {
    let backlog = read(&["stories.txt"]);
    assert_eq!(backlog.len(), 8);
    assert_eq!(backlog.key(0), "line 1");
    assert!(backlog
        .item(0)
        .text(Field::Summary)
        .unwrap()
        .starts_with("As a shopper, I want to save"));
    let line7 = item(&backlog, "line 7");
    let (at, _) = position_of(&backlog, &line7, Field::Summary, "As a driver");
    assert_eq!(at, pos(7, 3));

    let markdown = read(&["stories.md"]);
    assert_eq!(
        markdown.len(),
        6,
        "the heading and the paragraph are not stories"
    );
}

#[test]
fn unmapped_columns_are_kept_only_when_asked() {
    let all = read(&["jira-cloud-all-fields.csv"]);
    assert!(item(&all, "PAN-2").by_name("Reporter").next().is_some());
    let options = ReadOptions {
        keep_unmapped: Some(vec!["custom field (team)".into()]),
        ..ReadOptions::default()
    };
    let some = read_with(&["jira-cloud-all-fields.csv"], &options);
    let story = item(&some, "PAN-2");
    assert!(story.by_name("Reporter").next().is_none());
    assert!(story.by_name("Custom field (Team)").next().is_some());
    assert_eq!(
        story.text(Field::Summary),
        item(&all, "PAN-2").text(Field::Summary)
    );
}

#[test]
fn github_issues_from_gh_issue_list() {
    let backlog = read(&["github-issues.json"]);
    assert_eq!(backlog.files[0].kind.reader, "github-issues");
    let keys: Vec<String> = backlog.items().map(|i| i.key.clone()).collect();
    assert_eq!(keys, ["#12", "#13", "#14", "#9"]);
    let story = item(&backlog, "#12");
    assert_eq!(story.text(Field::IssueType), Some("story"));
    assert_eq!(story.text(Field::Priority), Some("high"));
    assert_eq!(
        texts(&story, Field::Labels),
        ["type: story", "priority: high"]
    );
    assert_eq!(story.text(Field::Sprint), Some("Sprint 4"));
    assert_eq!(story.text(Field::Assignee), Some("alex-doe"));
    assert_eq!(story.text(Field::Status), Some("OPEN"));
    // The body as plain text: the template's comment and the emphasis gone, the task
    // list kept as criteria under their heading.
    let body = story.text(Field::Description).unwrap();
    assert!(
        body.starts_with("As a shopper, I want to save my cart"),
        "{body}"
    );
    assert!(
        body.contains("Acceptance criteria\n- [ ] The cart is kept for 30 days after I log out\n- [x] A \"Saved\" badge shows on the café's cart icon\n- [ ] It works"),
        "{body}"
    );
    // Spans point into the JSON string, through `\"`, `\u00e9` and `\r\n` escapes.
    let (at, text) = position_of(&backlog, &story, Field::Description, "It works");
    assert_eq!((at, text.as_str()), (pos(4, 326), "It works"));
    let (_, text) = position_of(&backlog, &story, Field::Description, "\"Saved\" badge");
    assert_eq!(text, "\\\"Saved\\\" badge");
    let (_, text) = position_of(&backlog, &story, Field::Description, "café's");
    assert_eq!(text, "caf\\u00e9's");
    // A value read from a label points at its part of the label.
    let (at, text) = position_of(&backlog, &story, Field::Priority, "high");
    assert_eq!((at, text.as_str()), (pos(8, 41), "high"));
    // An empty body: a finding about it points into its empty string.
    let empty = item(&backlog, "#13");
    assert_eq!(empty.get(Field::Description), None);
    let missing = empty.missing(Field::Description);
    let source = &backlog.sources[0];
    assert_eq!(source.position(missing.start), pos(19, 14));
    assert_eq!(&source.text()[missing.start - 1..missing.start + 1], "\"\"");
    let bug = item(&backlog, "#14");
    assert_eq!(bug.text(Field::IssueType), Some("bug"));
    assert!(bug
        .text(Field::Description)
        .unwrap()
        .contains("1. Open the cart\n2. Tap Pay"));
}

#[test]
fn azure_devops_work_items_from_workitemsbatch() {
    let backlog = read(&["azure-devops-workitems.json"]);
    assert_eq!(backlog.files[0].kind.reader, "azure-devops-json");
    let keys: Vec<String> = backlog.items().map(|i| i.key.clone()).collect();
    assert_eq!(keys, ["101", "102", "103"]);
    let story = item(&backlog, "101");
    assert_eq!(story.text(Field::IssueType), Some("User Story"));
    assert_eq!(story.text(Field::Status), Some("New"));
    assert_eq!(story.text(Field::Priority), Some("2"));
    assert_eq!(story.text(Field::Estimate), Some("5.0"));
    assert_eq!(story.text(Field::Parent), Some("90"));
    assert_eq!(story.text(Field::Assignee), Some("Alex Doe"));
    assert_eq!(story.text(Field::Sprint), Some("Pantry\\Sprint 4"));
    assert_eq!(texts(&story, Field::Labels), ["checkout", "mobile"]);
    // HTML made plain, still pointing into the JSON string.
    let description = story.text(Field::Description).unwrap();
    assert!(
        description.starts_with("Shoppers start on the phone and pay on the laptop.\n"),
        "{description}"
    );
    assert!(
        description.ends_with("\nKeep the basket for 30 days."),
        "{description}"
    );
    let (_, text) = position_of(&backlog, &story, Field::Description, "30 days");
    assert_eq!(text, "30 days");
    let criteria = story.text(Field::AcceptanceCriteria).unwrap();
    assert!(
        criteria.contains("Given a saved basket, when I log in on another device"),
        "{criteria}"
    );
    // Each tag points at its own words.
    let source = &backlog.sources[0];
    let mobile = story.all(Field::Labels).nth(1).unwrap().span;
    assert_eq!(&source.text()[mobile.start..mobile.end], "mobile");
    assert_eq!(source.position(mobile.start), pos(27, 35));
    // An empty description: a finding about it points into its empty string.
    let vague = item(&backlog, "102");
    assert_eq!(vague.get(Field::Description), None);
    let missing = vague.missing(Field::Description);
    assert_eq!(
        &backlog.sources[0].text()[missing.start - 1..missing.start + 1],
        "\"\""
    );
    let bug = item(&backlog, "103");
    let (_, text) = position_of(&backlog, &bug, Field::Summary, "café's");
    assert_eq!(text, "café's");
}

#[test]
fn jira_xml_export_with_custom_fields() {
    let backlog = read(&["jira-xml.xml"]);
    assert_eq!(backlog.files[0].kind.reader, "jira-xml");
    let story = item(&backlog, "LED-31");
    assert_eq!(
        story.get(Field::Estimate).and_then(|v| v.as_number()),
        Some(5.0)
    );
    assert_eq!(story.text(Field::Parent), Some("LED-30"));
    assert_eq!(story.text(Field::Sprint), Some("LED Sprint 5"));
    assert_eq!(story.text(Field::StatusCategory), Some("In Progress"));
    assert_eq!(texts(&story, Field::Labels), ["export", "pdf"]);
    let updated = story
        .text(Field::Updated)
        .and_then(backlint::dates::parse_date_time);
    assert_eq!(
        updated.map(|d| d.date().to_string()).as_deref(),
        Some("2026-02-13")
    );
    // A custom field no rule reads is kept under its name.
    assert_eq!(
        story.by_name("Testing Status").next().map(|v| v.as_str()),
        Some("Not started")
    );
    let description = story.text(Field::Description).unwrap();
    assert_eq!(
        description,
        "Invoices of the current month, one file each & a summary.\nAcceptance Criteria\n- Each file is named INV-<number>.pdf\n- The export is fast"
    );
    // Through two levels of escaping (XML, then HTML) to the file.
    let (at, text) = position_of(&backlog, &story, Field::Description, "<number>");
    assert_eq!((at, text.as_str()), (pos(26, 44), "&amp;lt;number&amp;gt;"));
    let (_, text) = position_of(&backlog, &story, Field::Description, "& a summary");
    assert_eq!(text, "&amp;amp; a summary");
    // "Unassigned" is no assignee.
    let task = item(&backlog, "LED-32");
    assert_eq!(task.get(Field::Assignee), None);
    assert_eq!(task.get(Field::Description), None);
}

#[test]
fn azure_devops_tree_query() {
    let backlog = read(&["azure-devops-tree.csv"]);
    assert_eq!(backlog.files[0].kind.reader, "azure-devops-csv");
    let keys: Vec<&str> = (0..backlog.len()).map(|i| backlog.key(i)).collect();
    assert_eq!(keys, ["4100", "4101", "4102", "4103", "4104", "4105"]);
    // Each level of the tree writes its title in its own column.
    assert_eq!(
        item(&backlog, "4100").text(Field::Summary),
        Some("Checkout")
    );
    assert_eq!(
        item(&backlog, "4101").text(Field::Summary),
        Some("Saved baskets")
    );
    let story = item(&backlog, "4102");
    assert_eq!(story.text(Field::IssueType), Some("User Story"));
    assert_eq!(story.text(Field::Status), Some("Active"));
    assert_eq!(story.text(Field::Sprint), Some("Pantry\\Sprint 3"));
    assert_eq!(
        story.get(Field::Estimate).and_then(|v| v.as_number()),
        Some(5.0)
    );
    assert_eq!(story.text(Field::Priority), Some("2"));
    assert_eq!(
        story.text(Field::Assignee),
        Some("Sam Roe <sam.roe@example.com>")
    );
    // `Tags` holds several, separated by `; `: each is a label of its own.
    assert_eq!(texts(&story, Field::Labels), ["basket", "mobile"]);
    let (at, text) = position_of(&backlog, &story, Field::Labels, "basket");
    assert_eq!((at, text.as_str()), (pos(4, 150), "basket"));
    let labels: Vec<_> = story.all(Field::Labels).collect();
    let source = &backlog.sources[0];
    assert_eq!(
        &source.text()[labels[1].span.start..labels[1].span.end],
        "mobile"
    );
    // Rich text made plain: one line per `<div>`, entities undone, `&nbsp;` a space.
    assert_eq!(
        story.text(Field::AcceptanceCriteria),
        Some("Given a saved basket & a second device\nWhen I sign in there\nThen the basket shows \"Saved\" and its items")
    );
    assert_eq!(
        story.text(Field::Description),
        Some("Why: shoppers switch devices mid-order.")
    );
    // Through the HTML entities and the CSV quoting, to the file.
    let (_, text) = position_of(&backlog, &story, Field::AcceptanceCriteria, "& a second");
    assert_eq!(text, "&amp; a second");
    let (at, text) = position_of(
        &backlog,
        &story,
        Field::AcceptanceCriteria,
        "When I sign in",
    );
    assert_eq!((at, text.as_str()), (pos(4, 260), "When I sign in"));
    // A bulleted list of criteria.
    let vague = item(&backlog, "4103");
    assert_eq!(
        vague.text(Field::AcceptanceCriteria),
        Some("- The page loads quickly\n- Buttons are easy to find")
    );
    assert_eq!(vague.get(Field::Estimate), None);
    // The tree implies each item's parent: the row above it one level up, pointing at
    // that row's ID.
    let parents: Vec<Option<String>> = ["4100", "4101", "4102", "4105"]
        .iter()
        .map(|key| item(&backlog, key).text(Field::Parent).map(str::to_owned))
        .collect();
    assert_eq!(
        parents,
        [
            None,
            Some("4100".into()),
            Some("4101".into()),
            Some("4101".into())
        ]
    );
    let parent = story.get(Field::Parent).expect("a parent");
    assert_eq!(backlog.sources[0].position(parent.span.start), pos(3, 1));
    // Area Path and Value Area fill no field, and are kept by name.
    assert_eq!(
        story.by_name("Area Path").next().map(|v| v.as_str()),
        Some("Pantry\\Web")
    );
}

#[test]
fn gitlab_issues_csv() {
    let backlog = read(&["gitlab-issues.csv"]);
    assert_eq!(backlog.files[0].kind.reader, "gitlab-csv");
    let keys: Vec<&str> = (0..backlog.len()).map(|i| backlog.key(i)).collect();
    assert_eq!(keys, ["12", "13", "14", "9"]);
    let story = item(&backlog, "12");
    // Scoped labels give the type and priority; every label is still a label.
    assert_eq!(story.text(Field::IssueType), Some("story"));
    assert_eq!(story.text(Field::Priority), Some("high"));
    assert_eq!(
        texts(&story, Field::Labels),
        ["type::story", "priority::high", "basket"]
    );
    let (at, text) = position_of(&backlog, &story, Field::Priority, "high");
    assert_eq!((at, text.as_str()), (pos(11, 143), "high"));
    assert_eq!(
        story.get(Field::Estimate).and_then(|v| v.as_number()),
        Some(5.0)
    );
    assert_eq!(story.text(Field::Sprint), Some("Sprint 3"));
    assert_eq!(story.text(Field::Parent), Some("3"));
    assert_eq!(story.text(Field::ParentSummary), Some("Checkout"));
    assert_eq!(story.text(Field::Assignee), Some("Sam Roe"));
    // Markdown made plain: the template's comment and the emphasis gone, the task list
    // kept under its heading, mapping back through the CSV's `""`.
    let description = story.text(Field::Description).unwrap();
    assert_eq!(
        description,
        "Why\nShoppers switch devices mid-order.\nAcceptance criteria\n- [ ] The basket is kept for 30 days after I sign out\n- [x] A \"Saved\" badge shows on the café's basket icon\n- [ ] It works on mobile"
    );
    let (at, text) = position_of(&backlog, &story, Field::Description, "\"Saved\" badge");
    // An escaped quote maps to the second quote of its `""`.
    assert_eq!((at, text.as_str()), (pos(10, 10), "\"Saved\"\" badge"));
    let bug = item(&backlog, "14");
    assert_eq!(bug.text(Field::IssueType), Some("bug"));
    assert_eq!(bug.text(Field::Priority), Some("critical"));
    assert_eq!(item(&backlog, "9").text(Field::Status), Some("Closed"));
}

#[test]
fn linear_csv() {
    let backlog = read(&["linear-issues.csv"]);
    assert_eq!(backlog.files[0].kind.reader, "linear-csv");
    let keys: Vec<&str> = (0..backlog.len()).map(|i| backlog.key(i)).collect();
    assert_eq!(keys, ["ENG-21", "ENG-22", "ENG-23", "ENG-19"]);
    let story = item(&backlog, "ENG-21");
    assert_eq!(story.get(Field::IssueType), None);
    assert_eq!(story.text(Field::Priority), Some("High"));
    assert_eq!(story.text(Field::Status), Some("Todo"));
    assert_eq!(story.text(Field::Sprint), Some("4"));
    assert_eq!(story.text(Field::Parent), Some("ENG-20"));
    // Labels joined by `, `, each its own, pointing at its place in the cell.
    assert_eq!(texts(&story, Field::Labels), ["Feature", "Mobile"]);
    let mobile = story.all(Field::Labels).nth(1).expect("a second label");
    let source = &backlog.sources[0];
    assert_eq!(source.position(mobile.span.start), pos(8, 117));
    assert_eq!(&source.text()[mobile.span.start..mobile.span.end], "Mobile");
    assert!(story
        .text(Field::Description)
        .unwrap()
        .ends_with("Acceptance criteria\n- [ ] Past orders show a Reorder button\n- [ ] Items out of stock are named before I pay\n- [ ] Reordering is intuitive"));
    // `No priority` is no priority: a finding about it points at those words.
    let unprioritised = item(&backlog, "ENG-22");
    assert_eq!(unprioritised.get(Field::Priority), None);
    let missing = unprioritised.missing(Field::Priority);
    assert_eq!(source.position(missing.start), pos(9, 49));
    // A `Bug` label is the type, so the bug is no story.
    assert_eq!(item(&backlog, "ENG-23").text(Field::IssueType), Some("Bug"));
}

#[test]
fn trello_board_export() {
    let backlog = read(&["trello-board.json"]);
    assert_eq!(backlog.files[0].kind.reader, "trello-json");
    let keys: Vec<&str> = (0..backlog.len()).map(|i| backlog.key(i)).collect();
    assert_eq!(keys, ["#12", "#13", "#14", "#9", "#5"]);
    let story = item(&backlog, "#12");
    // The list is the status, pointing at the list's name.
    assert_eq!(story.text(Field::Status), Some("Ready"));
    let (at, _) = position_of(&backlog, &story, Field::Status, "Ready");
    let source = &backlog.sources[0];
    assert_eq!(
        source.text().lines().nth(at.line - 1).map(str::trim),
        Some("\"name\": \"Ready\",")
    );
    assert_eq!(story.text(Field::IssueType), Some("Story"));
    assert_eq!(story.text(Field::Priority), Some("high"));
    // A colour-only label has no name and is no label.
    assert_eq!(texts(&story, Field::Labels), ["Story", "priority: high"]);
    assert_eq!(story.text(Field::Assignee), Some("Sam Roe"));
    assert_eq!(
        story.text(Field::Description),
        Some("Shoppers switch devices mid-order.\nSee the research notes.")
    );
    // A custom field named as `[fields]` names the estimate; a dropdown by its option.
    assert_eq!(
        story.get(Field::Estimate).and_then(|v| v.as_number()),
        Some(5.0)
    );
    assert_eq!(
        story.by_name("Team").next().map(|v| v.as_str()),
        Some("Checkout")
    );
    // The checklist is the criteria, each item mapped into its string through escapes.
    assert_eq!(
        story.text(Field::AcceptanceCriteria),
        Some("- [ ] The basket is kept for 30 days after I sign out\n- [x] A \"Saved\" badge shows on the café's basket icon")
    );
    let (_, text) = position_of(
        &backlog,
        &story,
        Field::AcceptanceCriteria,
        "\"Saved\" badge",
    );
    assert_eq!(text, "\\\"Saved\\\" badge");
    let (_, text) = position_of(&backlog, &story, Field::AcceptanceCriteria, "café's");
    assert_eq!(text, "caf\\u00e9's");
    // An empty `desc`: a finding about it points into its empty string.
    let empty = item(&backlog, "#13");
    let missing = empty.missing(Field::Description);
    assert_eq!(&source.text()[missing.start - 1..missing.start + 1], "\"\"");
    // Archived: the card itself, or its list.
    assert_eq!(
        item(&backlog, "#9").text(Field::StatusCategory),
        Some("Done")
    );
    assert_eq!(
        item(&backlog, "#5").text(Field::StatusCategory),
        Some("Done")
    );
    assert_eq!(item(&backlog, "#14").get(Field::StatusCategory), None);
    assert_eq!(item(&backlog, "#14").text(Field::IssueType), Some("Bug"));
}

/// The cell a value's `needle` stands in, as reports name it.
fn cell_of(backlog: &Backlog, item: &Item, field: Field, needle: &str) -> String {
    let value = item.get(field).expect("field present");
    let at = value
        .as_str()
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in {:?}", value.as_str()));
    let span = value.span_of(at..at + needle.len());
    backlog.sources[item.source].place(span.start).to_string()
}

/// An Azure DevOps query saved as a workbook: its second sheet (the first holds notes), its
/// header on row 3 below a title, read with Azure DevOps's preset; every value's place is
/// its cell.
#[test]
fn azure_devops_workbook() {
    let backlog = read(&["azure-devops-backlog.xlsx"]);
    assert_eq!(backlog.files[0].kind.reader, "azure-devops-csv");
    assert_eq!(
        backlog.sources[0].cells().map(|c| c.name()),
        Some("Backlog")
    );
    let keys: Vec<&str> = (0..backlog.len()).map(|i| backlog.key(i)).collect();
    assert_eq!(keys, ["7101", "7102", "7103"]);
    let story = item(&backlog, "7101");
    assert_eq!(story.text(Field::Estimate), Some("3"));
    assert_eq!(story.text(Field::Updated), Some("2026-02-03"));
    assert_eq!(texts(&story, Field::Labels), ["pantry", "mobile"]);
    assert_eq!(
        cell_of(&backlog, &story, Field::Labels, "pantry"),
        "Backlog!G4"
    );
    assert_eq!(
        cell_of(&backlog, &story, Field::Summary, "shopper"),
        "Backlog!C4"
    );
    // The HTML of the criteria made plain, still placed in its cell.
    let criteria = story.text(Field::AcceptanceCriteria).expect("criteria");
    assert!(
        criteria.contains("Then I see each item & its amount"),
        "{criteria}"
    );
    assert_eq!(
        cell_of(&backlog, &story, Field::AcceptanceCriteria, "& its"),
        "Backlog!I4"
    );
    // An empty cell is no value: a finding about it points at that cell.
    let unestimated = item(&backlog, "7102");
    assert_eq!(unestimated.get(Field::Estimate), None);
    let missing = unestimated.missing(Field::Estimate);
    assert_eq!(
        backlog.sources[0].place(missing.start).to_string(),
        "Backlog!E5"
    );
}

/// Jira's columns in a workbook map as in Jira's CSV export; a sheet name with spaces is
/// quoted, as spreadsheets write it.
#[test]
fn jira_workbook() {
    let backlog = read(&["jira-backlog.xlsx"]);
    assert_eq!(backlog.files[0].kind.reader, "jira-csv");
    let story = item(&backlog, "PAN-31");
    assert_eq!(story.text(Field::Estimate), Some("3"));
    assert_eq!(story.text(Field::Created), Some("2026-01-20"));
    assert_eq!(
        cell_of(&backlog, &story, Field::Summary, "reorder"),
        "'Your Jira Issues'!A2"
    );
    // Read as Jira's CSV when told so, too.
    let options = ReadOptions {
        format: ingest::reader::named("jira-csv"),
        ..ReadOptions::default()
    };
    let forced = read_with(&["jira-backlog.xlsx"], &options);
    assert_eq!(forced.len(), 2);
}

/// `gh project item-list --format json`: each item's content read as a GitHub issue, the
/// board's fields (status, priority, estimate, iteration) as theirs; pull requests left out.
#[test]
fn github_project_items() {
    let backlog = read(&["github-project-items.json"]);
    assert_eq!(backlog.files[0].kind.reader, "github-project-items");
    let keys: Vec<&str> = (0..backlog.len()).map(|i| backlog.key(i)).collect();
    assert_eq!(
        keys,
        [
            "example/pantry#21",
            "example/pantry#22",
            "draft 3",
            "example/pantry#19"
        ]
    );
    let story = item(&backlog, "example/pantry#21");
    assert_eq!(story.text(Field::Status), Some("In Progress"));
    assert_eq!(story.text(Field::Priority), Some("P1"));
    assert_eq!(story.text(Field::Estimate), Some("3"));
    assert_eq!(story.text(Field::Sprint), Some("Sprint 7"));
    assert_eq!(story.text(Field::Assignee), Some("alex-doe"));
    assert_eq!(story.text(Field::IssueType), Some("story"));
    let (at, text) = position_of(&backlog, &story, Field::Priority, "P1");
    assert_eq!((at, text.as_str()), (pos(1, 598), "P1"));
    // The body's Markdown made plain; its task list stays, for the criteria finder.
    let body = story.text(Field::Description).expect("a body");
    assert!(
        body.contains("- [ ] Past orders show a Reorder button"),
        "{body}"
    );
    let (at, text) = position_of(&backlog, &story, Field::Description, "Reorder button");
    assert_eq!(text, "Reorder** button");
    assert_eq!(at.line, 1);
    let draft = item(&backlog, "draft 3");
    assert_eq!(draft.get(Field::Key), None);
    assert_eq!(draft.text(Field::Estimate), Some("2"));
}

/// Asking a few fields at once (a CSV row split once for all of them) gives each field the
/// values asking it alone gives, on exports with labels that fill fields, parents from a
/// tree, summaries kept apart and JSON properties.
#[test]
fn fields_asked_together_read_as_asked_alone() {
    const ASKED: [Field; 6] = [
        Field::Summary,
        Field::Sprint,
        Field::Status,
        Field::Parent,
        Field::Priority,
        Field::Labels,
    ];
    for fixture in [
        "jira-cloud-all-fields.csv",
        "readiness-team.csv",
        "gitlab-issues.csv",
        "jira-v2-search.json",
    ] {
        let backlog = read(&[fixture]);
        assert!(!backlog.is_empty(), "{fixture}");
        for index in 0..backlog.len() {
            let together = backlog.values_of(index, ASKED);
            for (field, values) in ASKED.into_iter().zip(together) {
                assert_eq!(
                    values,
                    backlog.values(index, field),
                    "{fixture} {index} {field:?}"
                );
            }
        }
    }
}

#[test]
fn files_read_side_by_side_keep_their_order_and_the_first_error() {
    let paths = [
        "jira-v3-search-jql-page1.json",
        "jira-server.csv",
        "jira-v3-search-jql-page2.json",
    ];
    let backlog = read(&paths);
    let names: Vec<&str> = backlog.sources.iter().map(|s| s.name()).collect();
    assert_eq!(names, paths.map(|p| format!("fixtures/{p}")));
    let first_of_each: Vec<usize> = (0..backlog.len())
        .filter(|&i| i == 0 || backlog.item(i).source != backlog.item(i - 1).source)
        .map(|i| backlog.item(i).source)
        .collect();
    assert_eq!(first_of_each, [0, 1, 2]);

    // Two files that cannot be read: the error is the first one's, whichever core
    // finished first.
    let broken = [
        "fixtures/jira-server.csv",
        "fixtures/errors/truncated.json",
        "fixtures/errors/unclosed-quote.csv",
    ]
    .map(String::from);
    for _ in 0..20 {
        let error = ingest::read_paths(&broken, &ReadOptions::default()).expect_err("refused");
        assert!(error.to_string().contains("truncated.json"), "{error}");
    }
}
