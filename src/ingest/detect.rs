//! Which reader a file needs, decided by its content first and its name second.

use crate::backlog::InputFormat;

/// Guesses the format of `text`, read from a file called `name` (`-` for stdin).
///
/// JSON starts with `{` or `[` whatever the extension. A `.txt` or `.md` file is a story
/// list even though stories hold commas. Otherwise a first line that reads as a CSV header
/// (several cells, or a Jira column name) means CSV, and anything else is a story list.
pub fn detect(name: &str, text: &str) -> InputFormat {
    let start = text.trim_start();
    if start.starts_with('{') || start.starts_with('[') && !looks_like_markdown_task(start) {
        return InputFormat::JiraJson;
    }
    let extension = name
        .rsplit_once('.')
        .map(|(_, ext)| ext.to_ascii_lowercase());
    match extension.as_deref() {
        Some("csv" | "tsv") => return InputFormat::JiraCsv,
        Some("txt" | "md" | "markdown") => return InputFormat::Lines,
        _ => {}
    }
    let header = start.lines().next().unwrap_or_default();
    let cells = header.split([',', ';']).count();
    let jira_column = ["summary", "issue key", "issue type"]
        .iter()
        .any(|c| header.to_ascii_lowercase().contains(c));
    if cells >= 2 && jira_column || cells >= 4 && !header.contains(' ') {
        InputFormat::JiraCsv
    } else {
        InputFormat::Lines
    }
}

/// `[ ] As a user…` is a Markdown task, not a JSON array.
fn looks_like_markdown_task(text: &str) -> bool {
    text.starts_with("[ ]") || text.starts_with("[x]") || text.starts_with("[X]")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_decides_before_the_name() {
        assert_eq!(
            detect("export.csv", " {\"issues\": []}"),
            InputFormat::JiraJson
        );
        assert_eq!(detect("-", "[{\"key\": \"A-1\"}]"), InputFormat::JiraJson);
        assert_eq!(
            detect("-", "Summary,Issue key\nA,B-1\n"),
            InputFormat::JiraCsv
        );
        assert_eq!(
            detect("-", "As a user, I want A, so that B\n"),
            InputFormat::Lines
        );
        assert_eq!(
            detect("stories.txt", "Summary,Issue key\n"),
            InputFormat::Lines
        );
        assert_eq!(detect("-", "[ ] As a user, I want A\n"), InputFormat::Lines);
    }
}
