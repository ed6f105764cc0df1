//! `backlint explain RULE`: the same text as the rule's page in docs/rules.

use crate::cli::ExplainArgs;
use backlint::error::Error;
use backlint::rules::{catalog, did_you_mean, docs};

use super::{load_config, print, EXIT_CLEAN};

pub fn run(args: &ExplainArgs) -> Result<u8, Error> {
    let loaded = load_config(args.config.as_deref())?;
    let rules = catalog::of_config(&loaded)?;
    let Some(rule) = rules.iter().find(|r| r.id == args.rule) else {
        return Err(Error::Usage {
            message: format!("there is no rule `{}`", args.rule),
            help: did_you_mean::help(
                &args.rule,
                rules.iter().map(|r| r.id.as_str()),
                "`backlint rules` lists the rules",
            ),
        });
    };
    print(&docs::text(rule));
    Ok(EXIT_CLEAN)
}
