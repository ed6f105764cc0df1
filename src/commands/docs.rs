//! `backlint docs DIR`: writes `DIR/<rule-id>.md` for every built-in rule.

use crate::cli::DocsArgs;
use backlint::error::Error;
use backlint::rules::{catalog, docs};

use super::EXIT_CLEAN;

pub fn run(args: &DocsArgs) -> Result<u8, Error> {
    let write_error = |path: &std::path::Path, e: std::io::Error| Error::Write {
        path: path.display().to_string(),
        reason: e.to_string(),
    };
    std::fs::create_dir_all(&args.dir).map_err(|e| write_error(&args.dir, e))?;
    for rule in catalog::builtin_rules()? {
        let path = args.dir.join(format!("{}.md", rule.id));
        std::fs::write(&path, docs::markdown(&rule)).map_err(|e| write_error(&path, e))?;
    }
    Ok(EXIT_CLEAN)
}
