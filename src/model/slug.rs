//! URL names. A page's slug comes from its front matter, else its file name without a
//! leading `YYYY-MM-DD-`; a non-ASCII name reads as pinyin, word by word (户口迁入 →
//! `hukou-qianru`), so URLs stay readable and safe on every server and file system.

use pinyin::ToPinyin;
use std::sync::{Arc, Mutex};

/// Whether `s` is a slug we accept as written: ASCII letters, digits, `-` and `_`.
pub fn is_valid(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 120
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        && !s.starts_with('-')
}

/// `2026-09-25-guoqing-anbao` → (`Some("2026-09-25")`, `guoqing-anbao`).
pub fn strip_date_prefix(stem: &str) -> (Option<&str>, &str) {
    let b = stem.as_bytes();
    let is_date = b.len() > 11
        && b[..4].iter().all(u8::is_ascii_digit)
        && b[4] == b'-'
        && b[5..7].iter().all(u8::is_ascii_digit)
        && b[7] == b'-'
        && b[8..10].iter().all(u8::is_ascii_digit)
        && b[10] == b'-';
    if is_date {
        (Some(&stem[..10]), &stem[11..])
    } else {
        (None, stem)
    }
}

/// jieba's dictionary, loaded on first use. It takes about 25 MB: a build, which needs it
/// only while reading pages, lets it go with [`release_dictionary`]; `serve` keeps it.
static JIEBA: Mutex<Option<Arc<jieba_rs::Jieba>>> = Mutex::new(None);

fn jieba() -> Arc<jieba_rs::Jieba> {
    // A panic elsewhere cannot leave the dictionary half-made: take it as it is.
    let mut slot = JIEBA
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    slot.get_or_insert_with(|| Arc::new(jieba_rs::Jieba::new()))
        .clone()
}

/// Loads jieba's dictionary now, so that the pages that need it do not wait for it one
/// after the other (a build calls this on a thread of its own while it reads the files).
pub fn load_dictionary() {
    drop(jieba());
}

/// The name a page's slug is made from when its front matter has none: the file name
/// without `.md` and without a leading date (`2026-09-25-户口迁入.md` → `户口迁入`).
pub fn file_slug_name(content_path: &str) -> &str {
    let file_name = file_name(content_path);
    let stem = file_name.strip_suffix(".md").unwrap_or(file_name);
    strip_date_prefix(stem).1
}

/// The last part of a `/`-separated content path: `guides/户口迁入.md` → `户口迁入.md`.
pub fn file_name(content_path: &str) -> &str {
    content_path.rsplit('/').next().unwrap_or_default()
}

/// Whether the page at `content_path` may need jieba's dictionary for its slug: a name
/// in Chinese is read as pinyin word by word.
pub fn name_needs_dictionary(content_path: &str) -> bool {
    !file_slug_name(content_path).is_ascii()
}

/// Frees jieba's dictionary (loaded again if a slug needs it later).
pub fn release_dictionary() {
    let mut slot = JIEBA
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    *slot = None;
}

/// A slug for any text: ASCII words lowercased, Chinese words in pinyin, joined by `-`
/// (户口迁入 → `hukou-qianru`). Segmenting Chinese into words needs jieba's dictionary,
/// which takes a noticeable moment to load: it is loaded only when a slug needs it.
pub fn slugify(text: &str) -> String {
    if text.is_ascii() {
        return join_words([text]);
    }
    join_words(jieba().cut(text, false).into_iter().map(|t| t.word))
}

/// Like [`slugify`] but without word segmentation: each run of Chinese reads as one word
/// (国庆安保 → `guoqinganbao`). For tag pages, made on every build, where loading a
/// dictionary would cost more than the readability gains.
pub fn slugify_unsegmented(text: &str) -> String {
    join_words([text])
}

fn join_words<'a>(segments: impl IntoIterator<Item = &'a str>) -> String {
    let mut words: Vec<String> = Vec::new();
    for segment in segments {
        let mut word = String::new();
        for c in segment.chars() {
            if c.is_ascii_alphanumeric() {
                word.push(c.to_ascii_lowercase());
            } else if let Some(p) = c.to_pinyin() {
                word.push_str(p.plain());
            } else {
                // Spaces, punctuation, symbols: a word boundary.
                if !word.is_empty() {
                    words.push(std::mem::take(&mut word));
                }
            }
        }
        if !word.is_empty() {
            words.push(word);
        }
    }
    let mut slug = String::new();
    for w in words {
        if !slug.is_empty() && slug.len() + w.len() + 1 > MAX_SLUG {
            break;
        }
        if !slug.is_empty() {
            slug.push('-');
        }
        // One long word alone is cut: file names have a limit (255 bytes on most disks).
        // Words are ASCII, so any byte is a character boundary.
        slug.push_str(&w[..w.len().min(MAX_SLUG)]);
    }
    slug
}

/// The longest address name made from a title or file name, in characters.
const MAX_SLUG: usize = 60;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_file_names_read_as_pinyin_words() {
        assert_eq!(slugify("户口迁入"), "hukou-qianru");
        assert_eq!(slugify("身份证丢了怎么办"), "shenfenzheng-diu-le-zenmeban");
        assert_eq!(slugify("2026年国庆安保"), "2026-nian-guoqing-anbao");
        assert_eq!(slugify_unsegmented("国庆安保 App"), "guoqinganbao-app");
    }

    #[test]
    fn ascii_names_are_lowercased_and_joined() {
        assert_eq!(slugify("Hukou Qianru"), "hukou-qianru");
        assert_eq!(slugify("a__b  c!"), "a-b-c");
    }

    #[test]
    fn date_prefixes_are_stripped() {
        assert_eq!(
            strip_date_prefix("2026-09-25-guoqing"),
            (Some("2026-09-25"), "guoqing")
        );
        assert_eq!(strip_date_prefix("guoqing"), (None, "guoqing"));
        assert_eq!(strip_date_prefix("2026-09-25"), (None, "2026-09-25"));
    }

    #[test]
    fn valid_slugs() {
        assert!(is_valid("hukou-qianru"));
        assert!(!is_valid("../etc"));
        assert!(!is_valid("a/b"));
        assert!(!is_valid("户口"));
        assert!(!is_valid(""));
    }
}
