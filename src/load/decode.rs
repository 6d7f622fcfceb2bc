//! Bytes to text. Staff save files from many editors: accept a UTF-8 BOM and CRLF line ends
//! as if they were not there, decode GBK/GB18030 (still common on Chinese office machines)
//! with a warning, and refuse anything else rather than show mojibake.

use crate::diagnostics::Diagnostic;
use std::path::Path;

pub(crate) const SAVE_AS_UTF8: &str = "用编辑器把它重新保存为 UTF-8（另存为 → 编码选 UTF-8）。";

/// The decoded text with `\n` line ends, and a warning when it was not UTF-8.
pub fn decode(mut bytes: Vec<u8>, file: &Path) -> Result<(String, Option<Diagnostic>), Diagnostic> {
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    // UTF-8, as nearly every file is, keeps its bytes: no copy of the text.
    let bytes = match String::from_utf8(bytes) {
        Ok(text) if text.contains('\r') => return Ok((normalize_line_ends(&text), None)),
        Ok(text) => return Ok((text, None)),
        Err(e) => e.into_bytes(),
    };
    let bytes = bytes.as_slice();
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return Err(
            Diagnostic::error("这个文件是用 UTF-16 编码保存的，bulletin 读不了。")
                .in_file(file)
                .with_hint(SAVE_AS_UTF8),
        );
    }
    let (text, _, had_errors) = encoding_rs::GB18030.decode(bytes);
    if !had_errors && text.chars().any(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c)) {
        let warning = Diagnostic::warning(
            "这个文件是用 GBK/GB18030 编码保存的，不是 UTF-8；bulletin 已经自动识别并读出了内容。",
        )
        .in_file(file)
        .with_hint(format!("{SAVE_AS_UTF8}这样别的软件也能正确读取。"));
        return Ok((normalize_line_ends(&text), Some(warning)));
    }
    let valid_up_to = std::str::from_utf8(bytes)
        .err()
        .map_or(0, |e| e.valid_up_to());
    let line = bytes[..valid_up_to].iter().filter(|b| **b == b'\n').count() + 1;
    Err(
        Diagnostic::error("这个文件不是 UTF-8 文本（也不是 GBK），硬读出来会是乱码。")
            .in_file(file)
            .at_line(line)
            .with_hint(SAVE_AS_UTF8),
    )
}

fn normalize_line_ends(text: &str) -> String {
    if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_and_crlf_are_invisible() {
        let (text, warning) = decode(
            b"\xEF\xBB\xBF---\r\ntitle: a\r\n---\r\n".to_vec(),
            Path::new("a.md"),
        )
        .unwrap();
        assert_eq!(text, "---\ntitle: a\n---\n");
        assert!(warning.is_none());
    }

    #[test]
    fn gbk_is_decoded_with_a_warning() {
        let (bytes, _, _) = encoding_rs::GBK.encode("---\ntitle: 户口迁入\n---\n正文");
        let (text, warning) = decode(bytes.into_owned(), Path::new("a.md")).unwrap();
        assert!(text.contains("户口迁入"));
        assert!(warning.unwrap().message.contains("GBK"));
    }

    #[test]
    fn binary_garbage_is_refused_with_its_line() {
        let err = decode(b"---\ntitle: a\n\xFF\xFF\xFF\n".to_vec(), Path::new("a.md")).unwrap_err();
        assert!(err.is_error());
        assert_eq!(err.position.unwrap().line, 3);
    }
}
