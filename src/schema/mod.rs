//! The shared vocabulary every stage speaks: the kinds of content and the field tables.
//!
//! Each field staff may write (a page's front matter, a section's `_index.md`, an item of a
//! guide's checklist, `site.yaml`) is described once here: its key, where it applies, its
//! type, whether it is required, the words staff see (a Chinese label and note) and an
//! example. Validation rejects keys not in a table, `bulletin new` writes its skeletons from
//! it, a test holds the staff guide to it, and the desk draws its forms from it. Nothing
//! here depends on another module of the crate, so every stage can use it.

mod kind;
mod page;
mod site;

pub use kind::Kind;
pub use page::{MATERIAL_FIELDS, PAGE_FIELDS, SECTION_FIELDS};
pub use site::{
    CONTACT_FIELDS, DEPLOY_FIELDS, FOOTER_FIELDS, IMAGES_FIELDS, MENU_ITEM_FIELDS, SEARCH_FIELDS,
    SITE_FIELDS,
};

/// What a field holds, which decides how it is read and which control a form gives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Type {
    /// One line of text.
    Text,
    /// A paragraph of text.
    LongText,
    /// A date, or a date and time (`2026-09-20`, `2026-09-20 08:30`).
    Date,
    /// `true` or `false`.
    Bool,
    /// A whole number.
    Int,
    /// A list of short texts (tags, steps).
    TextList,
    /// A list of content paths of other pages (`related`).
    PageList,
    /// A list of old addresses (`aliases`).
    PathList,
    /// A file beside the page (an image).
    File,
    /// The guide's checklist: a list of texts or of [`MATERIAL_FIELDS`] maps.
    Materials,
    /// A nested group of settings (`contact`, `footer`, `extra`).
    Map,
    /// A list of nested groups (`menu`).
    MapList,
    /// A list of groups of words (`search: synonyms:`).
    WordGroups,
}

/// Which kinds of page a field applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kinds {
    All,
    Only(&'static [Kind]),
}

impl Kinds {
    pub fn contains(self, kind: Kind) -> bool {
        match self {
            Kinds::All => true,
            Kinds::Only(kinds) => kinds.contains(&kind),
        }
    }
}

/// Whether a field must be written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Required {
    No,
    Yes,
    /// Required on dated kinds (notices and stories), optional elsewhere.
    WhenDated,
}

/// One field, as staff meet it.
#[derive(Debug, Clone, Copy)]
pub struct Field {
    pub key: &'static str,
    pub kinds: Kinds,
    pub ty: Type,
    pub required: Required,
    /// A few Chinese words naming it: a form's label.
    pub label: &'static str,
    /// One short sentence saying what it does: a form's help text and the comment beside
    /// the field in a new page.
    pub note: &'static str,
    /// A value as staff would write it, shown in hints (`写成 key: example 这样`).
    pub example: &'static str,
    /// What a new page starts with ("" for nothing).
    pub start: &'static str,
    /// Which new pages show it.
    pub in_new: InNew,
}

/// Which kinds' new pages show a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InNew {
    /// Every kind the field applies to.
    All,
    /// Notices and stories only (`date`: the others have none).
    Dated,
    /// Guides, FAQs and pages only (`weight`: dated pages are ordered by date).
    Undated,
}

impl Field {
    /// Whether `kind` may use this field.
    pub fn applies_to(&self, kind: Kind) -> bool {
        self.kinds.contains(kind)
    }

    /// Whether a new page of `kind` shows it.
    pub fn in_new_page(&self, kind: Kind) -> bool {
        self.applies_to(kind)
            && match self.in_new {
                InNew::All => true,
                InNew::Dated => kind.is_dated(),
                InNew::Undated => !kind.is_dated(),
            }
    }

    pub fn is_required(&self, kind: Kind) -> bool {
        match self.required {
            Required::No => false,
            Required::Yes => true,
            Required::WhenDated => kind.is_dated(),
        }
    }
}

/// A field staff may leave out, shown in new pages: the usual row of the tables.
const fn field(
    key: &'static str,
    kinds: Kinds,
    ty: Type,
    label: &'static str,
    note: &'static str,
    example: &'static str,
) -> Field {
    Field {
        key,
        kinds,
        ty,
        required: Required::No,
        label,
        note,
        example,
        start: "",
        in_new: InNew::All,
    }
}

/// The field of `table` named `key`.
pub fn find(table: &'static [Field], key: &str) -> Option<&'static Field> {
    table.iter().find(|f| f.key == key)
}

/// The example of a field of `table`, for hints; empty if the table lacks the key.
pub fn example(table: &'static [Field], key: &str) -> &'static str {
    find(table, key).map_or("", |f| f.example)
}

/// The keys a page of `kind` may use, in table order.
pub fn page_keys(kind: Kind) -> Vec<&'static str> {
    (PAGE_FIELDS.iter())
        .filter(|f| f.applies_to(kind))
        .map(|f| f.key)
        .collect()
}

/// The keys of a table, in order.
pub fn keys(table: &'static [Field]) -> Vec<&'static str> {
    table.iter().map(|f| f.key).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every table but the sections', which the staff guide names in a paragraph.
    const TABLES: [&[Field]; 9] = [
        PAGE_FIELDS,
        MATERIAL_FIELDS,
        SITE_FIELDS,
        CONTACT_FIELDS,
        FOOTER_FIELDS,
        IMAGES_FIELDS,
        SEARCH_FIELDS,
        MENU_ITEM_FIELDS,
        DEPLOY_FIELDS,
    ];

    #[test]
    fn every_key_is_described_once_with_words_and_an_example() {
        for table in TABLES.into_iter().chain([SECTION_FIELDS]) {
            let mut seen = std::collections::HashSet::new();
            for f in table {
                assert!(seen.insert(f.key), "{} twice", f.key);
                assert!(!f.label.is_empty() && !f.note.is_empty(), "{}", f.key);
                assert!(!f.example.is_empty(), "{} has no example", f.key);
            }
        }
    }

    /// The staff guide is written by hand, but no field may be missing from it: each has a
    /// row in one of its tables (section fields are named in its paragraph on `_index.md`).
    #[test]
    fn the_staff_guide_describes_every_field() {
        let guide = include_str!("../../docs/staff-guide.md");
        for table in TABLES {
            for f in table {
                let row = format!("\n| `{}` |", f.key);
                assert!(
                    guide.contains(&row),
                    "docs/staff-guide.md has no row for `{}`",
                    f.key
                );
            }
        }
        let index = (guide.lines())
            .find(|l| l.contains("栏目介绍文件 `_index.md`"))
            .unwrap_or_default();
        for f in SECTION_FIELDS {
            let key = format!("`{}`", f.key);
            assert!(
                index.contains(&key),
                "the guide's `_index.md` paragraph lacks {key}"
            );
        }
    }

    #[test]
    fn kinds_decide_the_keys() {
        assert!(page_keys(Kind::Notice).contains(&"expires"));
        assert!(!page_keys(Kind::Faq).contains(&"expires"));
        assert!(page_keys(Kind::Guide).contains(&"materials"));
        let weight = find(PAGE_FIELDS, "weight").unwrap();
        assert!(weight.applies_to(Kind::Notice) && !weight.in_new_page(Kind::Notice));
        assert!(find(PAGE_FIELDS, "date").unwrap().is_required(Kind::Story));
        assert!(!find(PAGE_FIELDS, "date").unwrap().in_new_page(Kind::Faq));
        assert!(!find(PAGE_FIELDS, "date").unwrap().is_required(Kind::Guide));
    }
}
