//! The theme: templates, static files and the theme's words (i18n). The built-in theme is
//! compiled into the binary; a site's `themes/<name>/` overrides single files of it.

use crate::diagnostics::{Diagnostic, Diagnostics};
use std::collections::BTreeMap;
use std::path::Path;

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/theme_files.rs"));
}

#[derive(Debug, Clone)]
pub struct Template {
    /// Name inside templates/ (`guide.html`, `partials/card.html`).
    pub name: String,
    pub source: String,
    /// Where it came from, for error messages.
    pub origin: String,
}

#[derive(Debug, Clone, Default)]
pub struct Theme {
    pub templates: BTreeMap<String, Template>,
    /// Static files, by output path.
    pub static_files: BTreeMap<String, Vec<u8>>,
    /// The words of the site's language.
    pub words: serde_json::Value,
    /// A short hash of each static file as served, by output path: links add it as `?v=`,
    /// so a browser fetches a file again exactly when it changed.
    pub asset_versions: BTreeMap<String, String>,
}

impl Theme {
    /// A word of the theme, or the key itself when a custom theme lacks it.
    pub fn word(&self, key: &str) -> String {
        self.words
            .get(key)
            .and_then(|v| v.as_str())
            .unwrap_or(key)
            .to_owned()
    }
}

/// The settings a theme is read with: its name (`site.yaml`'s `theme`) and the language
/// whose words it takes, and the file that names them, for messages.
pub struct Choice<'a> {
    pub name: &'a str,
    pub language: &'a str,
    pub named_in: &'a str,
}

pub fn load(root: &Path, choice: Choice) -> Result<Theme, Diagnostics> {
    let Choice {
        name,
        language,
        named_in,
    } = choice;
    let mut theme = Theme::default();
    let mut diags = Diagnostics::new();
    let lang_file = format!("i18n/{language}.yaml");
    let mut words = serde_json::Map::new();
    for (path, bytes) in embedded::FILES {
        add_file(
            &mut theme,
            &mut words,
            path,
            bytes,
            &format!("built-in theme: {path}"),
            &lang_file,
            &mut diags,
        );
    }
    let dir = root.join("themes").join(name);
    if dir.is_dir() {
        for (abs, rel) in crate::load::walk::files_under(&dir, &mut diags) {
            match std::fs::read(&abs) {
                Ok(bytes) => {
                    let origin = format!("themes/{name}/{rel}");
                    add_file(
                        &mut theme, &mut words, &rel, &bytes, &origin, &lang_file, &mut diags,
                    );
                }
                Err(e) => {
                    diags.push(Diagnostic::error(format!("无法读取这个文件：{e}")).in_file(&abs))
                }
            }
        }
    } else if name != "default" {
        diags.push(
            Diagnostic::error(format!("没有名叫 `{name}` 的主题：找不到文件夹 themes/{name}/。"))
                .in_file(named_in)
                .with_hint("要用内置主题，就写 `theme: default`；要用自己的主题，就建好这个文件夹，里面放 templates/ 文件夹。"),
        );
    }
    theme.words = serde_json::Value::Object(words);
    theme.asset_versions = asset_versions(root, &theme.static_files);
    if diags.has_errors() {
        Err(diags)
    } else {
        Ok(theme)
    }
}

/// The version of each static file of the theme, from the bytes the site serves: a file of
/// the same name in the site's `static/` replaces the theme's, so its bytes count.
fn asset_versions(root: &Path, files: &BTreeMap<String, Vec<u8>>) -> BTreeMap<String, String> {
    use std::hash::{Hash, Hasher};
    files
        .iter()
        .map(|(path, bytes)| {
            let site_file = std::fs::read(root.join("static").join(path)).ok();
            let mut h = std::collections::hash_map::DefaultHasher::new();
            site_file.as_deref().unwrap_or(bytes).hash(&mut h);
            (path.clone(), format!("{:08x}", h.finish() as u32))
        })
        .collect()
}

fn add_file(
    theme: &mut Theme,
    words: &mut serde_json::Map<String, serde_json::Value>,
    path: &str,
    bytes: &[u8],
    origin: &str,
    lang_file: &str,
    diags: &mut Diagnostics,
) {
    if let Some(name) = path.strip_prefix("templates/") {
        match std::str::from_utf8(bytes) {
            Ok(source) => {
                let t = Template {
                    name: name.to_owned(),
                    source: source.to_owned(),
                    origin: origin.to_owned(),
                };
                theme.templates.insert(name.to_owned(), t);
            }
            Err(_) => diags.push(
                Diagnostic::error("这个模板不是 UTF-8 编码的文本。")
                    .in_file(origin)
                    .with_hint(crate::load::decode::SAVE_AS_UTF8),
            ),
        }
    } else if let Some(rel) = path.strip_prefix("static/") {
        theme.static_files.insert(rel.to_owned(), bytes.to_vec());
    } else if path == lang_file {
        let text = String::from_utf8_lossy(bytes);
        match crate::load::yaml::parse_map(&text, 1, origin, &text) {
            Ok(map) => {
                diags.extend(map.slips);
                // Later files (the site's theme) override single words of earlier ones.
                if let serde_json::Value::Object(m) =
                    crate::load::yaml::yaml_to_json(&serde_yaml::Value::Mapping(map.map))
                {
                    words.extend(m);
                }
            }
            Err(e) => diags.push(e),
        }
    }
}
