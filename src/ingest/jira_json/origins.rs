//! Which JSON fields filled each logical field, for `backlint fields` and for skipping the
//! rules whose fields a response lacks: noted while the file is read, issue by issue,
//! from the values the fields give (a field that is always empty fills nothing).

use crate::backlog::{Field, FieldOrigin};

use super::outline::{unquoted, Issue, Prop};
use super::resolve::Resolver;
use super::values::{gives, values_at};

/// The origins noted so far, one entry per logical field in [`Field::ALL`] order.
#[derive(Debug)]
pub struct Origins {
    pub list: Vec<FieldOrigin>,
    /// By a JSON field's number: whether every origin it can give is noted, so that later
    /// issues need not look at it again (once noted, an origin stays noted).
    settled: Vec<bool>,
}

impl Origins {
    pub fn new() -> Self {
        Origins {
            list: FieldOrigin::none_found(),
            settled: Vec::new(),
        }
    }

    /// Notes what `issue`, whose `fields` properties are `props` (their ids numbered
    /// `numbers` in `ids`), fills. A field whose origins are all noted already is not read
    /// again.
    pub fn note_issue(
        &mut self,
        text: &str,
        issue: &Issue,
        props: &[Prop],
        numbers: &[u32],
        ids: &Resolver,
    ) {
        if issue.key.is_some() {
            self.note(Field::Key, "key", None);
        }
        for (prop, &number) in props.iter().zip(numbers) {
            let at = number as usize;
            if self.settled.get(at) == Some(&true) {
                continue;
            }
            let read = ids.get(number).and_then(|resolved| {
                let (mapped, _) = resolved.lookup.filter(|_| resolved.read)?;
                Some((resolved, mapped))
            });
            let Some((resolved, mapped)) = read else {
                self.settle(at);
                continue;
            };
            let id = unquoted(text, prop.name);
            let display = resolved.display.as_deref();
            let open = Field::ALL
                .into_iter()
                .filter(|&field| gives(mapped, field))
                .any(|field| !self.noted(field, &id));
            if !open {
                self.settle(at);
                continue;
            }
            for (field, _) in values_at(text, prop.value, Some(mapped)) {
                if let Some(field) = field {
                    self.note(field, &id, display);
                }
            }
        }
    }

    /// Notes that the JSON field numbered `at` gives no origin not noted yet.
    fn settle(&mut self, at: usize) {
        if self.settled.len() <= at {
            self.settled.resize(at + 1, false);
        }
        self.settled[at] = true;
    }

    /// Whether `field` is noted as read from JSON field `id`.
    fn noted(&self, field: Field, id: &str) -> bool {
        let Some(entry) = self.list.iter().find(|o| o.field == field) else {
            return true;
        };
        let nested = nested_path(field, id);
        entry.names.iter().any(|name| {
            let path = name.split(' ').next().unwrap_or_default();
            match &nested {
                Some(nested) => path == nested,
                None => path.strip_prefix("fields.") == Some(id),
            }
        })
    }

    /// Records that `field` was read from JSON field `id` (`key` for the issue key).
    /// Fields read from inside another field's object say so.
    fn note(&mut self, field: Field, id: &str, display: Option<&str>) {
        if self.noted(field, id) {
            return;
        }
        let Some(entry) = self.list.iter_mut().find(|o| o.field == field) else {
            return;
        };
        entry.names.push(match (nested_path(field, id), display) {
            (Some(nested), _) => nested,
            (None, Some(name)) if name != id => format!("fields.{id} ({name})"),
            (None, _) => format!("fields.{id}"),
        });
    }
}

/// The path of a field read from inside another's object (or the issue's `key`).
fn nested_path(field: Field, id: &str) -> Option<String> {
    match (field, id) {
        (Field::Key, _) => Some("key".to_owned()),
        (Field::StatusCategory, "status") => Some("fields.status.statusCategory".to_owned()),
        (Field::ParentSummary, "parent") => Some("fields.parent.fields.summary".to_owned()),
        (Field::SprintState, _) => Some(format!("fields.{id}[].state")),
        _ => None,
    }
}
