//! From the path of a request to the path of an output file, refusing anything that could
//! name a file outside the site. The server only ever looks paths up in the site it holds
//! in memory, so this is a second wall: a request with `..`, an encoded `..` (`%2e%2e`), an
//! encoded slash (`%2f`), a backslash, a NUL or a drive letter is refused before any lookup.

/// Why a request path was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refused {
    /// Not a path at all (no leading `/`, bad percent-encoding, not UTF-8).
    Malformed,
    /// A path that tries to climb out of the site or hide a separator.
    Traversal,
}

/// The output path for a request path: `/` → `index.html`, `/guides/` →
/// `guides/index.html`, `/guides/%E6%88%B7.html` → `guides/户.html`.
pub fn site_path(request_path: &str) -> Result<String, Refused> {
    let rest = request_path.strip_prefix('/').ok_or(Refused::Malformed)?;
    if rest.contains('\\') {
        return Err(Refused::Traversal);
    }
    let mut parts: Vec<String> = Vec::new();
    let segments: Vec<&str> = rest.split('/').collect();
    let last = segments.len() - 1;
    for (i, raw) in segments.into_iter().enumerate() {
        if raw.is_empty() {
            // `//` folds away; a trailing `/` asks for the folder's index.
            if i == last {
                parts.push("index.html".to_owned());
            }
            continue;
        }
        let segment = decode(raw)?;
        if segment == "."
            || segment == ".."
            || segment.contains(['/', '\\', '\0', ':'])
            || segment.chars().any(char::is_control)
        {
            return Err(Refused::Traversal);
        }
        parts.push(segment);
    }
    if parts.is_empty() {
        parts.push("index.html".to_owned());
    }
    Ok(parts.join("/"))
}

/// Percent-decode one path segment into UTF-8 text.
fn decode(segment: &str) -> Result<String, Refused> {
    let bytes = segment.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes.get(i + 1..i + 3).ok_or(Refused::Malformed)?;
            let text = std::str::from_utf8(hex).map_err(|_| Refused::Malformed)?;
            let byte = u8::from_str_radix(text, 16).map_err(|_| Refused::Malformed)?;
            out.push(byte);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).map_err(|_| Refused::Malformed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_and_encoded_names() {
        assert_eq!(site_path("/").unwrap(), "index.html");
        assert_eq!(site_path("/guides/").unwrap(), "guides/index.html");
        assert_eq!(site_path("/guides/a.html").unwrap(), "guides/a.html");
        assert_eq!(site_path("//guides//a.html").unwrap(), "guides/a.html");
        assert_eq!(
            site_path("/stories/%E8%AD%A6.svg").unwrap(),
            "stories/警.svg"
        );
        assert_eq!(site_path("/a%20b.pdf").unwrap(), "a b.pdf");
    }

    #[test]
    fn traversal_in_every_spelling_is_refused() {
        for path in [
            "/../etc/passwd",
            "/guides/../../etc/passwd",
            "/%2e%2e/etc/passwd",
            "/%2E%2E/%2E%2E/etc/passwd",
            "/.%2e/x",
            "/guides/..%2f..%2fetc%2fpasswd",
            "/guides%2f..%2f..%2fsecret",
            "/..\\..\\windows\\win.ini",
            "/guides\\..\\x",
            "/%5c..%5cx",
            "/c:/windows/win.ini",
            "/a%00.html",
            "/./index.html",
        ] {
            assert_eq!(site_path(path), Err(Refused::Traversal), "{path}");
        }
    }

    #[test]
    fn malformed_paths_are_refused() {
        assert_eq!(site_path("index.html"), Err(Refused::Malformed));
        assert_eq!(site_path("/%zz"), Err(Refused::Malformed));
        assert_eq!(site_path("/%e6"), Err(Refused::Malformed));
        assert_eq!(site_path("/%"), Err(Refused::Malformed));
    }
}
