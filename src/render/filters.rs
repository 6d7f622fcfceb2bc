//! Filters bulletin gives Tera in place of its own, with the same output.

use tera::{Kwargs, State, TeraResult};
use unicode_segmentation::UnicodeSegmentation;

/// Tera's `truncate`: the first `length` user-perceived characters (graphemes), then `end`
/// ("…" unless given), or the whole text when it is not longer. Tera splits the whole text
/// into graphemes on every call, a tenth of the templates' time on a list-heavy site; this
/// stops at `length`, and in Chinese text finds the cut without splitting at all.
pub fn truncate(val: &str, kwargs: Kwargs, _: &State) -> TeraResult<String> {
    let length = kwargs.must_get::<usize>("length")?;
    let end = kwargs.get::<&str>("end")?.unwrap_or("…");
    Ok(match cut(val, length) {
        Some(at) => format!("{}{end}", &val[..at]),
        None => val.to_owned(),
    })
}

/// `phrases`: a text of a page's settings (a guide's steps, its checklist) as HTML, with
/// its phone numbers linked and its counts kept with their measure words
/// ([`super::phrases`]). Escaped here: write `{{ s | phrases | safe }}`.
pub fn phrases(val: &str, _: Kwargs, _: &State) -> TeraResult<String> {
    Ok(super::phrases::to_html(val))
}

/// `qr`: a page's public address as an SVG QR code (empty when it cannot be made), for
/// print ([`super::qr`]). Write `{{ canonical | qr | safe }}`.
pub fn qr(val: &str, _: Kwargs, _: &State) -> TeraResult<String> {
    Ok(super::qr::svg(val).unwrap_or_default())
}

/// Where the grapheme after the first `length` ones starts, if there is one.
fn cut(val: &str, length: usize) -> Option<usize> {
    // While every character so far stands alone (one character, one grapheme), the
    // length-th grapheme starts at the length-th character.
    let mut alone = true;
    for (n, (i, c)) in val.char_indices().enumerate() {
        alone &= stands_alone(c);
        if n == length {
            return if alone {
                Some(i)
            } else {
                val.grapheme_indices(true).nth(length).map(|(i, _)| i)
            };
        }
    }
    // No more characters than `length`, so no more graphemes either.
    None
}

/// Characters that always form a grapheme of their own, whatever is around them: printable
/// ASCII, CJK punctuation, the CJK ideographs and the full-width ASCII forms. (Combining
/// marks, joiners, Hangul jamo, half-width kana marks and the like are all outside.)
fn stands_alone(c: char) -> bool {
    matches!(c, ' '..='~' | '\u{3000}'..='\u{3029}' | '\u{3030}'..='\u{303F}' | '\u{4E00}'..='\u{9FFF}' | '\u{FF01}'..='\u{FF5E}')
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Tera's own algorithm, as the reference.
    fn reference(val: &str, length: usize) -> Option<usize> {
        let g: Vec<(usize, &str)> = val.grapheme_indices(true).collect();
        (length < g.len()).then(|| g[length].0)
    }

    #[test]
    fn cuts_where_tera_cuts() {
        let texts = [
            "",
            "户口迁入",
            "户口迁入需要带户口本、身份证原件。",
            "日本語hello",
            "😀test",
            "e\u{301}te\u{301}",
            "한국어 텍스트",
            "ｶﾞｷﾞ半角",
            "户口\u{3099}迁入",
            "国\u{302A}庆安保",
            "🇨🇳🇨🇳中国",
            "👨\u{200D}👩\u{200D}👧家庭",
            "a\r\nb\r\n",
            "【通知】“国庆”期间（10月1日—7日）",
            "ＡＢＣ１２３，。",
        ];
        for text in texts {
            for length in 0..=text.chars().count() + 1 {
                assert_eq!(
                    cut(text, length),
                    reference(text, length),
                    "{text:?} at {length}"
                );
            }
        }
    }

    #[test]
    fn the_filter_appends_end_only_when_it_cut() {
        let ctx = tera::Context::new();
        let state = State::new(&ctx);
        let kwargs = |length: usize| Kwargs::from([("length", length.into())]);
        assert_eq!(truncate("户口迁入", kwargs(2), &state).unwrap(), "户口…");
        assert_eq!(truncate("户口迁入", kwargs(4), &state).unwrap(), "户口迁入");
        let with_end = Kwargs::from([("length", 1.into()), ("end", "...".into())]);
        assert_eq!(truncate("户口", with_end, &state).unwrap(), "户...");
    }
}
