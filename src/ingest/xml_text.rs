//! XML character data as [`MappedText`]: entities (`&lt;`, `&#233;`) and CDATA sections
//! undone, every character mapped to where it stands in the file. The XML parser gives
//! the unescaped text but not where each character came from; this reads the raw bytes of
//! an element's content again.

use crate::backlog::{MappedText, Span};

/// The text of the raw character data `raw`, found at `start` in the file.
pub fn text(raw: &str, start: usize) -> MappedText {
    let mut out = MappedText::new();
    let mut at = 0;
    while at < raw.len() {
        let rest = &raw[at..];
        let next = rest.find(['&', '<']).unwrap_or(rest.len());
        out.push_copied(&rest[..next], start + at);
        at += next;
        let rest = &raw[at..];
        if let Some(cdata) = rest.strip_prefix("<![CDATA[") {
            let len = cdata.find("]]>").unwrap_or(cdata.len());
            out.push_copied(&cdata[..len], start + at + 9);
            at += 9 + len + 3.min(cdata.len() - len);
        } else if rest.starts_with('&') {
            let end = rest.find(';').filter(|&end| end <= 12);
            match end.and_then(|end| entity(&rest[1..end]).map(|c| (end, c))) {
                Some((end, c)) => {
                    let mut buffer = [0; 4];
                    let span = Span::new(start + at, start + at + end + 1);
                    out.push_replacing(c.encode_utf8(&mut buffer), span);
                    at += end + 1;
                }
                None => {
                    out.push_copied("&", start + at);
                    at += 1;
                }
            }
        } else if rest.starts_with('<') {
            // Markup inside the content (a comment): skipped.
            at += rest.find('>').map_or(rest.len(), |end| end + 1);
        }
    }
    if out.is_empty() {
        return MappedText::empty_at(start);
    }
    out
}

/// The character of an entity's name (`lt`, `#233`, `#xE9`).
pub fn entity(name: &str) -> Option<char> {
    let named = match name {
        "lt" => '<',
        "gt" => '>',
        "amp" => '&',
        "quot" => '"',
        "apos" => '\'',
        _ => {
            let number = name.strip_prefix('#')?;
            let code = match number.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => number.parse().ok()?,
            };
            return char::from_u32(code);
        }
    };
    Some(named)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entities_and_cdata_map_back() {
        let raw = "a &lt;b&gt; caf&#233; <![CDATA[<x> & y]]> &bogus; end";
        let text = text(raw, 10);
        assert_eq!(text.as_str(), "a <b> café <x> & y &bogus; end");
        let at = text.as_str().find('é').unwrap();
        let entity = 10 + raw.find("&#233;").unwrap();
        assert_eq!(text.source_span(at..at + 2), Span::new(entity, entity + 6));
        let at = text.as_str().find("<x>").unwrap();
        assert_eq!(text.source_offset(at), 10 + raw.find("<x>").unwrap());
    }
}
