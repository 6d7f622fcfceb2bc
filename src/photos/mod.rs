//! Photos published without where, when or by whom they were taken. A phone's picture
//! carries EXIF and XMP (GPS position, the phone's make, model and serial number, the
//! owner's name, dates, a thumbnail of the uncropped original), IPTC captions, comments and
//! sometimes a second picture or a video after the end of the image. On a police station's
//! site that could show where an officer, a victim or a witness stood, so every JPEG, PNG
//! and WebP is published without any of it.
//!
//! Stripping is lossless: whole segments (JPEG) or chunks (PNG, WebP) are left out and the
//! pixels' bytes are copied untouched. The orientation is kept as a minimal EXIF block that
//! holds only the Orientation tag, so a portrait phone photo still shows upright. A photo
//! with nothing to remove costs one pass over its markers and is returned as it was, without
//! a copy.
//!
//! The containers are walked here rather than with img-parts: img-parts keeps everything
//! after a JPEG's first scan as one block (the later scans, the end marker and whatever
//! follows it, such as a phone's second picture with its own EXIF), so it cannot drop a
//! trailer, and it copies a photo to inspect it. EXIF itself is read with kamadak-exif.

mod exif;
mod jpeg;
mod png;
mod webp;

use crate::diagnostics::Diagnostic;
use std::borrow::Cow;
use std::collections::BTreeSet;
use std::path::Path;

/// What a photo carried that is not published, from the most to the least sensitive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Metadata {
    /// A GPS position.
    Location,
    /// The camera's or phone's make, model or serial number.
    Device,
    /// The name of whoever took the picture or owns the camera.
    Person,
    /// When the picture was taken or changed.
    Time,
    /// A small copy of the picture, which keeps the unrotated, uncropped original.
    Thumbnail,
    /// Captions, comments, keywords (IPTC, text chunks, JPEG comments).
    Text,
    /// Another picture or a video stored after the image (a phone's "motion photo").
    Attached,
    /// Anything else: camera settings, editing history, vendors' blocks.
    Other,
}

impl Metadata {
    /// How staff are told what was removed.
    pub fn label(self) -> &'static str {
        match self {
            Metadata::Location => "拍摄地点",
            Metadata::Device => "手机或相机的型号和序列号",
            Metadata::Person => "拍摄者或机主的姓名",
            Metadata::Time => "拍摄时间",
            Metadata::Thumbnail => "缩略图（可能是没裁剪、没转正的原图）",
            Metadata::Text => "文字说明和备注",
            Metadata::Attached => "附带的另一张图片或视频",
            Metadata::Other => "其他拍摄信息",
        }
    }
}

/// The kinds of metadata a photo carried (none when it was clean).
pub type Found = BTreeSet<Metadata>;

/// The labels of `found`, joined for a sentence: `拍摄地点、拍摄时间`.
pub fn labels(found: &Found) -> String {
    let labels: Vec<&str> = found.iter().map(|m| m.label()).collect();
    labels.join("、")
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Jpeg,
    Png,
    WebP,
}

impl Format {
    fn name(self) -> &'static str {
        match self {
            Format::Jpeg => "JPEG",
            Format::Png => "PNG",
            Format::WebP => "WebP",
        }
    }
}

/// A photo as it is published.
#[derive(Debug)]
pub struct Stripped<'a> {
    /// The photo without its metadata; borrowed when there was nothing to remove.
    pub bytes: Cow<'a, [u8]>,
    /// What was removed.
    pub found: Found,
    pub format: Format,
}

/// Why a photo could not be cleaned: it is then not published.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unreadable {
    /// Not a JPEG, PNG or WebP at all (an iPhone's HEIC photo renamed `.jpg`, say).
    NotAPhoto,
    /// Cut short or damaged where its metadata would be.
    Damaged(Format),
}

/// Remove every piece of location and identity metadata from a JPEG, PNG or WebP, keeping
/// its orientation and its pixels' bytes; say what was removed. This is the one way photos
/// are cleaned: the build's copy ([`crate::write::Staging::copy`]) and `serve` call it, and
/// the staff desk's photo upload is to call it on the uploaded bytes before saving them,
/// so a photo put in through the desk is cleaned by the same code as one copied by hand.
pub fn strip(bytes: &[u8]) -> Result<Stripped<'_>, Unreadable> {
    let mut found = Found::new();
    let (format, pieces) = if bytes.starts_with(jpeg::SIGNATURE) {
        (Format::Jpeg, jpeg::walk(bytes, &mut found))
    } else if bytes.starts_with(png::SIGNATURE) {
        (Format::Png, png::walk(bytes, &mut found))
    } else if webp::is_webp(bytes) {
        (Format::WebP, webp::walk(bytes, &mut found))
    } else {
        return Err(Unreadable::NotAPhoto);
    };
    let pieces = pieces.ok_or(Unreadable::Damaged(format))?;
    Ok(Stripped {
        bytes: pieces.join(bytes),
        found,
        format,
    })
}

/// Whether a file is published through [`strip`] (unless the site keeps metadata), by its
/// name: `.jpg`, `.jpeg`, `.png`, `.webp` in any case.
pub fn is_photo(name: &str) -> bool {
    let Some((_, ext)) = name.rsplit_once('.') else {
        return false;
    };
    ["jpg", "jpeg", "jpe", "jfif", "png", "webp"]
        .iter()
        .any(|e| ext.eq_ignore_ascii_case(e))
}

/// The error for a photo that could not be cleaned, at `file` (as staff see its path).
pub fn unreadable(file: impl AsRef<Path>, why: Unreadable) -> Diagnostic {
    let d = match why {
        Unreadable::NotAPhoto => Diagnostic::error(
            "这个文件的名字是照片，里面却不是 JPEG、PNG 或 WebP 图片（可能是苹果手机的 HEIC 照片改了名字），没法去掉里面的拍摄地点等信息，所以不能发布。",
        )
        .with_hint("用手机或电脑把它另存为 JPEG（“导出为 JPG”），再放进来。"),
        Unreadable::Damaged(format) => Diagnostic::error(format!(
            "这张 {} 图片的文件不完整或已损坏，没法去掉里面的拍摄地点等信息，所以不能发布。",
            format.name()
        ))
        .with_hint("从手机或相机里重新拷贝一次，或者用“画图”等软件打开后另存一份，再放进来。"),
    };
    d.in_file(file.as_ref())
}

/// The pieces of a photo as published, in order: slices of the original, or bytes made
/// anew (a rewritten header, the minimal EXIF block). `changed` is false while the pieces
/// are the whole original.
#[derive(Default)]
struct Pieces<'a> {
    parts: Vec<Cow<'a, [u8]>>,
    changed: bool,
}

impl<'a> Pieces<'a> {
    fn keep(&mut self, bytes: &'a [u8]) {
        self.parts.push(Cow::Borrowed(bytes));
    }

    fn leave_out(&mut self) {
        self.changed = true;
    }

    /// Add new bytes at `at` (a count of pieces so far).
    fn insert(&mut self, at: usize, bytes: Vec<u8>) {
        self.changed = true;
        self.parts.insert(at, Cow::Owned(bytes));
    }

    fn len(&self) -> usize {
        self.parts.len()
    }

    fn join(self, original: &'a [u8]) -> Cow<'a, [u8]> {
        if !self.changed {
            return Cow::Borrowed(original);
        }
        Cow::Owned(self.parts.concat())
    }
}

/// After the end of an image: nothing, zero padding (some cameras add it), or something
/// else, which is never published.
fn trailer(rest: &[u8], pieces: &mut Pieces, found: &mut Found) {
    if rest.is_empty() {
        return;
    }
    pieces.leave_out();
    if rest.iter().any(|&b| b != 0) {
        found.insert(Metadata::Attached);
    }
}

/// The photos phones leave, shared with the integration tests (and `serve`'s).
#[cfg(test)]
#[path = "../../tests/integration/photo_fixtures.rs"]
pub(crate) mod fixtures;
#[cfg(test)]
mod tests;
