//! Photos as phones and editors leave them, made in the tests: a JPEG with a GPS position,
//! a serial number, an artist, orientation 6, XMP, IPTC, a comment, a thumbnail and a
//! second picture after its end; a PNG with `eXIf`, XMP in `iTXt`, `tEXt` and `tIME`; a
//! WebP with EXIF and XMP. Shared by the unit tests of `src/photos` and the build tests.
#![allow(dead_code)] // each test binary uses a different part of it

use exif::experimental::Writer;
use exif::{Field, In, Rational, Tag, Value};
use image::{ImageEncoder, RgbImage};
use std::io::Cursor;

/// What the fixtures' metadata says, to look for in published bytes.
pub const SECRETS: [&str; 7] = [
    "HUAWEI",
    "SN-4471-0032",
    "Wang Jianguo",
    "2026:11:02 08:15:00",
    "ns.adobe.com",
    "IPTC-BYLINE",
    "COMMENT-FROM-CAMERA",
];

/// A picture whose rows and columns all differ, so a turn or a flip would show.
pub fn picture(width: u32, height: u32) -> RgbImage {
    RgbImage::from_fn(width, height, |x, y| {
        image::Rgb([(x * 4) as u8, (y * 5) as u8, ((x + y) * 3) as u8])
    })
}

pub fn encode_jpeg(img: &RgbImage, quality: u8) -> Vec<u8> {
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, quality)
        .write_image(
            img,
            img.width(),
            img.height(),
            image::ExtendedColorType::Rgb8,
        )
        .expect("encode JPEG");
    out
}

pub fn encode_png(img: &RgbImage) -> Vec<u8> {
    let mut out = Vec::new();
    image::codecs::png::PngEncoder::new(&mut out)
        .write_image(
            img,
            img.width(),
            img.height(),
            image::ExtendedColorType::Rgb8,
        )
        .expect("encode PNG");
    out
}

fn text(text: &str) -> Value {
    Value::Ascii(vec![text.as_bytes().to_vec()])
}

fn degrees(d: u32, m: u32, s100: u32) -> Value {
    let r = |num, denom| Rational { num, denom };
    Value::Rational(vec![r(d, 1), r(m, 1), r(s100, 100)])
}

/// A phone's EXIF block (TIFF data): make, model, serial number, owner, artist, dates, a
/// GPS position, `orientation`, and a thumbnail in the second directory.
pub fn camera_exif(orientation: u16) -> Vec<u8> {
    let thumbnail = encode_jpeg(&picture(16, 12), 60);
    let primary = [
        (Tag::Make, text("HUAWEI")),
        (Tag::Model, text("ELE-AL00")),
        (Tag::Artist, text("Wang Jianguo")),
        (Tag::DateTime, text("2026:11:02 08:15:00")),
        (Tag::Orientation, Value::Short(vec![orientation])),
        (Tag::DateTimeOriginal, text("2026:11:02 08:15:00")),
        (Tag::BodySerialNumber, text("SN-4471-0032")),
        (Tag::CameraOwnerName, text("Wang Jianguo")),
        (Tag::GPSLatitudeRef, text("N")),
        (Tag::GPSLatitude, degrees(39, 54, 2700)),
        (Tag::GPSLongitudeRef, text("E")),
        (Tag::GPSLongitude, degrees(116, 23, 1750)),
    ];
    let thumbnail_field = Field {
        tag: Tag::Compression,
        ifd_num: In::THUMBNAIL,
        value: Value::Short(vec![6]),
    };
    let fields: Vec<Field> = primary
        .into_iter()
        .map(|(tag, value)| Field {
            tag,
            ifd_num: In::PRIMARY,
            value,
        })
        .chain([thumbnail_field])
        .collect();
    let mut writer = Writer::new();
    for f in &fields {
        writer.push_field(f);
    }
    writer.set_jpeg(&thumbnail, In::THUMBNAIL);
    let mut out = Cursor::new(Vec::new());
    writer.write(&mut out, false).expect("write EXIF");
    out.into_inner()
}

/// An XMP packet with a position and a creator, as a phone's editor writes one.
pub fn xmp() -> String {
    "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"><rdf:Description xmlns:exif=\"http://ns.adobe.com/exif/1.0/\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" exif:GPSLatitude=\"39,54.45N\" exif:GPSLongitude=\"116,23.29E\"><dc:creator>Wang Jianguo</dc:creator></rdf:Description></rdf:RDF></x:xmpmeta>".into()
}

fn jpeg_segment(marker: u8, data: &[u8]) -> Vec<u8> {
    let len = u16::try_from(data.len() + 2).expect("segment size");
    [&[0xFF, marker][..], &len.to_be_bytes(), data].concat()
}

/// `jpeg` with the camera's segments after its start marker and header, and a second
/// picture after its end.
pub fn phone_jpeg(width: u32, height: u32, orientation: u16) -> Vec<u8> {
    with_camera_segments(&encode_jpeg(&picture(width, height), 90), orientation)
}

/// A photo as a phone takes it: `width`×`height` of smooth shapes and a little sensor
/// noise at the quality phones use (some 5 MB at 4000×3000), held sideways (orientation
/// 6), with the camera's metadata.
pub fn phone_photo(width: u32, height: u32) -> Vec<u8> {
    let mut state: u32 = 0x9E37_79B9;
    let img = RgbImage::from_fn(width, height, |x, y| {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        let noise = (state & 15) as f32 - 7.5;
        let (fx, fy) = (x as f32 / 97.0, y as f32 / 61.0);
        let base = 128.0 + 60.0 * fx.sin() * fy.cos() + 30.0 * ((x + 2 * y) as f32 / 23.0).sin();
        let c = |o: f32| (base + o + noise).clamp(0.0, 255.0) as u8;
        image::Rgb([c(0.0), c(20.0), c(-20.0)])
    });
    with_camera_segments(&encode_jpeg(&img, 96), 6)
}

/// `plain` with the camera's segments after its header, and a second picture after its end.
fn with_camera_segments(plain: &[u8], orientation: u16) -> Vec<u8> {
    let exif = [&b"Exif\0\0"[..], &camera_exif(orientation)].concat();
    let xmp = [&b"http://ns.adobe.com/xap/1.0/\0"[..], xmp().as_bytes()].concat();
    let iptc = [
        &b"Photoshop 3.0\08BIM\x04\x04\0\0\0\0\0\x10"[..],
        b"IPTC-BYLINE-----",
    ]
    .concat();
    let inserted = [
        jpeg_segment(0xE1, &exif),
        jpeg_segment(0xE1, &xmp),
        jpeg_segment(0xED, &iptc),
        jpeg_segment(0xFE, b"COMMENT-FROM-CAMERA"),
    ]
    .concat();
    // After the encoder's own JFIF header, as phones place theirs.
    let at = 2 + 2 + usize::from(u16::from_be_bytes([plain[4], plain[5]]));
    let second = encode_jpeg(&picture(8, 8), 50);
    [&plain[..at], &inserted, &plain[at..], &second].concat()
}

fn png_chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
    let mut crc = crc32fast::Hasher::new();
    crc.update(kind);
    crc.update(data);
    let len = u32::try_from(data.len()).expect("chunk size");
    [
        &len.to_be_bytes()[..],
        kind,
        data,
        &crc.finalize().to_be_bytes(),
    ]
    .concat()
}

/// A PNG with EXIF (`eXIf`, orientation as given), XMP in `iTXt`, an author and a time.
pub fn phone_png(width: u32, height: u32, orientation: u16) -> Vec<u8> {
    let plain = encode_png(&picture(width, height));
    let itxt = [&b"XML:com.adobe.xmp\0\0\0\0\0"[..], xmp().as_bytes()].concat();
    let inserted = [
        png_chunk(b"eXIf", &camera_exif(orientation)),
        png_chunk(b"iTXt", &itxt),
        png_chunk(b"tEXt", b"Comment\0COMMENT-FROM-CAMERA"),
        png_chunk(b"tIME", &[0x07, 0xEA, 11, 2, 8, 15, 0]),
    ]
    .concat();
    // After the signature and IHDR (8 + 25 bytes).
    [&plain[..33], &inserted, &plain[33..]].concat()
}

fn riff_chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
    let len = u32::try_from(data.len()).expect("chunk size");
    let pad: &[u8] = if data.len() % 2 == 1 { &[0] } else { &[] };
    [&kind[..], &len.to_le_bytes(), data, pad].concat()
}

/// A lossless WebP in the extended format, with EXIF (orientation as given) and XMP.
pub fn phone_webp(width: u32, height: u32, orientation: u16) -> Vec<u8> {
    let img = picture(width, height);
    let mut simple = Vec::new();
    image::codecs::webp::WebPEncoder::new_lossless(&mut simple)
        .write_image(&img, width, height, image::ExtendedColorType::Rgb8)
        .expect("encode WebP");
    // The encoder writes `RIFF size WEBP VP8L…`: keep its picture chunk.
    let vp8l = &simple[12..];
    let canvas = |n: u32| (n - 1).to_le_bytes()[..3].to_vec();
    let vp8x = [&[0x08 | 0x04, 0, 0, 0][..], &canvas(width), &canvas(height)].concat();
    let chunks = [
        riff_chunk(b"VP8X", &vp8x),
        vp8l.to_vec(),
        riff_chunk(b"EXIF", &camera_exif(orientation)),
        riff_chunk(b"XMP ", xmp().as_bytes()),
    ]
    .concat();
    let size = u32::try_from(chunks.len() + 4).expect("RIFF size");
    [&b"RIFF"[..], &size.to_le_bytes(), b"WEBP", &chunks].concat()
}

/// The decoded pixels, as stored (no turn applied).
pub fn pixels(bytes: &[u8]) -> Vec<u8> {
    image::load_from_memory(bytes)
        .expect("decode")
        .to_rgba8()
        .into_raw()
}

/// Every EXIF field of a JPEG, PNG or WebP, as `(tag, directory, value)`; empty without EXIF.
pub fn exif_fields(bytes: &[u8]) -> Vec<(Tag, In, String)> {
    match exif::Reader::new().read_from_container(&mut Cursor::new(bytes)) {
        Ok(e) => e
            .fields()
            .map(|f| (f.tag, f.ifd_num, f.display_value().to_string()))
            .collect(),
        Err(_) => Vec::new(),
    }
}

/// Whether `needle` appears in `bytes`.
pub fn contains(bytes: &[u8], needle: &str) -> bool {
    bytes.windows(needle.len()).any(|w| w == needle.as_bytes())
}

/// A picture of noise, which JPEG cannot make small: a camera's heavy photo.
pub fn noise_jpeg(width: u32, height: u32) -> Vec<u8> {
    let mut state: u32 = 0x2545_F491;
    let img = RgbImage::from_fn(width, height, |_, _| {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        let [r, g, b, _] = state.to_le_bytes();
        image::Rgb([r, g, b])
    });
    encode_jpeg(&img, 100)
}
