//! What an EXIF or XMP block holds, and the one EXIF block a published photo may carry:
//! its orientation alone. EXIF is read with kamadak-exif; the orientation-only block is
//! 26 bytes, written here.

use super::{Found, Metadata};
use exif::{Context, In, Tag};
use memchr::memmem;

/// The EXIF blocks of one photo, as they are met.
#[derive(Default)]
pub(super) struct Blocks {
    /// The orientation of the first block that has one, when it turns the picture.
    turn: Option<u16>,
    /// Whether that block is already orientation-only, and kept as it is.
    kept: bool,
}

impl Blocks {
    /// Meet an EXIF block (TIFF data). True when it is kept: an orientation-only block,
    /// as published before (or cleaned by the desk). Any other is read into `found` and
    /// left out.
    pub(super) fn keeps(&mut self, tiff: &[u8], found: &mut Found) -> bool {
        if self.turn.is_none() {
            if let Some(turn) = is_orientation_only(tiff) {
                self.turn = Some(turn);
                self.kept = true;
                return true;
            }
        }
        let turn = read(tiff, found);
        self.turn = self.turn.or(turn);
        false
    }

    /// The orientation-only block to add, when the picture turns and none was kept.
    pub(super) fn to_add(&self) -> Option<Vec<u8>> {
        self.turn.filter(|_| !self.kept).map(orientation_only)
    }

    /// Whether what is published carries an EXIF block.
    pub(super) fn published(&self) -> bool {
        self.turn.is_some()
    }
}

/// Read an EXIF block (TIFF data, after JPEG's `Exif\0\0`), noting what it holds in
/// `found`. Returns the orientation when it turns the picture (2 to 8).
fn read(tiff: &[u8], found: &mut Found) -> Option<u16> {
    let Ok(exif) = exif::Reader::new().read_raw(tiff.to_vec()) else {
        // Unreadable, so unknown: it is left out all the same.
        found.insert(Metadata::Other);
        return None;
    };
    for field in exif.fields() {
        if let Some(kind) = kind_of(field.tag, field.ifd_num) {
            found.insert(kind);
        }
    }
    exif.get_field(Tag::Orientation, In::PRIMARY)
        .and_then(|f| f.value.get_uint(0))
        .and_then(|o| u16::try_from(o).ok())
        .filter(|o| (2..=8).contains(o))
}

/// What a field tells about the picture; None for the orientation (kept) and the links
/// between the blocks.
fn kind_of(tag: Tag, ifd: In) -> Option<Metadata> {
    if ifd == In::THUMBNAIL {
        return Some(Metadata::Thumbnail);
    }
    Some(match tag {
        Tag::Orientation
        | Tag::ExifIFDPointer
        | Tag::GPSInfoIFDPointer
        | Tag::InteropIFDPointer => return None,
        Tag::GPSLatitude | Tag::GPSLongitude | Tag::GPSDestLatitude | Tag::GPSDestLongitude => {
            Metadata::Location
        }
        Tag::Make
        | Tag::Model
        | Tag::BodySerialNumber
        | Tag::LensMake
        | Tag::LensModel
        | Tag::LensSerialNumber
        | Tag::ImageUniqueID
        | Tag::MakerNote => Metadata::Device,
        Tag::Artist | Tag::CameraOwnerName | Tag::Copyright => Metadata::Person,
        Tag::DateTime
        | Tag::DateTimeOriginal
        | Tag::DateTimeDigitized
        | Tag::OffsetTime
        | Tag::OffsetTimeOriginal
        | Tag::OffsetTimeDigitized
        | Tag::GPSDateStamp => Metadata::Time,
        Tag::ImageDescription | Tag::UserComment => Metadata::Text,
        _ if tag.context() == Context::Gps => Metadata::Location,
        _ => Metadata::Other,
    })
}

/// The EXIF block of a published photo: TIFF data (big-endian) whose first and only
/// directory holds one entry, the Orientation (tag 0x0112, one SHORT).
fn orientation_only(orientation: u16) -> Vec<u8> {
    let [hi, lo] = orientation.to_be_bytes();
    vec![
        b'M', b'M', 0, 42, 0, 0, 0, 8, // header: big-endian, first directory at 8
        0, 1, // one entry
        0x01, 0x12, 0, 3, 0, 0, 0, 1, hi, lo, 0, 0, // Orientation, SHORT, 1 value
        0, 0, 0, 0, // no next directory
    ]
}

/// Whether `tiff` is exactly what [`orientation_only`] writes: a photo published before
/// (or cleaned by the desk) is published again as it is.
fn is_orientation_only(tiff: &[u8]) -> Option<u16> {
    (2..=8).find(|&o| tiff == orientation_only(o).as_slice())
}

/// Note what an XMP packet holds. XMP is XML in any layout, so its property names are
/// looked for as text; the packet is left out whatever it holds.
pub(super) fn read_xmp(xmp: &[u8], found: &mut Found) {
    const NAMES: [(&str, Metadata); 14] = [
        ("GPSLatitude", Metadata::Location),
        ("GPSLongitude", Metadata::Location),
        ("tiff:Make", Metadata::Device),
        ("tiff:Model", Metadata::Device),
        ("SerialNumber", Metadata::Device),
        ("dc:creator", Metadata::Person),
        ("tiff:Artist", Metadata::Person),
        ("OwnerName", Metadata::Person),
        ("dc:rights", Metadata::Person),
        ("CreateDate", Metadata::Time),
        ("DateCreated", Metadata::Time),
        ("DateTimeOriginal", Metadata::Time),
        ("dc:description", Metadata::Text),
        ("dc:title", Metadata::Text),
    ];
    found.insert(Metadata::Other);
    for (name, kind) in NAMES {
        if memmem::find(xmp, name.as_bytes()).is_some() {
            found.insert(kind);
        }
    }
}
