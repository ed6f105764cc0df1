//! Any text through the story parser, the story checks, the criteria finder and the
//! similarity normaliser: every range they return is a slice of their input.
#![no_main]

use backlint::text::story::{self, atomic, minimal, StorySource};
use backlint::text::{criteria, similarity};
use backlint_fuzz::assert_slice;
use libfuzzer_sys::fuzz_target;

fn check_story(text: &str, story: &story::Story) {
    for range in story.parts() {
        assert_slice(text, &range);
    }
    let goal = &text[story.goal.clone()];
    for strict in [false, true] {
        for range in atomic::joined_features(goal, strict) {
            assert_slice(goal, &range);
        }
    }
    for (_, range) in minimal::extras(text, story) {
        assert_slice(text, &range);
    }
}

fn judge(text: &str) {
    if let Some((_, range)) = criteria::judge(text, &criteria::Vocabulary::shared()) {
        assert_slice(text, &range);
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    // The first line is the summary, the rest the description.
    let (summary, description) = text.split_once('\n').unwrap_or((text, ""));
    for job_stories in [false, true] {
        let options = story::Options {
            job_stories,
            extra_templates: Vec::new(),
        };
        if let Some(story) = story::parse(summary, &options) {
            check_story(summary, &story);
        }
        match story::find(summary, Some(description), &options) {
            Some((StorySource::Summary, story)) => check_story(summary, &story),
            Some((StorySource::DescriptionFirstLine { offset }, story)) => {
                let rest = &description[offset..];
                let line = &rest[..rest.find('\n').unwrap_or(rest.len())];
                check_story(line, &story);
            }
            None => {}
        }
    }
    for criterion in criteria::in_field(text, &criteria::Vocabulary::shared()) {
        assert_slice(text, &criterion.range);
        judge(criterion.text(text));
    }
    if let Some((_, found)) = criteria::in_description(text, &criteria::Vocabulary::shared()) {
        for criterion in found {
            assert_slice(text, &criterion.range);
            judge(criterion.text(text));
        }
    }
    judge(text);
    atomic::joined_features(text, true);
    similarity::word_hashes(text);
});
