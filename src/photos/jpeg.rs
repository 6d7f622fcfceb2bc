//! JPEG: a start marker, segments (each `FF xx` and a length), the compressed picture after
//! each scan header, an end marker. What a segment holds is named by its marker and the
//! text its data starts with; the picture's own segments (frame and scan headers, tables)
//! are copied as they are, and so is the ICC colour profile and Adobe's colour transform,
//! without which colours change. Every other application segment and every comment is
//! left out, and so is anything after the end marker.

use super::{exif, trailer, Found, Metadata, Pieces};
use memchr::memchr;

pub(super) const SIGNATURE: &[u8] = &[0xFF, 0xD8];

const EOI: u8 = 0xD9;
const SOS: u8 = 0xDA;
const APP0: u8 = 0xE0;
const APP1: u8 = 0xE1;
const APP2: u8 = 0xE2;
const APP13: u8 = 0xED;
const APP14: u8 = 0xEE;
const APP15: u8 = 0xEF;
const COM: u8 = 0xFE;

const EXIF: &[u8] = b"Exif\0\0";
const JFIF: &[u8] = b"JFIF\0";
/// A JFIF header without its thumbnail: the name, version, density unit and densities.
const JFIF_LEN: usize = 12;

/// What to do with one segment.
enum Verdict {
    Keep,
    LeaveOut,
    /// Keep it, as these bytes (a JFIF header without its thumbnail).
    Replace(Vec<u8>),
}

/// The pieces of `b` (which starts with [`SIGNATURE`]) as published; None when it is
/// damaged before its picture begins.
pub(super) fn walk<'a>(b: &'a [u8], found: &mut Found) -> Option<Pieces<'a>> {
    let mut pieces = Pieces::default();
    pieces.keep(&b[..2]);
    // Where the orientation goes: after the start marker and a JFIF header there.
    let mut exif_at = 1;
    let mut blocks = exif::Blocks::default();
    let mut pos = 2;
    let mut scanned = false;
    loop {
        let Some(&first) = b.get(pos) else {
            // Cut short inside the picture: decoders show what is there.
            return scanned.then_some(pieces);
        };
        if first != 0xFF {
            // Stray bytes between segments: decoders skip them, and so is this.
            pieces.leave_out();
            pos = memchr(0xFF, &b[pos..]).map_or(b.len(), |i| pos + i);
            continue;
        }
        let marker = *b.get(pos + 1)?;
        match marker {
            // A fill byte before a marker.
            0xFF => {
                pos += 1;
                continue;
            }
            EOI => {
                pieces.keep(&b[pos..pos + 2]);
                trailer(&b[pos + 2..], &mut pieces, found);
                break;
            }
            // Restart markers and TEM stand alone, without a length.
            0x01 | 0xD0..=0xD7 => {
                pieces.keep(&b[pos..pos + 2]);
                pos += 2;
                continue;
            }
            0x00 | 0xD8 => return None,
            _ => {}
        }
        let len = usize::from(u16::from_be_bytes([*b.get(pos + 2)?, *b.get(pos + 3)?]));
        let end = pos + 2 + len;
        if len < 2 || end > b.len() {
            return None;
        }
        let segment = &b[pos..end];
        match judge(marker, &segment[4..], found, &mut blocks) {
            Verdict::Keep => pieces.keep(segment),
            Verdict::LeaveOut => pieces.leave_out(),
            Verdict::Replace(bytes) => {
                pieces.leave_out();
                pieces.insert(pieces.len(), bytes);
            }
        }
        if pos == 2 && marker == APP0 {
            exif_at = pieces.len();
        }
        pos = end;
        if marker == SOS {
            scanned = true;
            let data_end = entropy_end(b, pos);
            pieces.keep(&b[pos..data_end]);
            pos = data_end;
        }
    }
    if let Some(tiff) = blocks.to_add() {
        pieces.insert(exif_at, segment(APP1, &[EXIF, &tiff].concat()));
    }
    Some(pieces)
}

fn judge(marker: u8, data: &[u8], found: &mut Found, blocks: &mut exif::Blocks) -> Verdict {
    match marker {
        APP0 if data.starts_with(JFIF) => {
            let thumbnail = data.len() > JFIF_LEN + 2
                || data
                    .get(JFIF_LEN..JFIF_LEN + 2)
                    .is_some_and(|t| t != [0, 0]);
            if !thumbnail {
                return Verdict::Keep;
            }
            found.insert(Metadata::Thumbnail);
            let header = data.get(..JFIF_LEN).unwrap_or(data);
            Verdict::Replace(segment(APP0, &[header, &[0, 0]].concat()))
        }
        APP2 if data.starts_with(b"ICC_PROFILE\0") => Verdict::Keep,
        APP14 if data.starts_with(b"Adobe") => Verdict::Keep,
        APP1 if data.starts_with(EXIF) => {
            if blocks.keeps(&data[EXIF.len()..], found) {
                Verdict::Keep
            } else {
                Verdict::LeaveOut
            }
        }
        APP1 if data.starts_with(b"http://ns.adobe.com/") => {
            exif::read_xmp(data, found);
            Verdict::LeaveOut
        }
        // Multi-picture index: the other pictures after the end are left out with it.
        APP2 if data.starts_with(b"MPF\0") => {
            found.insert(Metadata::Attached);
            Verdict::LeaveOut
        }
        // Photoshop's block (IPTC captions, keywords, bylines) and comments.
        APP13 | COM => {
            found.insert(Metadata::Text);
            Verdict::LeaveOut
        }
        APP0..=APP15 => {
            found.insert(Metadata::Other);
            Verdict::LeaveOut
        }
        _ => Verdict::Keep,
    }
}

/// A segment with its marker and length.
fn segment(marker: u8, data: &[u8]) -> Vec<u8> {
    let len = u16::try_from(data.len() + 2)
        .unwrap_or(u16::MAX)
        .to_be_bytes();
    [&[0xFF, marker], &len[..], data].concat()
}

/// Where the compressed data after a scan header ends: at the next marker that is not a
/// stuffed `FF 00` or a restart marker, or at the end of the file.
fn entropy_end(b: &[u8], mut pos: usize) -> usize {
    while let Some(i) = memchr(0xFF, &b[pos..]) {
        let at = pos + i;
        match b.get(at + 1) {
            Some(0x00 | 0xD0..=0xD7) => pos = at + 2,
            Some(_) => return at,
            None => return b.len(),
        }
    }
    b.len()
}
