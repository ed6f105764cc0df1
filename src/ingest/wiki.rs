//! Placeholder until the wiki converter lands: text kept as it is.
use crate::backlog::MappedText;
pub fn to_plain(markup: &MappedText) -> MappedText {
    markup.clone()
}
