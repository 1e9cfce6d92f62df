//! Free pages such as "about" and "methodology": `content/pages/<id>.<lang>.md`.

use serde::Serialize;

use super::markdown_file::Meta;
use crate::yaml::model::{Field, Kind};
use crate::yaml::MapReader;

/// The fields of a page's front matter (besides `slug` and `draft`).
pub const FIELDS: &[Field] = &[
    Field::required("title", Kind::Line, "The page's title in this language."),
    Field::optional(
        "summary",
        Kind::Paragraph,
        "A sentence shown under the title and in listings.",
    ),
    Field::optional(
        "weight",
        Kind::Integer,
        "Its place in the menu: lower first; pages without one come last.",
    ),
    super::translation::TRANSLATION,
    super::translation::TRANSLATED_FROM,
];

/// The front matter of a free page.
#[derive(Debug, Clone, Serialize)]
pub struct PageMeta {
    /// Title in this language.
    pub title: String,
    /// A sentence shown under the title and in listings.
    pub summary: Option<String>,
    /// Order in the site's menu (lower first); pages without one come last.
    pub weight: Option<i64>,
    /// Who translated this text, when it says.
    pub translation: Option<super::translation::Translation>,
    /// The source this translation was made from, as recorded.
    #[serde(skip)]
    pub translated_from: Option<super::translation::TranslatedFrom>,
}

impl Meta for PageMeta {
    const FIELDS: &'static [Field] = FIELDS;

    fn read(map: &mut MapReader<'_, '_>) -> Option<Self> {
        let title = map.required::<String>("title");
        let summary = map.optional::<String>("summary");
        let weight = map.optional::<i64>("weight");
        let (translation, translated_from) = super::translation::read(map);
        Some(PageMeta {
            title: title?,
            summary,
            weight,
            translation,
            translated_from,
        })
    }

    fn title(&self) -> &str {
        &self.title
    }

    fn summary(&self) -> Option<&str> {
        self.summary.as_deref()
    }
}

impl super::translation::Translated for PageMeta {
    fn translated_from(&self) -> Option<&super::translation::TranslatedFrom> {
        self.translated_from.as_ref()
    }
}
