//! Photos too heavy for a resident's phone: a picture straight from a camera is several
//! megabytes, which a cheap phone on a slow network takes many seconds to load.

use crate::diagnostics::Diagnostic;
use crate::model::Site;

/// Past this, a picture is worth making smaller: 1,200 pixels wide is sharp on any phone
/// and a few hundred kilobytes.
const MAX_IMAGE_BYTES: u64 = 500 * 1024;

const IMAGE_EXTENSIONS: [&str; 6] = ["jpg", "jpeg", "png", "webp", "gif", "bmp"];

pub fn check(site: &Site) -> Vec<Diagnostic> {
    let content = site.assets.iter().map(|a| ("content", a));
    let statics = site.static_files.iter().map(|a| ("static", a));
    content
        .chain(statics)
        .filter(|(_, a)| a.bytes > MAX_IMAGE_BYTES && is_image(&a.dest))
        .map(|(folder, a)| {
            let size = a.bytes as f64 / (1024.0 * 1024.0);
            Diagnostic::warning(format!(
                "这张图片有 {size:.1} MB：居民用手机流量打开这一页要等很久。"
            ))
            .in_file(format!("{folder}/{}", a.dest))
            .with_hint("缩小以后再放进来：宽 1200 像素、500 KB 以内就很清楚（手机相册“编辑 → 调整大小”，或电脑“画图 → 重新调整大小”）。")
        })
        .collect()
}

fn is_image(path: &str) -> bool {
    let ext = path.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
    ext.is_some_and(|e| IMAGE_EXTENSIONS.contains(&e.as_str()))
}
