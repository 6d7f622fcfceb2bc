//! WebP: a RIFF file (`RIFF`, its size, `WEBP`), then chunks (four-letter name, size,
//! data, padded to an even length). The picture's chunks (`VP8 `, `VP8L`, `VP8X`,
//! `ALPH`, `ANIM`, `ANMF`, `ICCP`) are copied as they are; `EXIF`, `XMP ` and every other
//! chunk are left out, and so is anything after the RIFF size. The extended header's
//! flags say which of EXIF and XMP follow, so they are set again to what is published.

use super::{exif, trailer, Found, Metadata, Pieces};

const PICTURE: [&[u8; 4]; 7] = [
    b"VP8 ", b"VP8L", b"VP8X", b"ALPH", b"ANIM", b"ANMF", b"ICCP",
];
/// The flags in the first byte of `VP8X`'s data.
const EXIF_FLAG: u8 = 0x08;
const XMP_FLAG: u8 = 0x04;

pub(super) fn is_webp(b: &[u8]) -> bool {
    b.len() >= 12 && &b[..4] == b"RIFF" && &b[8..12] == b"WEBP"
}

/// The pieces of `b` (which [`is_webp`]) as published; None when a chunk is cut short.
pub(super) fn walk<'a>(b: &'a [u8], found: &mut Found) -> Option<Pieces<'a>> {
    let size = u32::from_le_bytes([b[4], b[5], b[6], b[7]]);
    let riff_end = usize::try_from(size).ok()?.checked_add(8)?.min(b.len());
    let mut pieces = Pieces::default();
    let mut blocks = exif::Blocks::default();
    // Where the extended header is among the pieces, and its flags as found.
    let mut header: Option<(usize, u8)> = None;
    let mut pos = 12;
    while pos < riff_end {
        let head = b.get(pos..pos + 8)?;
        let kind: [u8; 4] = [head[0], head[1], head[2], head[3]];
        let len = usize::try_from(u32::from_le_bytes([head[4], head[5], head[6], head[7]])).ok()?;
        let data_end = pos.checked_add(8)?.checked_add(len)?;
        let data = b.get(pos + 8..data_end)?;
        // The pad byte of an odd size may be missing at the very end.
        let end = (data_end + len % 2).min(riff_end);
        let chunk = &b[pos..end];
        pos = end;
        if PICTURE.contains(&&kind) {
            if &kind == b"VP8X" {
                header = Some((pieces.len(), *data.first()?));
            }
            pieces.keep(chunk);
            continue;
        }
        if &kind == b"EXIF" && blocks.keeps(tiff_of(data), found) {
            pieces.keep(chunk);
            continue;
        }
        pieces.leave_out();
        match &kind {
            b"EXIF" => {}
            b"XMP " => exif::read_xmp(data, found),
            _ => {
                found.insert(Metadata::Other);
            }
        }
    }
    trailer(&b[riff_end..], &mut pieces, found);
    // A simple WebP (no extended header) cannot carry EXIF: its orientation is lost with it.
    let Some((at, flags)) = header else {
        return Some(finish(pieces));
    };
    if let Some(tiff) = blocks.to_add() {
        pieces.insert(pieces.len(), chunk(b"EXIF", &tiff));
    }
    let exif = if blocks.published() { EXIF_FLAG } else { 0 };
    let new_flags = (flags & !(EXIF_FLAG | XMP_FLAG)) | exif;
    if new_flags != flags {
        let mut vp8x = pieces.parts[at].to_vec();
        vp8x[8] = new_flags;
        pieces.parts[at] = vp8x.into();
        pieces.changed = true;
    }
    Some(finish(pieces))
}

/// The RIFF header, with the size of what is published, in front of the chunks.
fn finish(mut pieces: Pieces) -> Pieces {
    if pieces.changed {
        let size: usize = pieces.parts.iter().map(|p| p.len()).sum::<usize>() + 4;
        let size = u32::try_from(size).unwrap_or(u32::MAX).to_le_bytes();
        pieces.insert(0, [&b"RIFF"[..], &size, b"WEBP"].concat());
    }
    pieces
}

/// EXIF in WebP is TIFF data, though some writers put JPEG's `Exif\0\0` in front.
fn tiff_of(data: &[u8]) -> &[u8] {
    data.strip_prefix(b"Exif\0\0").unwrap_or(data)
}

/// A chunk with its size and pad byte.
fn chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
    let len = u32::try_from(data.len()).unwrap_or(u32::MAX).to_le_bytes();
    let pad: &[u8] = if data.len() % 2 == 1 { &[0] } else { &[] };
    [&kind[..], &len, data, pad].concat()
}
