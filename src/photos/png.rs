//! PNG: a signature, then chunks (length, four-letter type, data, checksum) up to `IEND`.
//! The chunks that make the picture (header, palette, data, transparency, colour and
//! gamma, pixel size, animation frames) are copied as they are; EXIF (`eXIf`), text
//! (`tEXt`, `zTXt`, `iTXt`, where XMP lives), the time (`tIME`) and every other chunk are
//! left out, and so is anything after `IEND`.

use super::{exif, trailer, Found, Metadata, Pieces};

pub(super) const SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";

/// The chunks a picture is drawn from.
const PICTURE: [&[u8; 4]; 19] = [
    b"IHDR", b"PLTE", b"IDAT", b"IEND", b"tRNS", b"cHRM", b"gAMA", b"iCCP", b"sBIT", b"sRGB",
    b"cICP", b"mDCV", b"cLLI", b"bKGD", b"hIST", b"pHYs", b"acTL", b"fcTL", b"fdAT",
];

/// The pieces of `b` (which starts with [`SIGNATURE`]) as published; None when a chunk
/// is cut short.
pub(super) fn walk<'a>(b: &'a [u8], found: &mut Found) -> Option<Pieces<'a>> {
    let mut pieces = Pieces::default();
    pieces.keep(&b[..SIGNATURE.len()]);
    let mut blocks = exif::Blocks::default();
    let mut exif_at = None;
    let mut pos = SIGNATURE.len();
    while pos < b.len() {
        let head = b.get(pos..pos + 8)?;
        let len = usize::try_from(u32::from_be_bytes([head[0], head[1], head[2], head[3]])).ok()?;
        let kind: [u8; 4] = [head[4], head[5], head[6], head[7]];
        let end = pos.checked_add(12)?.checked_add(len)?;
        let chunk = b.get(pos..end)?;
        let data = &chunk[8..8 + len];
        pos = end;
        if PICTURE.contains(&&kind) {
            pieces.keep(chunk);
            if &kind == b"IHDR" {
                exif_at = Some(pieces.len());
            }
            if &kind == b"IEND" {
                trailer(&b[pos..], &mut pieces, found);
                break;
            }
            continue;
        }
        if &kind == b"eXIf" && blocks.keeps(data, found) {
            pieces.keep(chunk);
            continue;
        }
        pieces.leave_out();
        match &kind {
            b"eXIf" => {}
            b"iTXt" if data.starts_with(b"XML:com.adobe.xmp\0") => exif::read_xmp(data, found),
            b"tEXt" | b"zTXt" | b"iTXt" => {
                found.insert(text_kind(data));
            }
            b"tIME" => {
                found.insert(Metadata::Time);
            }
            _ => {
                found.insert(Metadata::Other);
            }
        }
    }
    if let (Some(tiff), Some(at)) = (blocks.to_add(), exif_at) {
        pieces.insert(at, chunk(b"eXIf", &tiff));
    }
    Some(pieces)
}

/// What a text chunk holds, by its keyword (PNG's registered ones).
fn text_kind(data: &[u8]) -> Metadata {
    let keyword = data.split(|&c| c == 0).next().unwrap_or_default();
    match keyword {
        b"Author" | b"Copyright" => Metadata::Person,
        b"Creation Time" => Metadata::Time,
        b"Title" | b"Description" | b"Comment" => Metadata::Text,
        b"Software" | b"Source" => Metadata::Device,
        _ => Metadata::Other,
    }
}

/// A chunk with its length and checksum.
fn chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
    let len = u32::try_from(data.len()).unwrap_or(u32::MAX).to_be_bytes();
    let mut crc = crc32fast::Hasher::new();
    crc.update(kind);
    crc.update(data);
    [&len[..], kind, data, &crc.finalize().to_be_bytes()].concat()
}
