//! Runs the selected rules over every item in scope, then the backlog-wide passes, then
//! the suppressions; findings come out in a stable order (file, position, rule).

use std::sync::Arc;

use crate::backlog::{Backlog, Field, Item};
use crate::config::Scope;
use crate::error::Error;
use crate::finding::{Finding, Severity, Words};

use rayon::prelude::*;

use super::ages::{self, AgesFrom};
use super::builtin::Observations;
use super::check::Check;
use super::context::{Context, Settings};
use super::definition::AppliesTo;
use super::hit::Hit;
use super::pool::Pool;
use super::ranks::{RankKey, Ranks};
use super::readiness::{Health, Readiness};
use super::sprints::Sprints;
use super::stages::Stages;
use super::suppression::{Suppressions, Unused};
use super::Rule;
use crate::dates::DayMonth;

/// What a run found, and what it could not look at.
#[derive(Debug, Default)]
pub struct Outcome {
    pub findings: Vec<Finding>,
    /// Items in scope (open, of any type).
    pub items_checked: usize,
    /// Of those, the stories (indices into the backlog's items).
    pub stories: Vec<usize>,
    /// Rules not run on a file because it has no column or field they read.
    pub skipped: Vec<Skipped>,
    /// `[suppress]` entries of the configuration that matched nothing.
    pub unused_config_suppressions: Vec<(String, String)>,
    /// Findings past [`Settings::max_findings_per_item`] of one rule on one item: counted,
    /// never collected (nor matched against suppressions or a baseline).
    pub not_collected: usize,
    /// Per file, the day its items' ages were counted from; `None` where no rule counted
    /// an age.
    pub ages_from: Vec<Option<AgesFrom>>,
    /// The readiness stages of the run.
    pub stages: Stages,
    /// (item, stage) for every checked item in a stage, in item order.
    pub staged: Vec<(usize, usize)>,
    /// The rank order of the ready candidates that have a rank.
    pub candidate_ranks: Ranks,
    /// The backlog's sprints: which closed, and the points done in each.
    pub sprints: Sprints,
}

impl Outcome {
    /// How many of the checked stories are ready, among a backlog of `items` items.
    pub fn health(&self, items: usize) -> Health {
        Health::of(&self.findings, &self.stories, items)
    }

    /// The readiness of the stories in each stage, from the final findings.
    pub fn readiness(&self) -> Readiness {
        Readiness::of(
            &self.findings,
            &self.stages,
            &self.staged,
            &self.stories,
            &self.candidate_ranks,
        )
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Skipped {
    pub rule: String,
    pub file: usize,
    /// The fields the rule reads, none of which the file has.
    pub fields: Vec<Field>,
}

/// What the parallel pass gathers over a run of consecutive items, in item order. Runs
/// are joined in order, so nothing is kept per item: at a million items, a list per item
/// costs more than what it holds.
struct Gathered {
    items_checked: usize,
    /// The checked items that are stories.
    stories: Vec<usize>,
    /// (item, stage) for the checked items in a stage.
    staged: Vec<(usize, usize)>,
    /// (rank, item) for the ready candidates that have a rank.
    candidate_ranks: Vec<(RankKey, usize)>,
    findings: Vec<Finding>,
    not_collected: usize,
    /// Per rule, what a backlog-wide rule kept of the run's items (none yet: `None`).
    observations: Vec<Option<Observations>>,
}

impl Gathered {
    fn new(rules: usize) -> Self {
        Gathered {
            items_checked: 0,
            stories: Vec::new(),
            staged: Vec::new(),
            candidate_ranks: Vec::new(),
            findings: Vec::new(),
            not_collected: 0,
            observations: (0..rules).map(|_| None).collect(),
        }
    }

    /// The runs `parts`, in order, as one, but for their findings, which are returned run
    /// by run for [`joined_exactly`] once the backlog-wide findings are known, and their
    /// observations, returned per rule run by run for `Builtin::finish` to join one rule
    /// at a time. Each list is allocated once at its final size and each run dropped once
    /// moved in: no list is grown by doubling or held twice.
    fn joined(parts: Vec<Gathered>, rules: usize) -> (Self, Vec<Vec<Finding>>, ObservationRuns) {
        let total = |len: &dyn Fn(&Gathered) -> usize| parts.iter().map(len).sum::<usize>();
        let mut whole = Gathered {
            items_checked: 0,
            stories: Vec::with_capacity(total(&|g| g.stories.len())),
            staged: Vec::with_capacity(total(&|g| g.staged.len())),
            candidate_ranks: Vec::with_capacity(total(&|g| g.candidate_ranks.len())),
            findings: Vec::new(),
            not_collected: 0,
            observations: Vec::new(),
        };
        let mut findings = Vec::with_capacity(parts.len());
        let mut observations: ObservationRuns = (0..rules).map(|_| Vec::new()).collect();
        for part in parts {
            whole.items_checked += part.items_checked;
            whole.not_collected += part.not_collected;
            whole.stories.extend(part.stories);
            whole.staged.extend(part.staged);
            whole.candidate_ranks.extend(part.candidate_ranks);
            for (runs, run) in observations.iter_mut().zip(part.observations) {
                runs.extend(run);
            }
            findings.push(part.findings);
        }
        (whole, findings, observations)
    }
}

/// Per rule, the runs of observations of a backlog-wide rule, in item order.
type ObservationRuns = Vec<Vec<Observations>>;

/// The `runs` one after another, in one list allocated at its final size.
fn joined_exactly(runs: Vec<Vec<Finding>>) -> Vec<Finding> {
    let total = runs.iter().map(Vec::len).sum();
    let mut all = Vec::with_capacity(total);
    for run in runs {
        all.extend(run);
    }
    all
}

/// What checking an item needs besides the item.
struct Pass<'a> {
    rules: &'a [Rule],
    ids: &'a [Shared],
    /// (file, rule) pairs to skip (see [`missing_fields`]).
    missing: &'a [(usize, usize)],
    settings: &'a Settings,
    scope: &'a Scope,
    /// Per file, the day ages are counted from.
    ages_from: &'a [Option<AgesFrom>],
    /// Per file, which number of a date like `3/2/2026` is the day.
    date_orders: &'a [DayMonth],
    stages: &'a Stages,
}

/// Runs `rules` over `backlog`. Items are checked in parallel (rules per item are
/// independent); backlog-wide rules judge their observations afterwards, in item order.
pub(crate) fn run(
    backlog: &Backlog,
    rules: &[Rule],
    settings: &Settings,
    scope: &Scope,
    stages: Stages,
    suppressions: &mut Suppressions,
) -> Result<Outcome, Error> {
    let ids: Vec<Shared> = rules.iter().map(Shared::of).collect();
    let missing = missing_fields(backlog, rules);
    let judged: Vec<bool> = (0..backlog.sources.len())
        .map(|file| {
            rules
                .iter()
                .enumerate()
                .any(|(index, rule)| rule.check.judges_ages() && !missing.contains(&(file, index)))
        })
        .collect();
    let date_orders = ages::day_month_per_file(backlog, &judged);
    let ages_from = ages::per_file(backlog, settings.today, &judged, &date_orders);
    let pass = Pass {
        rules,
        ids: &ids,
        missing: &missing,
        settings,
        scope,
        ages_from: &ages_from,
        date_orders: &date_orders,
        stages: &stages,
    };
    // Each item is decoded on the core that checks it, and dropped once checked.
    let parts = (0..backlog.len())
        .into_par_iter()
        .try_fold(
            || Gathered::new(rules.len()),
            |mut gathered, index| {
                guarded(backlog, index, || {
                    let item = backlog.item(index);
                    if scope.is_checked(&item) {
                        pass.check(&item, index, &mut gathered);
                    }
                })?;
                Ok::<_, Error>(gathered)
            },
        )
        .collect::<Result<Vec<Gathered>, Error>>()?;
    let (gathered, finding_runs, observation_runs) = Gathered::joined(parts, rules.len());
    let mut outcome = Outcome {
        items_checked: gathered.items_checked,
        stories: gathered.stories,
        not_collected: gathered.not_collected,
        ages_from,
        staged: gathered.staged,
        candidate_ranks: Ranks::from_ranked(gathered.candidate_ranks, backlog.len()),
        ..Outcome::default()
    };
    // The backlog-wide checks judge their observations side by side, each on its own
    // core where one is free; their findings keep the rules' order.
    let backlog_wide: Vec<Vec<Finding>> = rules
        .par_iter()
        .zip(&ids)
        .zip(observation_runs)
        .map(|((rule, id), observed)| {
            let Check::Builtin(builtin) = &rule.check else {
                return Vec::new();
            };
            let hits = builtin.finish(observed, backlog);
            let to_finding = |(item, hit)| finding(rule, id, item, backlog.key(item), hit);
            hits.into_iter().map(to_finding).collect()
        })
        .collect();
    outcome.findings = joined_exactly(finding_runs.into_iter().chain(backlog_wide).collect());
    judge_by_stage(&stages, &outcome.staged, &mut outcome.findings);
    outcome.stages = stages;
    outcome.skipped = missing
        .iter()
        .map(|&(file, rule_index)| Skipped {
            rule: rules[rule_index].id.clone(),
            file,
            fields: rules[rule_index].check.needs(),
        })
        .collect();
    suppressions.apply(backlog, &mut outcome.findings);
    report_unused(backlog, rules, &ids, suppressions, &mut outcome);
    sort_findings(backlog, &mut outcome.findings);
    Ok(outcome)
}

/// Sorts `findings` by file, start, rule, end and message, keeping the order of equal ones.
/// The order is worked out on indices and then applied in place: a stable sort of the
/// findings themselves would need a second list as large as theirs.
fn sort_findings(backlog: &Backlog, findings: &mut [Finding]) {
    let key = |f: &Finding| (backlog.file_of(f.item), f.span.start);
    let mut order: Vec<usize> = (0..findings.len()).collect();
    order.par_sort_unstable_by(|&a, &b| {
        let (x, y) = (&findings[a], &findings[b]);
        key(x)
            .cmp(&key(y))
            .then_with(|| {
                (&x.rule, x.span.end, x.message()).cmp(&(&y.rule, y.span.end, y.message()))
            })
            .then(a.cmp(&b))
    });
    permute(findings, &mut order);
}

/// Puts `items[order[k]]` at `k` for every `k`, by swaps along each cycle of `order`
/// (which is left as `0, 1, 2, …`).
fn permute<T>(items: &mut [T], order: &mut [usize]) {
    for start in 0..order.len() {
        let mut at = start;
        while order[at] != at {
            let from = order[at];
            order[at] = at;
            if from == start {
                break;
            }
            items.swap(at, from);
            at = from;
        }
    }
}

/// Gives each finding on a staged item the severity of its stage's Definition of Ready
/// (before suppressions, the baseline and the exit code see it).
fn judge_by_stage(stages: &Stages, staged: &[(usize, usize)], findings: &mut [Finding]) {
    for finding in findings {
        if let Ok(at) = staged.binary_search_by_key(&finding.item, |&(item, _)| item) {
            stages.judge(finding, staged[at].1);
        }
    }
}

/// Runs `work` on item `index`; a panic (a bug in backlint) becomes an error that names
/// the file and the item, instead of taking the process down with a worker thread.
fn guarded<T>(backlog: &Backlog, index: usize, work: impl FnOnce() -> T) -> Result<T, Error> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(work)).map_err(|payload| {
        Error::Internal {
            file: backlog.source_of(index).name().to_owned(),
            key: backlog.key(index).to_owned(),
            message: crate::error::panic_message(payload.as_ref()),
        }
    })
}

impl Pass<'_> {
    /// Runs every rule that applies on item `index`, gathering what they report.
    fn check(&self, item: &Item, index: usize, into: &mut Gathered) {
        crate::progress::item_checked();
        let ages_from = self.ages_from[item.source].map(AgesFrom::date);
        let cx = Context::new(
            item,
            self.settings,
            ages_from,
            self.date_orders[item.source],
        );
        let is_story = self.scope.is_story(item, || cx.story().is_some());
        into.items_checked += 1;
        if is_story {
            into.stories.push(index);
        }
        if let Some(stage) = self.stages.of(item, index) {
            into.staged.push((index, stage));
            if Stages::is_candidates(stage) {
                if let Some(rank) = item.get(Field::Rank).and_then(RankKey::of) {
                    into.candidate_ranks.push((rank, index));
                }
            }
        }
        for (rule_index, rule) in self.rules.iter().enumerate() {
            let applies = (is_story || rule.applies_to == AppliesTo::Items)
                && !self.missing.contains(&(item.source, rule_index))
                && rule.when.hold(item);
            if !applies {
                continue;
            }
            let id = &self.ids[rule_index];
            match &rule.check {
                Check::Builtin(builtin) if builtin.is_backlog_wide() => {
                    builtin.observe(&cx, index, &mut into.observations[rule_index]);
                }
                check => {
                    let (hits, more) = check.run_capped(&cx, self.settings.max_findings_per_item);
                    into.not_collected += more;
                    for hit in hits {
                        into.findings.push(finding(rule, id, index, &item.key, hit));
                    }
                }
            }
        }
    }
}

/// (file, rule) pairs where the file has none of the fields the rule reads. A file with no
/// items (an empty export) skips nothing: no rule had anything to run on.
fn missing_fields(backlog: &Backlog, rules: &[Rule]) -> Vec<(usize, usize)> {
    let mut missing = Vec::new();
    let counts = backlog.items_per_file();
    for (file, info) in backlog.files.iter().enumerate() {
        if counts.get(file) == Some(&0) {
            continue;
        }
        for (rule_index, rule) in rules.iter().enumerate() {
            let needs = rule.check.needs();
            let absent = |field: &Field| !info.has(*field);
            if !needs.is_empty() && needs.iter().all(absent) {
                missing.push((file, rule_index));
            }
        }
    }
    missing
}

fn report_unused(
    backlog: &Backlog,
    rules: &[Rule],
    ids: &[Shared],
    suppressions: &Suppressions,
    outcome: &mut Outcome,
) {
    let reporter = rules
        .iter()
        .position(|r| r.check.reports_unused_suppressions());
    for unused in suppressions.unused() {
        match unused {
            Unused::Label { item, span, label } => {
                let Some(rule_index) = reporter else { continue };
                let hit = Hit {
                    span,
                    field: Some(Arc::from(Field::Labels.name())),
                    vars: vec![("value", label)],
                    as_note: false,
                };
                let key = backlog.key(item);
                outcome.findings.push(finding(
                    &rules[rule_index],
                    &ids[rule_index],
                    item,
                    key,
                    hit,
                ));
            }
            Unused::Config { key, rule } => outcome.unused_config_suppressions.push((key, rule)),
        }
    }
}

/// The most characters a value quoted in a message keeps: a 100,000-character summary or
/// key is quoted by its start, not in full in every finding.
pub const MAX_QUOTED: usize = 120;

/// What every finding of a rule shares: its id, its help when the help has no
/// placeholders (most do not), and the words of findings that say the same, so a million
/// findings do not each copy them.
struct Shared {
    id: Arc<str>,
    help: Option<Arc<str>>,
    /// A help with placeholders, as filled so far: the same text is shared, not copied
    /// (vague-language's help names the vague word, one of a few, in every finding).
    filled_helps: Pool<str>,
    /// The words of the rule's findings so far ("no priority" on every item without one).
    words: Pool<Words>,
}

impl Shared {
    fn of(rule: &Rule) -> Self {
        Shared {
            id: Arc::from(rule.id.as_str()),
            help: (!rule.help.contains('{')).then(|| Arc::from(rule.help.as_str())),
            filled_helps: Pool::default(),
            words: Pool::default(),
        }
    }

    /// The rule's help with `vars` filled in.
    fn help(&self, rule: &Rule, vars: &[(&str, &str)]) -> Arc<str> {
        match &self.help {
            Some(help) => Arc::clone(help),
            None => self.filled_helps.share(fill(&rule.help, vars)),
        }
    }
}

fn finding(rule: &Rule, shared: &Shared, item: usize, key: &str, hit: Hit) -> Finding {
    let field = hit.field.as_deref().unwrap_or_default();
    let bounded = |value: &str| -> String {
        match value.char_indices().nth(MAX_QUOTED) {
            Some(_) => crate::rules::kinds::excerpt(value, MAX_QUOTED),
            None => value.to_owned(),
        }
    };
    debug_assert!(
        hit.vars
            .iter()
            .all(|(name, _)| rule.check.variables().contains(name)),
        "{} fills a variable its check does not declare: {:?}",
        rule.id,
        hit.vars
    );
    let owned: Vec<(&str, String)> = [("key", key), ("field", field)]
        .into_iter()
        .chain(hit.vars.iter().map(|(k, v)| (*k, v.as_str())))
        .map(|(k, v)| (k, bounded(v)))
        .collect();
    let vars: Vec<(&str, &str)> = owned.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let words = shared.words.share(Words {
        message: fill(&rule.message, &vars).into_boxed_str(),
        help: Some(shared.help(rule, &vars)),
        field: hit.field,
    });
    let severity = if hit.as_note {
        Severity::Info
    } else {
        rule.severity
    };
    let mut finding = Finding::new(Arc::clone(&shared.id), severity, words, item, hit.span);
    finding.about_backlog = hit.as_note;
    finding
}

/// Replaces `{name}` in a template with its value; unknown names stay as written. The
/// text is allocated at its final size: a million findings each keep one.
pub fn fill(template: &str, vars: &[(&str, &str)]) -> String {
    let mut len = 0;
    each_piece(template, vars, |piece| len += piece.len());
    let mut out = String::with_capacity(len);
    each_piece(template, vars, |piece| out.push_str(piece));
    out
}

/// Calls `each` with the pieces of the filled template, in order.
fn each_piece<'a>(template: &'a str, vars: &[(&str, &'a str)], mut each: impl FnMut(&'a str)) {
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        each(&rest[..open]);
        let after = &rest[open + 1..];
        let replaced = after.find('}').and_then(|close| {
            let name = &after[..close];
            vars.iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| (*v, close))
        });
        match replaced {
            Some((value, close)) => {
                each(value);
                rest = &after[close + 1..];
            }
            None => {
                each("{");
                rest = after;
            }
        }
    }
    each(rest);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::backlog::Span;
    use crate::ingest::{add_source, ReadOptions};
    use crate::source::{Encoding, Source};

    #[test]
    fn a_panic_on_an_item_is_an_error_naming_file_and_item() {
        let mut backlog = Backlog::default();
        let csv = "Summary,Issue key\nAs a user I want X,PAN-7\n".to_owned();
        add_source(
            &mut backlog,
            Source::new("export.csv", csv, Encoding::Utf8),
            &ReadOptions::default(),
        )
        .unwrap();
        let error =
            guarded(&backlog, 0, || -> usize { panic!("index out of bounds") }).unwrap_err();
        assert_eq!(
            error.to_string(),
            "export.csv: backlint failed on PAN-7: index out of bounds"
        );
        assert_eq!(guarded(&backlog, 0, || 5).unwrap(), 5);
    }

    fn builtin_rule(id: &str) -> Rule {
        crate::rules::catalog::builtin_rules()
            .unwrap()
            .into_iter()
            .find(|r| r.id == id)
            .unwrap()
    }

    fn hit_with(vars: Vec<(&'static str, String)>) -> Hit {
        Hit {
            span: Span::default(),
            field: None,
            vars,
            as_note: false,
        }
    }

    #[test]
    fn quoted_values_are_cut_short() {
        // Found with a 100,000-character summary: non-atomic quoted the whole goal in each
        // of its findings, and the human report ran to megabytes.
        let rule = builtin_rule("non-atomic");
        let goal = "export reports and share them ".repeat(4000);
        let hit = hit_with(vec![("value", "and".to_owned()), ("goal", goal)]);
        let finding = finding(&rule, &Shared::of(&rule), 0, &"K-1".repeat(100), hit);
        assert!(
            finding.message().chars().count() < 3 * MAX_QUOTED,
            "{}",
            finding.message()
        );
        assert!(finding
            .message()
            .contains("\"and\" joins two features in \"export reports"));
        assert!(finding.message().contains('…'));
    }

    #[test]
    fn findings_that_say_the_same_share_their_words() {
        let rule = builtin_rule("vague-language");
        let shared = Shared::of(&rule);
        let finding_of = |value: &str| {
            let hit = hit_with(vec![("value", value.to_owned())]);
            finding(&rule, &shared, 0, "K-1", hit)
        };
        let (fast, again, easy) = (finding_of("fast"), finding_of("fast"), finding_of("easy"));
        let help = |f: &Finding| f.help().unwrap_or_default().to_owned();
        assert!(help(&fast).contains("\"fast\""), "{}", help(&fast));
        assert!(std::ptr::eq(fast.message(), again.message()));
        assert!(help(&easy).contains("\"easy\"") && !std::ptr::eq(fast.message(), easy.message()));
    }

    #[test]
    fn a_permutation_is_applied_in_place() {
        let mut items = ['a', 'b', 'c', 'd', 'e'];
        let mut order = [3, 0, 4, 1, 2];
        permute(&mut items, &mut order);
        assert_eq!(items, ['d', 'a', 'e', 'b', 'c']);
        assert_eq!(order, [0, 1, 2, 3, 4]);
    }

    #[test]
    fn templates_fill_known_names_only() {
        let vars = [("key", "PAN-1"), ("value", "fast")];
        assert_eq!(
            fill("{key} says \"{value}\" {other}", &vars),
            "PAN-1 says \"fast\" {other}"
        );
        assert_eq!(fill("{", &vars), "{");
    }
}
