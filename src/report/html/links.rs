//! Where an issue's page is: from `[report] issue_url` in backlint.toml, else from the
//! issue's REST address in a JSON export (`self`: `https://site/rest/api/2/issue/10002` →
//! `https://site/browse/KEY`). A CSV export says nothing about its site, so without the
//! setting its keys are not links.

use super::escape::web_url;
use crate::backlog::{Backlog, InputFormat, Item};
use crate::report::percent;

/// How keys become links.
#[derive(Debug, Clone, Copy, Default)]
pub struct IssueLinks<'a> {
    /// `https://…/browse/{key}`, already checked to be a web address.
    pub template: Option<&'a str>,
}

impl IssueLinks<'_> {
    /// The address of the page of `item`, an item of `backlog`, if it can be known: items
    /// of story lists are no issues and have none.
    pub fn url_in(&self, backlog: &Backlog, item: &Item) -> Option<String> {
        let is_issue = backlog
            .files
            .get(item.source)
            .is_some_and(|f| f.format != InputFormat::Lines);
        self.url(item).filter(|_| is_issue)
    }

    /// The address of `item`'s page, if it can be known, whatever file it comes from.
    fn url(&self, item: &Item) -> Option<String> {
        let key = percent::encode(&item.key);
        match self.template {
            Some(template) => web_url(template).map(|t| t.replace("{key}", &key)),
            None => from_rest_address(item, &key),
        }
    }
}

/// `https://site/browse/KEY` from the JSON issue's `self`, up to its `/rest/api/`.
fn from_rest_address(item: &Item, key: &str) -> Option<String> {
    let address = item.by_name("self").next()?;
    let site = web_url(address.as_str())?.split("/rest/api/").next()?;
    (site.len() < address.as_str().len()).then(|| format!("{site}/browse/{key}"))
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::backlog::{Entry, MappedText, Span, Value};

    fn item(key: &str, self_url: Option<&str>) -> Item {
        Item {
            source: 0,
            record: 1,
            key: key.into(),
            anchor: Span::default(),
            entries: self_url
                .map(|url| Entry {
                    name: Arc::from("self"),
                    field: None,
                    value: Value {
                        text: MappedText::verbatim(url, 0),
                        span: Span::default(),
                    },
                })
                .into_iter()
                .collect(),
        }
    }

    #[test]
    fn json_issues_link_to_their_site() {
        let links = IssueLinks::default();
        let json = item(
            "PAN-2",
            Some("https://pantry.example.atlassian.net/rest/api/2/issue/10002"),
        );
        assert_eq!(
            links.url(&json).as_deref(),
            Some("https://pantry.example.atlassian.net/browse/PAN-2")
        );
        let server = item("LED-1", Some("https://example.com/jira/rest/api/2/issue/1"));
        assert_eq!(
            links.url(&server).as_deref(),
            Some("https://example.com/jira/browse/LED-1")
        );
        assert_eq!(links.url(&item("PAN-2", None)), None);
        assert_eq!(
            links.url(&item(
                "PAN-2",
                Some("javascript:alert(1)//rest/api/2/issue/1")
            )),
            None
        );
    }

    #[test]
    fn the_template_wins_and_keys_are_encoded() {
        let links = IssueLinks {
            template: Some("https://pantry.example.atlassian.net/browse/{key}"),
        };
        assert_eq!(
            links.url(&item("PAN-2", None)).as_deref(),
            Some("https://pantry.example.atlassian.net/browse/PAN-2")
        );
        assert_eq!(
            links.url(&item("\"><x", None)).as_deref(),
            Some("https://pantry.example.atlassian.net/browse/%22%3E%3Cx")
        );
    }
}
