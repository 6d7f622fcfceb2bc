//! The five kinds of content. The folder under `content/` decides the kind.
//! Shared vocabulary: every stage names kinds, so this sits below them all.

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Notice,
    Guide,
    Faq,
    Story,
    Page,
}

impl Kind {
    pub const ALL: [Kind; 5] = [
        Kind::Notice,
        Kind::Guide,
        Kind::Faq,
        Kind::Story,
        Kind::Page,
    ];

    /// The folder under `content/` that holds this kind.
    pub fn section(self) -> &'static str {
        match self {
            Kind::Notice => "notices",
            Kind::Guide => "guides",
            Kind::Faq => "faq",
            Kind::Story => "stories",
            Kind::Page => "pages",
        }
    }

    pub fn from_section(section: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.section() == section)
    }

    /// The name used in templates, CSS classes and the search index.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Notice => "notice",
            Kind::Guide => "guide",
            Kind::Faq => "faq",
            Kind::Story => "story",
            Kind::Page => "page",
        }
    }

    /// The kind's name as staff say it, in messages and forms.
    pub fn label(self) -> &'static str {
        match self {
            Kind::Notice => "通知",
            Kind::Guide => "办事指南",
            Kind::Faq => "常见问题",
            Kind::Story => "警民故事",
            Kind::Page => "其他页面",
        }
    }

    /// Whether `date` is required (and a future date means "scheduled").
    pub fn is_dated(self) -> bool {
        matches!(self, Kind::Notice | Kind::Story)
    }
}
