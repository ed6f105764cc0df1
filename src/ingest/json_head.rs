//! What a JSON export is, from the first keys of its first object: Jira issues have
//! `fields`, `gh issue list --json` output has `title`. The scan reads only the head of
//! the file and builds no tree, so detection costs nothing on a large export.

/// How far into the file the keys of the first object are looked for.
const HEAD: usize = 64 * 1024;

/// The keys of the first object in `text` (the top-level object, or the first element of a
/// top-level array), as far as they stand in the first [`HEAD`] bytes.
pub fn first_object_keys(text: &str) -> Vec<&str> {
    let bytes = &text.as_bytes()[..text.len().min(HEAD)];
    let mut keys = Vec::new();
    // Depth of the first object's members: 1 for a top-level object, 2 in an array.
    let mut object_depth = None;
    let mut depth = 0usize;
    // The last byte outside strings and white space: a string after `{` or `,` at the
    // object's depth is a key.
    let mut previous = 0u8;
    let mut at = 0;
    while at < bytes.len() {
        match bytes[at] {
            b'"' => {
                let start = at + 1;
                let end = string_end(bytes, start);
                let is_key = object_depth == Some(depth) && matches!(previous, b'{' | b',');
                if let (true, Some(key)) = (is_key, text.get(start..end)) {
                    keys.push(key);
                }
                previous = b'"';
                at = end + 1;
                continue;
            }
            open @ (b'{' | b'[') => {
                depth += 1;
                if open == b'{' && object_depth.is_none() {
                    object_depth = Some(depth);
                }
                previous = open;
            }
            close @ (b'}' | b']') => {
                if object_depth == Some(depth) {
                    return keys;
                }
                depth = depth.saturating_sub(1);
                previous = close;
            }
            b' ' | b'\t' | b'\r' | b'\n' => {}
            other => previous = other,
        }
        at += 1;
    }
    keys
}

/// Where the string whose content starts at `start` ends (its closing quote), or the end.
/// Jumps from one quote or backslash to the next: strings (descriptions) are most of a
/// response's head.
fn string_end(bytes: &[u8], start: usize) -> usize {
    let mut at = start;
    while let Some(found) = bytes
        .get(at..)
        .and_then(|rest| memchr::memchr2(b'"', b'\\', rest))
    {
        at += found;
        if bytes[at] == b'"' {
            return at;
        }
        at += 2;
    }
    bytes.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_of_the_first_object_only() {
        let gh = r#"[{"body":"a \"title\": x","labels":[{"name":"bug"}],"title":"T"},{"zzz":1}]"#;
        assert_eq!(first_object_keys(gh), ["body", "labels", "title"]);
        let jira = "{\n  \"issues\": [{\"key\": \"A-1\"}],\n  \"total\": 1\n}";
        assert_eq!(first_object_keys(jira), ["issues", "total"]);
        assert_eq!(first_object_keys("[[1, 2], {\"a\": 1}]"), ["a"]);
        assert!(first_object_keys("[]").is_empty());
        assert_eq!(first_object_keys("[{\"cut"), ["cut"]);
        assert_eq!(
            first_object_keys(r#"{"a\\":1,"b":"\\\"","c\\"#),
            [r"a\\", "b", r"c\\"]
        );
    }
}
