//! Photos as residents get them from `build`, `serve` and `check`: a phone's JPEG, a PNG
//! and a WebP beside a story and a JPEG in `static/`, all carrying a GPS position, a serial
//! number and an owner's name, are published without any of it, upright and with the same
//! pixels, and the sources are untouched. `exiftool` (installed by scripts/test.sh) checks
//! the result independently of the reader used inside bulletin.

use crate::photo_fixtures::*;
use crate::serve_support::{build, Server, Site, NOW};
use std::path::{Path, PathBuf};
use std::process::Command;

/// The published photos: (path in the site, path in the output, original bytes).
struct Photos(Vec<(&'static str, &'static str, Vec<u8>)>);

/// The serve fixture with a story showing three phone photos and a banner in `static/`.
fn photo_site() -> (Site, Photos) {
    let site = Site::fixture("serve-site");
    let photos = Photos(vec![
        (
            "content/stories/xunluo.jpg",
            "stories/xunluo.jpg",
            phone_jpeg(64, 48, 6),
        ),
        (
            "content/stories/jiedai.png",
            "stories/jiedai.png",
            phone_png(64, 48, 6),
        ),
        (
            "content/stories/yejian.webp",
            "stories/yejian.webp",
            phone_webp(64, 48, 6),
        ),
        ("static/banner.jpg", "banner.jpg", phone_jpeg(48, 32, 6)),
    ]);
    std::fs::create_dir_all(site.path("static")).unwrap();
    for (source, _, bytes) in &photos.0 {
        std::fs::write(site.path(source), bytes).unwrap();
    }
    site.save(
        "content/stories/2026-11-10-paizhao.md",
        "---\ntitle: 夜间巡逻\ndate: 2026-11-10\nimage: xunluo.jpg\nimage_alt: 民警在夜间巡逻\n---\n巡逻途中。\n\n![民警接待居民](jiedai.png)\n\n![夜里的警务室](yejian.webp)\n",
    );
    (site, photos)
}

/// [`photo_site`] built into `public` beside it.
fn built_photo_site() -> (Site, Photos, PathBuf) {
    let (site, photos) = photo_site();
    let output = site.root.with_file_name("public");
    let out = build(&site.root, &output);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    (site, photos, output)
}

/// The published copy holds none of the camera's metadata, only orientation 6, and the
/// original's pixels.
fn assert_published(published: &[u8], original: &[u8], what: &str) {
    for secret in SECRETS {
        assert!(!contains(published, secret), "{what} still holds {secret}");
    }
    let fields = exif_fields(published);
    assert_eq!(fields.len(), 1, "{what}: {fields:?}");
    assert_eq!(fields[0].0, exif::Tag::Orientation, "{what}");
    assert_eq!(fields[0].2, "row 0 at right and column 0 at top", "{what}");
    assert_eq!(pixels(published), pixels(original), "{what}: pixels");
}

#[test]
fn built_photos_hold_no_location_or_identity_keep_orientation_pixels_and_sources() {
    let (site, photos, output) = built_photo_site();
    for (source, dest, original) in &photos.0 {
        let published = std::fs::read(output.join(dest)).unwrap();
        assert_published(&published, original, dest);
        assert_eq!(
            &std::fs::read(site.path(source)).unwrap(),
            original,
            "{source} untouched"
        );
    }
}

#[test]
fn chromium_shows_each_published_photo_the_way_up_the_original_shows() {
    let (site, photos, output) = built_photo_site();
    let url = |p: &Path| format!("file://{}", p.display());
    let mut urls = Vec::new();
    for (source, dest, _) in &photos.0 {
        urls.push(url(&site.path(source)));
        urls.push(url(&output.join(dest)));
    }
    let args: Vec<&str> = urls.iter().map(String::as_str).collect();
    let shown = crate::common::run_node_json("photo-sizes.js", &args, &[]);
    let size = |i: usize| (shown[i]["width"].as_u64(), shown[i]["height"].as_u64());
    for (n, (_, dest, _)) in photos.0.iter().enumerate() {
        assert_eq!(size(2 * n + 1), size(2 * n), "{dest}: {shown}");
    }
    // Stored 64 wide and 48 high; orientation 6 shows the JPEG and the PNG standing up
    // (Chromium does not turn a WebP by its EXIF, the original no more than the copy).
    assert_eq!(size(1), (Some(48), Some(64)), "{shown}");
    assert_eq!(size(3), (Some(48), Some(64)), "{shown}");
}

/// `exiftool -j -a -G1` of a file: every tag it finds, as `Group:Name` → value.
fn exiftool(path: &Path) -> serde_json::Map<String, serde_json::Value> {
    let out = Command::new("exiftool")
        .args(["-j", "-a", "-G1", "-u"])
        .arg(path)
        .output()
        .expect("exiftool is installed by scripts/test.sh (Debian: libimage-exiftool-perl)");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("exiftool JSON");
    json[0].as_object().cloned().expect("one file")
}

#[test]
fn exiftool_finds_only_the_orientation_in_what_is_published() {
    let (site, photos, output) = built_photo_site();
    let sensitive = [
        "GPS",
        "Make",
        "Model",
        "Serial",
        "Artist",
        "Owner",
        "Creator",
        "Date",
        "Comment",
        "Thumbnail",
        "XMP",
        "IPTC",
        "Photoshop",
        "MPF",
    ];
    for (source, dest, _) in &photos.0 {
        let found = |tags: &serde_json::Map<String, serde_json::Value>| -> Vec<String> {
            tags.keys()
                .filter(|k| !k.starts_with("System:") && !k.starts_with("ExifTool:"))
                .filter(|k| sensitive.iter().any(|s| k.contains(s)))
                .cloned()
                .collect()
        };
        let before = exiftool(&site.path(source));
        assert!(
            before.contains_key("GPS:GPSLatitude") && before.contains_key("IFD0:Make"),
            "{source}: the fixture carries a position: {before:?}"
        );
        let after = exiftool(&output.join(dest));
        assert_eq!(found(&after), Vec::<String>::new(), "{dest}: {after:?}");
        assert_eq!(after["IFD0:Orientation"], "Rotate 90 CW", "{dest}");
    }
}

#[test]
fn keeping_metadata_publishes_photos_as_they_are_with_a_warning_on_every_build() {
    let (site, photos) = photo_site();
    let yaml = site.read("site.yaml") + "images:\n  keep_metadata: true\n";
    site.save("site.yaml", &yaml);
    let output = site.root.with_file_name("public");
    for _ in 0..2 {
        let out = build(&site.root, &output);
        assert!(out.status.success());
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains("警告：设置了 `keep_metadata: true`：照片原样发布，里面的拍摄地点、手机型号和序列号、拍摄者姓名谁都能看到。"),
            "{stderr}"
        );
    }
    for (_, dest, original) in &photos.0 {
        assert_eq!(
            &std::fs::read(output.join(dest)).unwrap(),
            original,
            "{dest}"
        );
    }
}

#[test]
fn a_photo_that_cannot_be_cleaned_stops_the_build_and_the_old_site_stays() {
    let (site, photos, output) = built_photo_site();
    let before = std::fs::read(output.join("stories/xunluo.jpg")).unwrap();
    // An iPhone's HEIC photo renamed `.jpg`, and a JPEG cut short inside its EXIF.
    site.save(
        "content/stories/iphone.jpg",
        "\0\0\0\x18ftypheic\0\0\0\0mif1heic",
    );
    let cut = &photos.0[0].2[..100];
    std::fs::write(site.path("content/stories/banjie.jpg"), cut).unwrap();
    let story = site.read("content/stories/2026-11-10-paizhao.md");
    site.save(
        "content/stories/2026-11-10-paizhao.md",
        &(story + "\n![手机照片](iphone.jpg)\n\n![拷坏的照片](banjie.jpg)\n"),
    );
    let out = build(&site.root, &output);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("content/stories/iphone.jpg: 错误：这个文件的名字是照片，里面却不是 JPEG、PNG 或 WebP 图片（可能是苹果手机的 HEIC 照片改了名字），没法去掉里面的拍摄地点等信息，所以不能发布。"), "{stderr}");
    assert!(
        stderr.contains("content/stories/banjie.jpg: 错误：这张 JPEG 图片的文件不完整或已损坏"),
        "{stderr}"
    );
    assert!(
        stderr.contains("提示：用手机或电脑把它另存为 JPEG"),
        "{stderr}"
    );
    assert_eq!(
        std::fs::read(output.join("stories/xunluo.jpg")).unwrap(),
        before
    );
    assert!(!output.join("stories/iphone.jpg").exists());
}

#[test]
fn check_names_each_photo_that_carried_a_position() {
    let (site, _) = photo_site();
    std::fs::write(
        site.path("content/stories/qingjie.jpg"),
        encode_jpeg(&picture(64, 48), 80),
    )
    .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_bulletin"))
        .args(["check", "--now", NOW, "--root"])
        .arg(&site.root)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    for file in [
        "content/stories/xunluo.jpg",
        "content/stories/jiedai.png",
        "content/stories/yejian.webp",
        "static/banner.jpg",
    ] {
        let line = format!("{file}: 警告：这张照片带有拍摄地点，发布时已去掉。提示：发布的照片里已经去掉了：拍摄地点、手机或相机的型号和序列号、拍摄者或机主的姓名、拍摄时间");
        assert!(stdout.contains(&line), "{line}\n{stdout}");
    }
    // A clean photo is not named as carrying a position (only, maybe, as unused).
    assert!(
        !stdout.contains("content/stories/qingjie.jpg: 警告：这张照片带有拍摄地点"),
        "{stdout}"
    );
    assert_eq!(out.status.code(), Some(0), "{stdout}");
}

#[test]
fn serve_sends_photos_cleaned_and_again_after_a_new_one_is_saved() {
    let (site, photos) = photo_site();
    let server = Server::ready(&site.root, &[]);
    for (_, dest, original) in &photos.0 {
        let r = server.get(&format!("/{dest}"));
        assert_eq!(r.status, 200, "{dest}");
        assert_published(&r.body, original, dest);
    }
    let replaced = phone_jpeg(32, 24, 6);
    std::fs::write(site.path("content/stories/xunluo.jpg"), &replaced).unwrap();
    // Served as soon as it is saved; a request while it is half written gets no picture.
    server.wait_for("the new photo", |s| {
        let body = s.get("/stories/xunluo.jpg").body;
        image::load_from_memory(&body).is_ok_and(|i| i.to_rgba8().into_raw() == pixels(&replaced))
    });
    assert_published(
        &server.get("/stories/xunluo.jpg").body,
        &replaced,
        "replaced",
    );
}
