//! The QR code a printed guide or notice carries: its public address, so a resident holding
//! the paper opens the page, current, on a phone. Inline SVG, so it needs no image file and
//! prints sharp at any size; the theme shows it in print only.
//!
//! Error correction M (15%): paper gets folded and stained. Dark modules are drawn as one
//! path of horizontal strokes, one per run of modules (a little wider than a module, so
//! no hairline of paper shows between rows at any print scale), about 2 KB for a page's
//! address, over a white square: the quiet zone stays white whatever the page draws
//! beneath it.

use fast_qr::qr::QRBuilder;
use fast_qr::ECL;
use std::fmt::Write as _;

/// Modules of light margin around the code, as the standard asks.
const QUIET: usize = 4;

/// An SVG QR code of `text`, or None when it cannot be encoded (too long for any size).
pub fn svg(text: &str) -> Option<String> {
    let code = QRBuilder::new(text).ecl(ECL::M).build().ok()?;
    let n = code.size;
    let side = n + 2 * QUIET;
    let mut d = String::with_capacity(n * n / 2);
    for y in 0..n {
        let mut x = 0;
        // The pen's place: each row starts with an absolute move, then moves relative.
        let mut pen: Option<usize> = None;
        while x < n {
            if !code.data[y * n + x].value() {
                x += 1;
                continue;
            }
            let start = x;
            while x < n && code.data[y * n + x].value() {
                x += 1;
            }
            let _ = match pen {
                None => write!(d, "M{} {}.5", start + QUIET, y + QUIET),
                Some(at) => write!(d, "m{} 0", start - at),
            };
            let _ = write!(d, "h{}", x - start);
            pen = Some(x);
        }
    }
    Some(format!(
        "<svg class=\"qr\" viewBox=\"0 0 {side} {side}\" aria-hidden=\"true\" shape-rendering=\"crispEdges\"><path fill=\"#fff\" d=\"M0 0h{side}v{side}H0z\"/><path stroke=\"#000\" stroke-width=\"1.05\" d=\"{d}\"/></svg>"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_becomes_a_small_svg_with_a_quiet_zone() {
        let svg = svg("https://liuwan.example.org/guides/hukou-qianru.html").unwrap_or_default();
        assert!(svg.starts_with("<svg class=\"qr\" viewBox=\"0 0 "), "{svg}");
        // Version 4 (33 modules) at level M, with 4 on each side.
        assert!(svg.contains("viewBox=\"0 0 41 41\""), "{svg}");
        assert!(
            svg.contains("d=\"M4 4.5h7"),
            "a finder pattern starts the first row: {svg}"
        );
        assert!(svg.len() < 2600, "{} bytes", svg.len());
    }

    #[test]
    fn text_too_long_for_any_code_is_none() {
        assert!(svg(&"x".repeat(5000)).is_none());
    }
}
