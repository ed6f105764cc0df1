//! Where an issue's page is: from `[report] issue_url` in backlint.toml, else from the
//! issue's REST address in a JSON export (`self`: `https://site/rest/api/2/issue/10002` →
//! `https://site/browse/KEY`). A CSV export says nothing about its site, so without the
//! setting its keys are not links.
//!
//! `self` is text in the export like any other: it is followed only when every issue's is
//! `https://`, without user info (`https://jira@evil.example/…`), and on one host. A
//! backlog that mixes hosts, or uses plain http, needs `[report] issue_url`.

use crate::backlog::{Backlog, Item};
use crate::report::percent;
use crate::web_address::{authority, web_url};

/// How keys become links.
#[derive(Debug, Clone, Copy, Default)]
pub struct IssueLinks<'a> {
    /// `https://…/browse/{key}`, already checked to be a web address.
    pub template: Option<&'a str>,
    /// Whether, without a template, keys link to the site of their `self` address (see
    /// [`IssueLinks::for_items`]).
    from_rest: bool,
}

impl<'a> IssueLinks<'a> {
    /// Links from `[report] issue_url` when it is set.
    pub fn configured(template: Option<&'a str>) -> Self {
        IssueLinks {
            template,
            from_rest: false,
        }
    }

    /// These links for a page of `items`: without a template, `self` addresses are
    /// followed only when every item's is https, without user info, on one host.
    pub(crate) fn for_items<'i>(self, items: impl IntoIterator<Item = &'i Item>) -> Self {
        if self.template.is_some() {
            return self;
        }
        let mut host = None;
        let mut one_safe_host = true;
        for item in items {
            let Some(address) = item.by_name("self").next() else {
                continue;
            };
            let safe = address
                .as_str()
                .starts_with("https://")
                .then(|| authority(address.as_str()))
                .flatten();
            match (safe, &host) {
                (Some(found), None) => host = Some(found),
                (Some(found), Some(first)) if &found == first => {}
                _ => one_safe_host = false,
            }
        }
        IssueLinks {
            template: None,
            from_rest: one_safe_host && host.is_some(),
        }
    }
    /// The address of the page of `item`, an item of `backlog`, if it can be known: items
    /// of story lists are no issues and have none.
    pub(crate) fn url_in(&self, backlog: &Backlog, item: &Item) -> Option<String> {
        let is_issue = backlog
            .files
            .get(item.source)
            .is_some_and(|f| f.kind.issues);
        self.url(item).filter(|_| is_issue)
    }

    /// The address of `item`'s page, if it can be known, whatever file it comes from.
    /// (`url_in` leaves out items of story lists, which are no issues.)
    pub fn url(&self, item: &Item) -> Option<String> {
        let key = percent::encode(&item.key);
        match self.template {
            Some(template) => web_url(template).map(|t| t.replace("{key}", &key)),
            None if self.from_rest => from_rest_address(item, &key),
            None => None,
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
            blanks: Vec::new(),
        }
    }

    #[test]
    fn json_issues_link_to_their_site() {
        let json = item(
            "PAN-2",
            Some("https://pantry.example.atlassian.net/rest/api/2/issue/10002"),
        );
        let links = IssueLinks::default().for_items([&json]);
        assert_eq!(
            links.url(&json).as_deref(),
            Some("https://pantry.example.atlassian.net/browse/PAN-2")
        );
        let server = item("LED-1", Some("https://example.com/jira/rest/api/2/issue/1"));
        let links = IssueLinks::default().for_items([&server]);
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
    fn self_addresses_on_other_hosts_with_user_info_or_http_link_nowhere() {
        let home = item("PAN-1", Some("https://pantry.example/rest/api/2/issue/1"));
        for attack in [
            "https://evil.example/rest/api/2/issue/2",
            "https://pantry.example@evil.example/rest/api/2/issue/2",
            "http://pantry.example/rest/api/2/issue/2",
        ] {
            let other = item("PAN-2", Some(attack));
            let links = IssueLinks::default().for_items([&home, &other]);
            assert_eq!(links.url(&home), None, "{attack}");
            assert_eq!(links.url(&other), None, "{attack}");
        }
    }

    #[test]
    fn the_template_wins_and_keys_are_encoded() {
        let links =
            IssueLinks::configured(Some("https://pantry.example.atlassian.net/browse/{key}"));
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
