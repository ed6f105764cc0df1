//! STUB until the story parser lands.
pub mod atomic;
pub mod minimal;
use std::ops::Range;
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Shape {
    Connextra,
    InOrderTo,
    JobStory,
}
#[derive(Debug, Clone, PartialEq)]
pub struct Story {
    pub shape: Shape,
    pub role: Option<Range<usize>>,
    pub situation: Option<Range<usize>>,
    pub want: Range<usize>,
    pub goal: Range<usize>,
    pub benefit_marker: Option<Range<usize>>,
    pub benefit: Option<Range<usize>>,
}
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub job_stories: bool,
    pub extra_templates: Vec<regex::Regex>,
}
pub enum StorySource {
    Summary,
    DescriptionFirstLine { offset: usize },
}
pub fn parse(_text: &str, _options: &Options) -> Option<Story> {
    None
}
pub fn find(
    _summary: &str,
    _description: Option<&str>,
    _options: &Options,
) -> Option<(StorySource, Story)> {
    None
}
