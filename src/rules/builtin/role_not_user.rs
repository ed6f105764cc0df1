use serde::Deserialize;

use crate::rules::hit::Hit;
use crate::rules::context::Context;
use crate::text::story::role::RoleHead;
use super::ItemCheck;

/// `role-not-user`: the story is written for the team or a system, not for someone who
/// uses the product. The role is judged by its head ("developer of the platform" is a
/// developer, "system administrator" an administrator). Roles named in the configuration's
/// `personas` are always fine; when personas are configured, a role outside them is
/// reported too.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoleNotUser {
    /// Heads of roles that are never users: the product itself, its parts, the team's
    /// process roles.
    pub roles: Vec<String>,
    /// Heads of roles that build the product (developer, engineer, tester): users only of
    /// a product built for them, as `developers_are_users` says.
    pub builders: Vec<String>,
    /// The product is built for developers (a library, an API, a data platform): builder
    /// roles are its users.
    #[serde(default)]
    pub developers_are_users: bool,
    /// Words before a builder's head that name what they build on the product ("app
    /// developer", "plugin developer"): such a builder uses the product.
    #[serde(default)]
    pub builds_on: Vec<String>,
    /// Words in the goal that name the product's interface for developers ("the API",
    /// "the SDK"): a builder who asks for them uses the product.
    #[serde(default)]
    pub interfaces: Vec<String>,
    /// Words before a team role's head that say it operates the product for its users
    /// ("support team member"), as an administrator does.
    #[serde(default)]
    pub operators: Vec<String>,
    /// Verbs of using something ("use", "using"): a builder whose benefit has them say
    /// what the role itself will use ("so that I can use …") is one of the product's users.
    #[serde(default)]
    pub uses: Vec<String>,
}

/// How a product made for developers says so, added to the message about a builder role.
const DEVELOPERS_SETTING: &str =
    " (a product made for developers sets developers_are_users = true under [rules.role-not-user])";

impl ItemCheck for RoleNotUser {
    const VARIABLES: &'static [&'static str] = &["problem", "setting", "value"];
    fn run(&self, cx: &Context<'_>) -> Vec<Hit> {
        let Some(view) = cx.story() else {
            return Vec::new();
        };
        let Some(range) = view.story.role.clone() else {
            return Vec::new();
        };
        let role = view.text.text()[range.clone()].trim();
        let head = RoleHead::of(role);
        let personas = cx.personas();
        if personas.iter().any(|persona| head.is(persona)) {
            return Vec::new();
        }
        let named = |names: &[String]| names.iter().any(|name| head.is(name));
        let modified = |words: &[String]| words.iter().any(|word| head.is_modified_by(word));
        let goal = view.text.text().get(view.story.goal.clone());
        // The marker too: in "so I can use it" the subject is part of the marker.
        let benefit = match (&view.story.benefit_marker, &view.story.benefit) {
            (Some(marker), Some(benefit)) => view.text.text().get(marker.start..benefit.end),
            _ => None,
        };
        let builder = || {
            !self.developers_are_users
                && named(&self.builders)
                && !modified(&self.builds_on)
                && !builds_their_own(goal)
                && !names_any(goal, &self.interfaces)
                && !says_they_use(benefit, &self.uses)
        };
        let (problem, setting) = if named(&self.roles) && !modified(&self.operators) {
            (
                format!("\"{role}\" is not someone who uses the product"),
                "",
            )
        } else if builder() {
            (
                format!("\"{role}\" builds the product rather than uses it"),
                DEVELOPERS_SETTING,
            )
        } else if !personas.is_empty() && !head.is_empty() {
            let problem = format!(
                "\"{role}\" is not one of the team's personas ({})",
                personas.join(", ")
            );
            (problem, "")
        } else {
            return Vec::new();
        };
        vec![Hit::on(&view.text, view.text.span_of(range))
            .var("value", role)
            .var("problem", problem)
            .var("setting", setting)]
    }
}

/// Whether the goal holds one of `words` as a word of its own ("the API", "an SDK").
fn names_any(goal: Option<&str>, words: &[String]) -> bool {
    goal.unwrap_or_default()
        .split(|c: char| !c.is_alphanumeric())
        .any(|word| words.iter().any(|w| word.eq_ignore_ascii_case(w)))
}

/// Whether the goal speaks of the role's own work ("publish my app", "test my plugin"): a
/// builder who builds their own thing with the product is one of its users.
fn builds_their_own(goal: Option<&str>) -> bool {
    goal.unwrap_or_default()
        .split(|c: char| !c.is_alphanumeric())
        .any(|word| word.eq_ignore_ascii_case("my"))
}

/// Words that may stand between the subject and its verb in "I can use", "we could then
/// start using", "I'm able to use": modals, auxiliaries (also as the contracted "'m",
/// "'ll", "'d") and aspect verbs.
#[rustfmt::skip]
const BETWEEN_SUBJECT_AND_VERB: &[&str] = &[
    "can", "could", "will", "would", "may", "might", "shall", "should", "must", "then",
    "also", "still", "just", "be", "am", "are", "able", "to", "start", "begin", "continue",
    "keep", "m", "ll", "d",
];

/// Whether the benefit has the role, as "I" or "we", do one of `verbs` ("so that I can
/// use it in my pipeline", "so we can start using the data"): the role states its own
/// use of something, which is what a user does. An adverb in "-ly" may stand between.
fn says_they_use(benefit: Option<&str>, verbs: &[String]) -> bool {
    let words: Vec<&str> = benefit
        .unwrap_or_default()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    words.iter().enumerate().any(|(at, word)| {
        if !(word.eq_ignore_ascii_case("i") || word.eq_ignore_ascii_case("we")) {
            return false;
        }
        words[at + 1..]
            .iter()
            .find(|w| {
                let lower = w.to_ascii_lowercase();
                !(BETWEEN_SUBJECT_AND_VERB.contains(&lower.as_str()) || lower.ends_with("ly"))
            })
            .is_some_and(|verb| verbs.iter().any(|v| verb.eq_ignore_ascii_case(v)))
    })
}
