use serde::Deserialize;

use crate::rules::check::Hit;
use crate::rules::conditions::contains;
use crate::rules::context::Context;

/// `role-not-user`: the story is written for the team or a system, not for someone who
/// uses the product. Roles listed in the configuration's `personas` are always fine; when
/// personas are configured, a role outside them is reported too.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoleNotUser {
    /// Roles that are not users of the product.
    pub roles: Vec<String>,
}

impl RoleNotUser {
    pub fn run(&self, cx: &Context<'_>) -> Vec<Hit> {
        let Some(view) = cx.story() else {
            return Vec::new();
        };
        let Some(range) = view.story.role.clone() else {
            return Vec::new();
        };
        let role = view.text.text()[range.clone()].trim();
        let personas = &cx.settings.personas;
        if contains(personas, role) {
            return Vec::new();
        }
        // Lower case, words separated by single spaces, as the listed roles are compared.
        let normal = role
            .to_lowercase()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        // `normal` has no upper-case ASCII, so for an ASCII role ignoring ASCII case is
        // lower-casing it, without a copy.
        let listed = |r: &String| {
            if r.is_ascii() {
                r.eq_ignore_ascii_case(&normal)
            } else {
                r.to_lowercase() == normal
            }
        };
        let problem = if self.roles.iter().any(listed) {
            format!("\"{role}\" is not someone who uses the product")
        } else if !personas.is_empty() {
            format!(
                "\"{role}\" is not one of the team's personas ({})",
                personas.join(", ")
            )
        } else {
            return Vec::new();
        };
        vec![Hit::on(&view.text, view.text.span_of(range))
            .var("value", role)
            .var("problem", problem)]
    }
}
