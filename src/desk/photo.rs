//! A phone photo uploaded in the desk, made fit for a phone on a weak signal: turned the
//! way the phone held it, scaled to at most [`MAX_SIDE`] pixels on its long side and saved
//! as a JPEG of good quality. A new encoding carries none of the original's metadata (the
//! place it was taken, the phone's serial number).

use image::{DynamicImage, ImageDecoder, ImageReader, Limits};
use std::io::Cursor;

/// The long side of a published photo, in pixels: sharp on any phone, a few hundred KB.
pub const MAX_SIDE: u32 = 1600;

/// JPEG quality: photos of people and places show no artefacts, and a 1600 px photo stays
/// well under 400 KB.
const QUALITY: u8 = 80;

/// The largest upload the desk takes.
pub const MAX_UPLOAD: usize = 20 * 1024 * 1024;

/// Why a photo was not taken, in staff's words.
pub type Refused = String;

/// The photo as a JPEG for the site.
pub fn prepare(bytes: &[u8]) -> Result<Vec<u8>, Refused> {
    let not_a_photo = |e: &dyn std::fmt::Display| {
        format!("这个文件不是能用的照片（{e}）：请上传手机拍的 JPG、PNG 或 WebP 照片。")
    };
    let mut reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| not_a_photo(&e))?;
    let mut limits = Limits::default();
    // A picture this size is no photo but an attempt to exhaust the memory.
    limits.max_image_width = Some(20_000);
    limits.max_image_height = Some(20_000);
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(|e| not_a_photo(&e))?;
    let orientation = decoder.orientation().map_err(|e| not_a_photo(&e))?;
    let mut photo = DynamicImage::from_decoder(decoder).map_err(|e| not_a_photo(&e))?;
    photo.apply_orientation(orientation);
    if photo.width().max(photo.height()) > MAX_SIDE {
        photo = photo.resize(MAX_SIDE, MAX_SIDE, image::imageops::FilterType::Lanczos3);
    }
    let mut out = Vec::new();
    let encoder = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, QUALITY);
    DynamicImage::ImageRgb8(photo.to_rgb8())
        .write_with_encoder(encoder)
        .map_err(|e| format!("照片无法保存：{e}"))?;
    Ok(out)
}
