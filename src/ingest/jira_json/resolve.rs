//! What a JSON field id stands for: the logical field it fills (by the configured names,
//! Jira's system ids, or its name in the response's `names`), the name it is shown under,
//! and whether it is kept at all. Worked out once per id and file, not per issue.

use std::collections::HashMap;
use std::sync::Arc;

use crate::backlog::Field;
use crate::ingest::ReadOptions;

/// What one field id stands for.
#[derive(Debug, Clone)]
pub struct Resolved {
    /// The logical field it fills and its rank among that field's names.
    pub lookup: Option<(Field, usize)>,
    /// Its name in `names`, if the response has one.
    pub display: Option<Arc<str>>,
    /// The name its entries are shown under: the display name, else the id.
    pub name: Arc<str>,
    /// Whether it is read at all: it fills a field, or it is kept under its own name.
    pub read: bool,
}

/// The ids of one file, resolved, each numbered in the order it was first met.
#[derive(Debug)]
pub struct Resolver {
    options: ReadOptions,
    names: Vec<(String, String)>,
    /// Looked up for every property of every issue: hashed with foldhash, not SipHash
    /// (ids are a few bytes and only ever looked up), seeded at random per run, since the
    /// ids come from the file and a fixed seed would let a crafted file force collisions.
    numbers: HashMap<Box<str>, u32, foldhash::fast::RandomState>,
    resolved: Vec<Resolved>,
}

impl Resolver {
    /// A resolver for a file read with `options` whose `names` map is `names`.
    pub fn new(options: &ReadOptions, names: Vec<(String, String)>) -> Self {
        Resolver {
            options: options.clone(),
            names,
            numbers: HashMap::default(),
            resolved: Vec::new(),
        }
    }

    /// The number of `id`, resolving it the first time.
    pub fn learn(&mut self, id: &str) -> u32 {
        if let Some(&number) = self.numbers.get(id) {
            return number;
        }
        let number = u32::try_from(self.resolved.len()).unwrap_or(u32::MAX);
        let resolved = self.work_out(id);
        self.resolved.push(resolved);
        self.numbers.insert(id.into(), number);
        number
    }

    /// What the id numbered `number` by [`learn`](Self::learn) stands for.
    pub fn get(&self, number: u32) -> Option<&Resolved> {
        self.resolved.get(number as usize)
    }

    fn work_out(&self, id: &str) -> Resolved {
        let fields = &self.options.fields;
        let display = self
            .names
            .iter()
            .find(|(i, _)| i == id)
            .map(|(_, n)| n.as_str());
        let lookup = fields
            .lookup(id)
            .or_else(|| system_field(id).map(|f| (f, 0)))
            .or_else(|| display.and_then(|d| fields.lookup(d)));
        let kept = |n: &str| self.options.keeps_unmapped(n);
        Resolved {
            lookup,
            display: display.map(Arc::from),
            name: Arc::from(display.unwrap_or(id)),
            read: lookup.is_some() || kept(id) || display.is_some_and(kept),
        }
    }
}

/// Jira's own field ids, the same on every site.
fn system_field(id: &str) -> Option<Field> {
    Some(match id {
        "summary" => Field::Summary,
        "description" => Field::Description,
        "issuetype" => Field::IssueType,
        "status" => Field::Status,
        "priority" => Field::Priority,
        "labels" => Field::Labels,
        "assignee" => Field::Assignee,
        "created" => Field::Created,
        "updated" => Field::Updated,
        "parent" => Field::Parent,
        // Links of every type; the "Blocks" ones give blockers and blocked items.
        "issuelinks" => Field::BlockedBy,
        _ => return None,
    })
}
