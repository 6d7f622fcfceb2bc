//! Precompressed copies of text files (`build --precompress`): `page.html.gz` and
//! `page.html.br` beside `page.html`, for hosts that serve them as they are (nginx's
//! `gzip_static` and `brotli_static`, object storage with `Content-Encoding`; see
//! docs/deploy.md). A phone on a weak signal then downloads a third of the bytes, and the
//! server compresses nothing per request.
//!
//! Only where it pays: text files of at least [`MIN_BYTES`] whose copy is at least a tenth
//! smaller. Each file is compressed on the thread that wrote it, so a build's cores share
//! the work. The levels trade a little size for build time: gzip 6 is zlib's default and
//! brotli 5 compresses 10,000 pages' files several times faster than brotli 11 for a few
//! percent more bytes.

use std::io::Write;

/// Below this a file fits in a few packets either way: a copy saves no round trip.
pub const MIN_BYTES: usize = 1024;
const GZIP_LEVEL: u32 = 6;
const BROTLI_QUALITY: u32 = 5;
const BROTLI_WINDOW: u32 = 22;

/// The kinds of file worth compressing: text. Images and fonts are compressed already.
pub fn worth_compressing(path: &str, len: usize) -> bool {
    const TEXT: [&str; 7] = [".html", ".js", ".css", ".xml", ".json", ".svg", ".txt"];
    len >= MIN_BYTES && TEXT.iter().any(|ext| path.ends_with(ext))
}

/// The file a copy's name belongs to: `a.html` for `a.html.gz` and `a.html.br`.
pub fn original_path(copy: &str) -> Option<&str> {
    copy.strip_suffix(".gz")
        .or_else(|| copy.strip_suffix(".br"))
}

/// The `.gz` and `.br` copies of `bytes` that are worth keeping: (extension, contents).
pub fn copies(bytes: &[u8]) -> Vec<(&'static str, Vec<u8>)> {
    let keep = |c: Vec<u8>| (c.len() * 10 <= bytes.len() * 9).then_some(c);
    [("gz", keep(gzip(bytes))), ("br", keep(brotli(bytes)))]
        .into_iter()
        .filter_map(|(ext, c)| c.map(|c| (ext, c)))
        .collect()
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let out = Vec::with_capacity(bytes.len() / 3);
    let mut enc = flate2::write::GzEncoder::new(out, flate2::Compression::new(GZIP_LEVEL));
    // Writing into memory cannot fail.
    let _ = enc.write_all(bytes);
    enc.finish().unwrap_or_default()
}

fn brotli(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len() / 3);
    {
        let mut enc = brotli::CompressorWriter::new(&mut out, 4096, BROTLI_QUALITY, BROTLI_WINDOW);
        let _ = enc.write_all(bytes);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn copies_decompress_to_the_original() {
        let text = "户口迁入需要带身份证、户口簿。".repeat(200);
        let found = copies(text.as_bytes());
        assert_eq!(found.len(), 2);
        for (ext, bytes) in found {
            let mut back = Vec::new();
            match ext {
                "gz" => flate2::read::GzDecoder::new(&bytes[..])
                    .read_to_end(&mut back)
                    .unwrap(),
                _ => brotli::Decompressor::new(&bytes[..], 4096)
                    .read_to_end(&mut back)
                    .unwrap(),
            };
            assert_eq!(back, text.as_bytes(), "{ext}");
            assert!(bytes.len() < text.len() / 4, "{ext}: {}", bytes.len());
        }
    }

    #[test]
    fn only_text_files_big_enough_to_pay() {
        assert!(worth_compressing("guides/a.html", 5000));
        assert!(worth_compressing("search/s/3.js", 5000));
        assert!(!worth_compressing("guides/a.html", 500));
        assert!(!worth_compressing("stories/photo.jpg", 500_000));
        assert_eq!(original_path("search/s/3.js.br"), Some("search/s/3.js"));
        assert_eq!(original_path("index.html.gz"), Some("index.html"));
        assert_eq!(original_path("index.html"), None);
        // Random bytes do not shrink: no copy is kept.
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        let noise: Vec<u8> = (0..4096)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                (x >> 32) as u8
            })
            .collect();
        assert!(copies(&noise).is_empty());
    }
}
