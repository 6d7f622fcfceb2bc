//! The repository's documents hold together for someone who has only a clone: the README
//! stays short, every link in it and under docs/ leads to a file inside the repository, and
//! no file speaks of who worked on the project when.

use std::path::{Path, PathBuf};

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The targets of a document's Markdown links and `<img src>`s, as written; examples in
/// code (fenced blocks, `inline`) are not links of the document.
fn link_targets(text: &str) -> Vec<String> {
    let mut prose = String::new();
    let mut fenced = false;
    for line in text.lines() {
        if line.trim_start().starts_with("```") {
            fenced = !fenced;
            continue;
        }
        if !fenced {
            // Outside backticks are the even pieces.
            prose.extend(line.split('`').step_by(2));
            prose.push('\n');
        }
    }
    let mut out = Vec::new();
    for (open, close) in [("](", ')'), ("src=\"", '"')] {
        let mut rest = prose.as_str();
        while let Some(at) = rest.find(open) {
            rest = &rest[at + open.len()..];
            if let Some(end) = rest.find(close) {
                out.push(rest[..end].to_owned());
            }
        }
    }
    out
}

#[test]
fn readme_is_short_and_its_links_and_the_docs_links_stay_inside_the_repository() {
    let root = repo();
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let lines = readme.lines().count();
    assert!(
        lines <= 200,
        "README.md has {lines} lines: move detail under docs/"
    );

    let mut documents = vec![root.join("README.md")];
    for entry in std::fs::read_dir(root.join("docs")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "md") {
            documents.push(path);
        }
    }
    let mut checked = 0;
    for doc in &documents {
        let text = std::fs::read_to_string(doc).unwrap();
        let dir = doc.parent().unwrap();
        for target in link_targets(&text) {
            if target.contains("://") || target.starts_with('#') || target.starts_with("mailto:") {
                continue;
            }
            let file = target.split('#').next().unwrap_or_default();
            let resolved = dir.join(file);
            let inside = resolved
                .canonicalize()
                .map(|p| p.starts_with(root.canonicalize().unwrap()));
            assert!(
                matches!(inside, Ok(true)),
                "{}: link `{target}` does not lead to a file inside the repository",
                doc.display()
            );
            checked += 1;
        }
    }
    assert!(checked >= 8, "only {checked} links checked");
}

/// Whether a line speaks of a working session (`session 6`, `in this session`, `earlier
/// sessions`) rather than of something the product does (serve's session, a login session).
fn speaks_of_working_sessions(line: &str) -> bool {
    let line = line.to_lowercase();
    let before_words = [
        "this", "that", "earlier", "previous", "last", "next", "each", "every", "later",
    ];
    line.match_indices("session").any(|(at, word)| {
        let after = line[at + word.len()..].trim_start_matches('s').trim_start();
        let before = line[..at].trim_end().rsplit(' ').next().unwrap_or_default();
        after.starts_with(|c: char| c.is_ascii_digit()) || before_words.contains(&before)
    })
}

/// The project's files speak of the product, never of who worked on it when: dates and
/// commit ids, not "session 6" or "this session".
#[test]
fn no_file_speaks_of_working_sessions() {
    for line in [
        "measured in session 6",
        "before Session 5",
        "in this session",
        "Each session took",
    ] {
        assert!(speaks_of_working_sessions(line), "{line}");
    }
    assert!(!speaks_of_working_sessions(
        "the session keeps the loaded site between rebuilds"
    ));
    let root = repo();
    let skipped = ["target", "node_modules", ".git", "public"];
    let mut read = 0;
    let mut found = Vec::new();
    let walk = walkdir::WalkDir::new(&root)
        .into_iter()
        .filter_entry(|e| !skipped.iter().any(|s| e.file_name() == *s));
    for entry in walk {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(&root).unwrap();
        // This file holds examples of what it looks for; in src/serve/ "this session" is
        // serve's own: the loaded site it keeps between rebuilds.
        if !entry.file_type().is_file() || rel == Path::new(file!()) || rel.starts_with("src/serve")
        {
            continue;
        }
        let Ok(text) = std::fs::read_to_string(entry.path()) else {
            continue; // not text
        };
        read += 1;
        for (n, line) in text.lines().enumerate() {
            if speaks_of_working_sessions(line) {
                found.push(format!("{}:{}: {line}", rel.display(), n + 1));
            }
        }
    }
    assert!(read > 100, "only {read} files read");
    assert!(found.is_empty(), "{found:#?}");
}
