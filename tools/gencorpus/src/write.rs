//! Writing a planned corpus into its folder: `site.yaml`, the section indexes, each page
//! (front matter, then body) and a story's image. A folder is only written when it is empty
//! or holds a corpus written before, so a wrong `--out` cannot clobber anything else.

use crate::plan::Corpus;
use crate::rng::Rng;
use crate::vocab::{SECTION_INDEXES, SITE_YAML};
use bulletin::schema::Kind;
use std::path::Path;

/// Written into the output folder so a later run knows it may replace what is there.
const MARKER: &str = ".bulletin-gencorpus";

/// What was written, for the one line the command prints.
pub struct Stats {
    /// Han characters of all bodies together.
    pub han_total: usize,
    /// Pages per kind and how many are unpublished, in words.
    pub per_kind: String,
}

impl Corpus {
    /// Write the corpus into `out` (see the crate's documentation for what `out` may be).
    pub fn write(&self, out: &Path) -> Result<Stats, String> {
        prepare_out(out)?;
        let content = out.join("content");
        write_file(&out.join("site.yaml"), SITE_YAML)?;
        for (section, index) in SECTION_INDEXES {
            write_file(&content.join(section).join("_index.md"), index)?;
        }
        let mut han_total = 0;
        for (i, plan) in self.plans.iter().enumerate() {
            // Front matter and body draw from one stream per page.
            let mut rng = Rng::new(self.seed, i, 1);
            let (front, image) = self.front_matter(i, plan, &mut rng);
            let (body, han) = self.body(i, plan, image.as_deref(), &mut rng);
            han_total += han;
            let path = content.join(&plan.path);
            write_file(&path, &format!("---\n{}---\n\n{body}", front.0))?;
            if let Some(image) = image {
                write_file(&path.with_file_name(image), &svg(&plan.topic.name))?;
            }
        }
        let count = |k: Kind| self.plans.iter().filter(|p| p.kind == k).count();
        let per_kind = format!(
            "{} notices, {} guides, {} FAQs, {} stories, {} pages; {} unpublished",
            count(Kind::Notice),
            count(Kind::Guide),
            count(Kind::Faq),
            count(Kind::Story),
            count(Kind::Page),
            self.plans.len() - self.linkable.len()
        );
        Ok(Stats {
            han_total,
            per_kind,
        })
    }
}

fn svg(label: &str) -> String {
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"640\" height=\"360\" viewBox=\"0 0 640 360\">\
         <rect width=\"640\" height=\"360\" fill=\"#dfe8f2\"/>\
         <text x=\"320\" y=\"190\" font-size=\"40\" text-anchor=\"middle\" fill=\"#1d3a5c\">{label}</text></svg>\n"
    )
}

/// Refuse to write into a folder that holds something else; clear our own previous corpus.
fn prepare_out(out: &Path) -> Result<(), String> {
    let shown = out.display();
    if out.exists() {
        let mut entries = std::fs::read_dir(out)
            .map_err(|e| format!("cannot read {shown}: {e}"))?
            .peekable();
        let ours = out.join(MARKER).is_file();
        if entries.peek().is_some() && !ours {
            return Err(format!(
                "{shown} is not empty and was not written by bulletin-gencorpus: give an empty or new folder"
            ));
        }
        if ours {
            let content = out.join("content");
            if content.exists() {
                std::fs::remove_dir_all(&content)
                    .map_err(|e| format!("cannot clear {}: {e}", content.display()))?;
            }
        }
    }
    std::fs::create_dir_all(out).map_err(|e| format!("cannot create {shown}: {e}"))?;
    write_file(
        &out.join(MARKER),
        "written by bulletin-gencorpus; running it again replaces site.yaml and content/\n",
    )
}

fn write_file(path: &Path, text: &str) -> Result<(), String> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }
    std::fs::write(path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::MIX;

    #[test]
    fn same_seed_same_text_and_every_kind_is_there() {
        let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        let sa = Corpus::plan(40, 7).write(a.path()).unwrap();
        let sb = Corpus::plan(40, 7).write(b.path()).unwrap();
        assert_eq!(sa.han_total, sb.han_total);
        let files = |dir: &Path| {
            let mut all = Vec::new();
            for kind in MIX.map(|m| m.0) {
                let folder = dir.join("content").join(kind.section());
                let mut names: Vec<_> = std::fs::read_dir(&folder)
                    .unwrap()
                    .map(|e| e.unwrap().file_name())
                    .collect();
                names.sort();
                // `_index.md` and at least one page of the kind.
                assert!(names.len() >= 2, "{}: {names:?}", folder.display());
                for n in names {
                    all.push((n.clone(), std::fs::read(folder.join(n)).unwrap()));
                }
            }
            all
        };
        assert_eq!(files(a.path()), files(b.path()));
    }

    #[test]
    fn refuses_a_folder_it_did_not_write_and_replaces_its_own() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("notes.txt"), "mine").unwrap();
        let why = Corpus::plan(10, 1).write(dir.path()).err().unwrap();
        assert!(why.contains("not written by bulletin-gencorpus"), "{why}");
        assert_eq!(
            std::fs::read_to_string(dir.path().join("notes.txt")).unwrap(),
            "mine"
        );

        let ours = dir.path().join("corpus");
        Corpus::plan(20, 1).write(&ours).unwrap();
        std::fs::write(ours.join("content/notices/stale.md"), "old").unwrap();
        Corpus::plan(10, 1).write(&ours).unwrap();
        assert!(!ours.join("content/notices/stale.md").exists());
        assert!(ours.join("site.yaml").is_file());
    }
}
