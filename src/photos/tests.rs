use super::*;
use ::exif::{In, Tag};

use super::fixtures::*;

/// The published copy holds none of the camera's metadata, keeps orientation 6 as its only
/// EXIF field, decodes to the same pixels, and cleaning it again changes nothing.
fn assert_cleaned(original: &[u8], format: Format) {
    let s = strip(original).expect("strip");
    assert_eq!(s.format, format);
    let published = s.bytes.as_ref();
    assert!(published.len() < original.len());
    for secret in SECRETS.iter().chain(&["GPS", "8BIM", "Wang"]) {
        assert!(
            !contains(published, secret),
            "{format:?} still holds {secret}"
        );
    }
    let fields = exif_fields(published);
    assert_eq!(fields.len(), 1, "{fields:?}");
    assert_eq!((fields[0].0, fields[0].1), (Tag::Orientation, In::PRIMARY));
    assert_eq!(fields[0].2, "row 0 at right and column 0 at top");
    assert_eq!(pixels(published), pixels(original), "{format:?} pixels");
    for kind in [
        Metadata::Location,
        Metadata::Device,
        Metadata::Person,
        Metadata::Time,
    ] {
        assert!(
            s.found.contains(&kind),
            "{format:?}: {kind:?} in {:?}",
            s.found
        );
    }
    let again = strip(published).expect("strip again");
    assert!(matches!(again.bytes, Cow::Borrowed(_)), "{format:?}");
    assert!(again.found.is_empty(), "{:?}", again.found);
}

#[test]
fn a_phone_jpeg_loses_everything_but_its_orientation_and_pixels() {
    let original = phone_jpeg(40, 30, 6);
    let tags: Vec<Tag> = exif_fields(&original).iter().map(|f| f.0).collect();
    assert!(tags.contains(&Tag::GPSLatitude) && tags.contains(&Tag::BodySerialNumber));
    assert_cleaned(&original, Format::Jpeg);
    let s = strip(&original).unwrap();
    assert!(s.found.contains(&Metadata::Thumbnail));
    assert!(s.found.contains(&Metadata::Attached), "the second picture");
    assert!(s.found.contains(&Metadata::Text), "IPTC and the comment");
}

#[test]
fn a_png_with_exif_and_itxt_loses_them() {
    assert_cleaned(&phone_png(40, 30, 6), Format::Png);
}

#[test]
fn a_webp_with_exif_loses_it_and_its_flags_say_so() {
    let original = phone_webp(40, 30, 6);
    assert_cleaned(&original, Format::WebP);
    let published = strip(&original).unwrap().bytes.into_owned();
    assert_eq!(published[12..16], *b"VP8X");
    assert_eq!(published[20], 0x08, "EXIF flag set, XMP flag cleared");
    let size = u32::from_le_bytes(published[4..8].try_into().unwrap()) as usize;
    assert_eq!(
        size + 8,
        published.len(),
        "the RIFF size is what is published"
    );
}

#[test]
fn a_photo_without_metadata_is_returned_as_it_was() {
    let img = picture(40, 30);
    for (bytes, format) in [
        (encode_jpeg(&img, 80), Format::Jpeg),
        (encode_png(&img), Format::Png),
    ] {
        let s = strip(&bytes).unwrap();
        assert_eq!(s.format, format);
        assert!(matches!(s.bytes, Cow::Borrowed(_)), "{format:?}: no copy");
        assert!(s.found.is_empty());
    }
}

#[test]
fn an_upright_photo_gets_no_exif_at_all() {
    let upright = phone_jpeg(40, 30, 1);
    let s = strip(&upright).unwrap();
    assert!(exif_fields(&s.bytes).is_empty());
    assert!(!contains(&s.bytes, "Exif"));
}

#[test]
fn files_that_are_not_photos_or_are_cut_short_are_refused() {
    let heic = b"\0\0\0\x18ftypheic\0\0\0\0mif1heic";
    assert_eq!(strip(heic).unwrap_err(), Unreadable::NotAPhoto);
    let jpeg = phone_jpeg(40, 30, 6);
    // Cut inside the EXIF segment, before any picture data.
    assert_eq!(
        strip(&jpeg[..100]).unwrap_err(),
        Unreadable::Damaged(Format::Jpeg)
    );
    let png = phone_png(40, 30, 6);
    assert_eq!(
        strip(&png[..60]).unwrap_err(),
        Unreadable::Damaged(Format::Png)
    );
    let webp = phone_webp(40, 30, 6);
    assert_eq!(
        strip(&webp[..40]).unwrap_err(),
        Unreadable::Damaged(Format::WebP)
    );
}

#[test]
fn a_jpeg_cut_short_inside_its_picture_is_published_as_far_as_it_goes() {
    let jpeg = phone_jpeg(40, 30, 6);
    // Inside the first picture, before the second one after it.
    let second = encode_jpeg(&picture(8, 8), 50).len();
    let cut = &jpeg[..jpeg.len() - second - 100];
    let s = strip(cut).unwrap();
    assert!(!contains(&s.bytes, "HUAWEI"));
    assert!(s.bytes.ends_with(&cut[cut.len() - 50..]));
}

#[test]
fn photos_are_known_by_their_names_in_any_case() {
    assert!(is_photo("stories/IMG_0001.JPG") && is_photo("a.webp") && is_photo("b.Png"));
    assert!(is_photo("c.jpeg") && is_photo("d.JFIF"));
    assert!(!is_photo("guide.pdf") && !is_photo("jpg") && !is_photo("logo.svg"));
}
