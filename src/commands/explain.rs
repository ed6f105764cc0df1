//! `backlint explain RULE`: the same text as the rule's page in docs/rules.

use crate::cli::ExplainArgs;
use crate::error::Error;
use crate::rules::docs;

use super::{catalog, load_config, print, EXIT_CLEAN};

pub fn run(args: &ExplainArgs) -> Result<u8, Error> {
    let loaded = load_config(args.config.as_deref())?;
    let rules = catalog(&loaded)?;
    let Some(rule) = rules.iter().find(|r| r.id == args.rule) else {
        let close: Vec<&str> = rules
            .iter()
            .map(|r| r.id.as_str())
            .filter(|id| {
                id.contains(&args.rule)
                    || args.rule.split('-').any(|w| w.len() > 3 && id.contains(w))
            })
            .collect();
        return Err(Error::Usage {
            message: format!("there is no rule `{}`", args.rule),
            help: if close.is_empty() {
                "`backlint rules` lists the rules".into()
            } else {
                format!("did you mean {}?", close.join(", "))
            },
        });
    };
    print(&docs::text(rule));
    Ok(EXIT_CLEAN)
}
