//! One file per data check kind. Each deserializes its options from `[check]` (compiling
//! what needs compiling, so mistakes surface when rules load) and runs on one item.

mod age;
mod allowed;
mod length;
mod number;
mod pattern;
mod required;
mod word_classes;
mod word_regex;
mod words;

pub use age::Age;
pub use allowed::Allowed;
pub use length::Length;
pub(crate) use number::format_number;
pub use number::Number;
pub use pattern::Pattern;
pub use required::Required;
pub use word_classes::{WordClassSpec, WordClasses};
pub use words::{word_list, WordList, Words};

/// Shortens text for a message: at most `max` characters, with an ellipsis.
pub fn excerpt(text: &str, max: usize) -> String {
    let text = text.trim();
    match text.char_indices().nth(max) {
        Some((cut, _)) => format!("{}…", text[..cut].trim_end()),
        None => text.to_owned(),
    }
}
