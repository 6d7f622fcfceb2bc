//! Files beside pages that no published page shows or links to: a build leaves them out
//! (a draft's photo, a list kept beside the pages), and staff should know which, so a
//! forgotten link is found before residents miss the file.

use crate::diagnostics::Diagnostic;
use crate::model::Site;
use crate::render::pages::RenderedSite;
use std::collections::HashSet;

pub fn find(site: &Site, rendered: &RenderedSite) -> Vec<Diagnostic> {
    let published: HashSet<&str> = rendered.copies.iter().map(|c| c.dest.as_str()).collect();
    (site.assets.iter())
        .filter(|a| !published.contains(a.dest.as_str()))
        .map(|a| {
            Diagnostic::warning("没有哪个已发布的页面用到这个文件，所以它不会发布到网站上。")
                .in_file(format!("content/{}", a.dest))
                .with_hint("要让居民看到，就在页面里链接它（`[下载表格](biaoge.pdf)`）或写成 `image:`；用不着的文件请移出 `content/`。草稿的图片等那一页发布时会一起发布。")
        })
        .collect()
}
