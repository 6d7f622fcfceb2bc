//! The headers stored with each published file: its Content-Type (from the one table
//! `serve` answers with) and a Cache-Control chosen by pattern. Pages, the search index, the
//! sitemap and the feed must be checked again on every visit, or residents see yesterday's
//! notices; the theme's files are linked with `?v=` and their hash, so browsers keep them
//! for a year and fetch them again exactly when they change.

use globset::{Glob, GlobMatcher};

/// The built-in rules, after a target's own: the first pattern that matches wins.
const DEFAULT_RULES: &[(&str, &str)] = &[
    ("*.html", REVALIDATE),
    ("search/**", REVALIDATE),
    ("*.xml", REVALIDATE),
    ("*.css", LONG),
    ("*.js", LONG),
    ("*", "public, max-age=86400"),
];

const REVALIDATE: &str = "no-cache";
const LONG: &str = "public, max-age=31536000";

#[derive(Debug, Clone)]
pub struct CacheRules {
    rules: Vec<(GlobMatcher, String)>,
}

impl CacheRules {
    /// A target's own rules (checked when site.yaml was read), then the built-in ones.
    pub fn new(own: &[(String, String)]) -> CacheRules {
        let own = own.iter().map(|(p, v)| (p.as_str(), v.as_str()));
        let rules = (own.chain(DEFAULT_RULES.iter().copied()))
            .filter_map(|(pattern, value)| {
                // `*` crosses folders unless the pattern says otherwise: `*.jpg` is every
                // picture, wherever it is.
                let glob = Glob::new(pattern).ok()?.compile_matcher();
                Some((glob, value.to_owned()))
            })
            .collect();
        CacheRules { rules }
    }

    pub fn cache_control(&self, path: &str) -> &str {
        (self.rules.iter())
            .find(|(glob, _)| glob.is_match(path))
            .map_or(REVALIDATE, |(_, value)| value.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_and_the_index_revalidate_theme_files_stay() {
        let rules = CacheRules::new(&[("stories/*.jpg".into(), "max-age=60".into())]);
        assert_eq!(rules.cache_control("index.html"), "no-cache");
        assert_eq!(rules.cache_control("notices/a/b.html"), "no-cache");
        assert_eq!(rules.cache_control("search/s/3.js"), "no-cache");
        assert_eq!(rules.cache_control("sitemap.xml"), "no-cache");
        assert_eq!(rules.cache_control("style.css"), LONG);
        assert_eq!(rules.cache_control("site.js"), LONG);
        assert_eq!(rules.cache_control("stories/photo.jpg"), "max-age=60");
        assert_eq!(
            rules.cache_control("guides/form.pdf"),
            "public, max-age=86400"
        );
    }
}
