//! Pictures as residents will get them. A picture straight from a camera is several
//! megabytes, which a cheap phone on a slow network takes many seconds to load; and a
//! phone's photo carries where it was taken, which a build leaves out: staff are told
//! which photos had a position, so they know what the camera recorded. A photo that
//! cannot be cleaned is an error here as in a build.

use crate::diagnostics::Diagnostic;
use crate::load::walk::AssetFile;
use crate::model::Site;
use crate::photos::{self, Metadata};
use rayon::prelude::*;

/// Past this, a picture is worth making smaller: 1,200 pixels wide is sharp on any phone
/// and a few hundred kilobytes.
const MAX_IMAGE_BYTES: u64 = 500 * 1024;

const IMAGE_EXTENSIONS: [&str; 6] = ["jpg", "jpeg", "png", "webp", "gif", "bmp"];

pub fn check(site: &Site) -> Vec<Diagnostic> {
    let content = site.assets.iter().map(|a| ("content", a));
    let statics = site.static_files.iter().map(|a| ("static", a));
    let pictures: Vec<(&str, &AssetFile)> = content
        .chain(statics)
        .filter(|(_, a)| is_image(&a.dest))
        .collect();
    let keep = site.config.images.keep_metadata;
    pictures
        .par_iter()
        .flat_map_iter(|(folder, a)| picture(&format!("{folder}/{}", a.dest), a, keep))
        .collect()
}

/// What staff should know about one picture: its weight as published, and the position
/// it carried.
fn picture(file: &str, asset: &AssetFile, keep_metadata: bool) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut bytes = asset.bytes;
    if photos::is_photo(&asset.dest) {
        let Ok(original) = std::fs::read(&asset.source) else {
            return out;
        };
        match photos::strip(&original) {
            Ok(stripped) => {
                if !keep_metadata {
                    bytes = stripped.bytes.len() as u64;
                }
                if stripped.found.contains(&Metadata::Location) {
                    out.push(location(file, &stripped.found, keep_metadata));
                }
            }
            Err(_) if keep_metadata => {}
            Err(why) => out.push(photos::unreadable(file, why)),
        }
    }
    if bytes > MAX_IMAGE_BYTES {
        let size = bytes as f64 / (1024.0 * 1024.0);
        out.push(Diagnostic::warning(format!(
            "这张图片有 {size:.1} MB：居民用手机流量打开这一页要等很久。"
        ))
        .in_file(file)
        .with_hint("缩小以后再放进来：宽 1200 像素、500 KB 以内就很清楚（手机相册“编辑 → 调整大小”，或电脑“画图 → 重新调整大小”）。"));
    }
    out
}

fn location(file: &str, found: &photos::Found, keep_metadata: bool) -> Diagnostic {
    if keep_metadata {
        return Diagnostic::warning(
            "这张照片带有拍摄地点，而 `site.yaml` 设置了 `keep_metadata: true`：发布以后谁都能看到是在哪里拍的。",
        )
        .in_file(file)
        .with_hint("删掉 `site.yaml` 里 `images:` 这几行，发布时就会去掉拍摄地点等信息。");
    }
    Diagnostic::warning("这张照片带有拍摄地点，发布时已去掉。")
        .in_file(file)
        .with_hint(format!(
            "发布的照片里已经去掉了：{}；照片的方向和画面不变，`content/` 里的原文件也没有改动。",
            photos::labels(found)
        ))
}

fn is_image(path: &str) -> bool {
    let ext = path.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
    ext.is_some_and(|e| IMAGE_EXTENSIONS.contains(&e.as_str()))
}
