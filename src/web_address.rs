//! Which addresses from an export or a configuration become links: absolute http(s)
//! addresses only, and `issue_url` templates with a host and no user info. Shared by the
//! configuration (which checks `[report] issue_url`) and the reports (which link keys).

/// `url` if it is an absolute http(s) address without spaces or control characters: the
/// only addresses taken from an export into an `href` (never `javascript:` or `data:`).
pub(crate) fn web_url(url: &str) -> Option<&str> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let clean = !url.chars().any(|c| c.is_whitespace() || c.is_control());
    (clean && !host.is_empty()).then_some(url)
}

/// Whether `url` is an `issue_url` template: `http(s)://HOST/…{key}…`, with a host, no
/// user info and no blanks.
pub(crate) fn is_issue_url_template(url: &str) -> bool {
    url.contains("{key}") && web_url(url).is_some() && authority(url).is_some()
}

/// The host (and port) of `url`, lower-cased, if it has one and no user info.
pub(crate) fn authority(url: &str) -> Option<String> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    (!authority.is_empty() && !authority.contains(['@', '\\']))
        .then(|| authority.to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_web_addresses_pass() {
        assert!(web_url("https://pantry.example.atlassian.net/browse/PAN-1").is_some());
        assert!(web_url("http://jira.example.com/jira").is_some());
        assert!(web_url("https:///path").is_none());
        assert!(web_url("https://a.example.com/x y").is_none());
        assert!(web_url("javascript:alert(1)").is_none());
        assert!(web_url("data:text/html,x").is_none());
    }

    #[test]
    fn templates_need_a_host_without_user_info() {
        assert!(!is_issue_url_template("https:///{key}"));
        assert!(!is_issue_url_template(
            "https://user:pw@jira.example/browse/{key}"
        ));
        assert!(is_issue_url_template("https://jira.example/browse/{key}"));
    }
}
