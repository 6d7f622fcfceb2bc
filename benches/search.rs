//! Search index benchmark: build time, peak memory and index size on a generated
//! 10,000-page corpus of station pages (about 930 Chinese characters each).
//!
//! Run: `cargo bench --bench search` for a synthetic corpus (`-- --pages N` for another
//! size), or `cargo bench --bench search -- --site DIR` for a site already built with
//! `bulletin build` (e.g. the `bulletin-gencorpus` corpus); `--runs N` timed builds
//! (default 5). Each build writes its files as `bulletin build` does, one by one into a
//! new folder (under `BULLETIN_BENCH_DIR`, default the system temp folder), so the time is
//! what the index adds to a build. Prints one line per figure; the search section of
//! docs/benchmarks.md quotes them. Bytes loaded per query and the comparison with Pagefind
//! are measured by benches/search-peers.sh on the same built site.

use bulletin::render::search::synonyms::Synonyms;
use bulletin::render::search::{index, SearchDoc};
use bulletin::schema::Kind;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

// The allocator of the `bulletin` binary, so the figures are the build's.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Phrases a station writes, recombined into pages. Enough variety that n-gram lists
/// have realistic lengths (common words in most pages, rare ones in a few).
const PHRASES: &[&str] = &[
    "户口迁入",
    "户口迁出",
    "居住证",
    "身份证",
    "补领",
    "换领",
    "临时身份证",
    "出生登记",
    "无犯罪记录证明",
    "派出所",
    "户籍窗口",
    "社区民警",
    "警务室",
    "国庆安保",
    "元旦安保",
    "春节期间",
    "烟花爆竹",
    "禁止燃放",
    "电信诈骗",
    "安全账户",
    "冒充公检法",
    "不要转账",
    "拨打110报警",
    "反诈中心",
    "失物招领",
    "共享单车",
    "监控录像",
    "值班民警",
    "办理时限",
    "五个工作日",
    "携带材料",
    "原件和复印件",
    "户口本",
    "结婚证",
    "房产证明",
    "租赁合同",
    "劳动合同",
    "社保缴纳证明",
    "学历证书",
    "人才引进",
    "投靠亲属",
    "工作时间",
    "周一至周五",
    "上午九点",
    "下午五点",
    "节假日",
    "预约办理",
    "网上办理",
    "政务服务",
    "App",
    "小程序",
    "冬季防火",
    "电动车充电",
    "楼道堆物",
    "消防通道",
    "交通管制",
    "道路施工",
    "学校周边",
    "护学岗",
    "矛盾纠纷",
    "邻里调解",
    "噪音扰民",
    "养犬管理",
    "流动人口",
    "出租房屋",
    "登记备案",
    "治安巡逻",
    "老年人",
    "防范意识",
    "宣传活动",
    "进社区",
    "群众满意",
    "为民服务",
    "热情接待",
    "耐心解答",
];
const FILLER: &[&str] = &[
    "的", "了", "和", "在", "对", "请", "并", "需要", "可以", "应当", "按照", "相关", "规定",
    "居民", "群众", "我们", "提醒", "注意", "及时", "如果", "已经", "进行", "工作", "情况", "通过",
    "同时", "有关",
];

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
        from[(self.next() % from.len() as u64) as usize]
    }
}

fn corpus(pages: usize) -> Vec<SearchDoc> {
    let mut rng = Rng(0x2026_0920);
    let kinds = [
        Kind::Notice,
        Kind::Guide,
        Kind::Faq,
        Kind::Story,
        Kind::Page,
    ];
    (0..pages)
        .map(|i| {
            let kind = kinds[i % kinds.len()];
            let title = format!(
                "{}{}{}",
                rng.pick(PHRASES),
                rng.pick(FILLER),
                rng.pick(PHRASES)
            );
            let mut body = String::new();
            while body.len() < 930 * 3 {
                body.push_str(rng.pick(PHRASES));
                body.push_str(rng.pick(FILLER));
                if rng.next() % 5 == 0 {
                    body.push('，');
                }
                if rng.next() % 17 == 0 {
                    body.push_str("。\n");
                }
            }
            SearchDoc {
                url: format!("{}/p{i}.html", kind.section()),
                title,
                kind,
                date: Some(format!("2026年{}月{}日", i % 12 + 1, i % 28 + 1)),
                date_iso: Some(format!("2026-{:02}-{:02}", i % 12 + 1, i % 28 + 1)),
                updated: false,
                expired: kind == Kind::Notice && i % 3 == 0,
                summary: body.chars().take(60).collect(),
                tags: vec![rng.pick(PHRASES).to_string(), rng.pick(PHRASES).to_string()],
                category: Some(rng.pick(PHRASES).to_string()),
                headings: vec![rng.pick(PHRASES).to_string()],
                body: body.into(),
                materials: if kind == Kind::Guide {
                    vec!["身份证原件".into(), "户口本".into()]
                } else {
                    vec![]
                },
                steps: if kind == Kind::Guide {
                    vec!["到户籍窗口取号".into(), "提交材料".into()]
                } else {
                    vec![]
                },
            }
        })
        .collect()
}

/// The documents of a site already built with `bulletin build`, read back from its
/// `search/d/<id>.js` files, which hold every field the index is built from. This is how
/// the benchmark runs on the corpus of `bulletin-gencorpus` exactly as the build saw it.
fn docs_of_built_site(dir: &std::path::Path) -> Vec<SearchDoc> {
    let d = dir.join("search/d");
    let mut docs = Vec::new();
    let entries = std::fs::read_dir(&d).unwrap_or_else(|e| panic!("{}: {e}", d.display()));
    for entry in entries.flatten() {
        let js = std::fs::read_to_string(entry.path()).unwrap_or_default();
        let (Some(a), Some(b)) = (js.find('{'), js.rfind('}')) else {
            continue;
        };
        let v: serde_json::Value = serde_json::from_str(&js[a..=b]).unwrap_or_default();
        let text = |k: &str| v[k].as_str().map(str::to_string);
        let list = |k: &str| -> Vec<String> {
            v[k].as_array()
                .map(|a| {
                    a.iter()
                        .filter_map(|x| x.as_str().map(str::to_string))
                        .collect()
                })
                .unwrap_or_default()
        };
        let kind = match v["k"].as_str().unwrap_or("") {
            "notice" => Kind::Notice,
            "guide" => Kind::Guide,
            "faq" => Kind::Faq,
            "story" => Kind::Story,
            _ => Kind::Page,
        };
        docs.push(SearchDoc {
            url: text("u").unwrap_or_default(),
            title: text("t").unwrap_or_default(),
            kind,
            date: text("d"),
            date_iso: text("i"),
            updated: v["v"].as_bool().unwrap_or(false),
            expired: v["x"].as_bool().unwrap_or(false),
            summary: text("s").unwrap_or_default(),
            tags: list("g"),
            category: text("c"),
            headings: list("h"),
            body: text("b").unwrap_or_default().into(),
            materials: list("m"),
            steps: list("p"),
        });
    }
    docs
}

/// Peak resident memory of this process so far, from /proc (Linux), in bytes.
fn peak_rss() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

/// CPU time (user + system) this process has used, from /proc/self/stat, in seconds: on
/// a shared machine wall time depends on the neighbours, CPU time much less.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name (which is in parentheses and may hold spaces).
    let rest = stat.rsplit_once(')')?.1;
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks: f64 = f.get(11)?.parse::<f64>().ok()? + f.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}

/// The value after `--name` on the command line.
fn arg<T: std::str::FromStr>(args: &[String], name: &str) -> Option<T> {
    let i = args.iter().position(|a| a == name)?;
    args.get(i + 1)?.parse().ok()
}

/// One index build as `bulletin build` makes it: each file written into a new output
/// folder as soon as it is made. Returns the build's figures, wall seconds, CPU seconds
/// and the files' count and bytes.
fn timed_build(
    docs: &[SearchDoc],
    out: &std::path::Path,
) -> (index::Stats, f64, f64, usize, usize) {
    let root = out.parent().unwrap_or(out);
    let staging = bulletin::write::Staging::begin(root, out).expect("bench output folder");
    let files = AtomicUsize::new(0);
    let bytes = AtomicUsize::new(0);
    let cpu0 = cpu_seconds().unwrap_or(0.0);
    let start = Instant::now();
    let stats = index::build_each(docs, Synonyms::built_in(), &|f| {
        files.fetch_add(1, Ordering::Relaxed);
        bytes.fetch_add(f.bytes.len(), Ordering::Relaxed);
        staging.put(&f.path, &f.bytes).expect("bench write");
    });
    let secs = start.elapsed().as_secs_f64();
    let cpu = cpu_seconds().unwrap_or(0.0) - cpu0;
    // Dropped uncommitted: the staging folder is removed, outside the timing.
    drop(staging);
    (stats, secs, cpu, files.into_inner(), bytes.into_inner())
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let pages = arg(&args, "--pages").unwrap_or(10_000);
    let runs: usize = arg(&args, "--runs").unwrap_or(5).max(1);
    let site: Option<String> = arg(&args, "--site");
    let docs = match &site {
        Some(dir) => docs_of_built_site(std::path::Path::new(dir)),
        None => corpus(pages),
    };
    let pages = docs.len();
    let chars: usize = docs.iter().map(|d| d.body.chars().count()).sum();
    let before = peak_rss().unwrap_or(0);
    let out = std::env::var_os("BULLETIN_BENCH_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(std::env::temp_dir)
        .join(format!("bulletin-search-bench-{}", std::process::id()))
        .join("public");
    std::fs::create_dir_all(out.parent().unwrap_or(&out)).expect("bench folder");
    // Warm the lazily built tables (rules, T→S map) so the timing is the index itself.
    let _ = index::build(&docs[..1.min(docs.len())]);
    let mut walls = Vec::new();
    let mut cpus = Vec::new();
    let mut last = None;
    for _ in 0..runs {
        let (stats, secs, cpu, files, bytes) = timed_build(&docs, &out);
        walls.push(secs);
        cpus.push(cpu);
        last = Some((stats, files, bytes));
    }
    let _ = std::fs::remove_dir_all(out.parent().unwrap_or(&out));
    let after = peak_rss().unwrap_or(0);
    walls.sort_by(f64::total_cmp);
    cpus.sort_by(f64::total_cmp);
    println!("search: pages {pages}, body characters {chars}");
    println!(
        "search: build and write, {runs} runs: median {:.3} s wall (min {:.3}), median {:.2} s CPU (min {:.2}) on {} threads",
        walls[runs / 2],
        walls[0],
        cpus[runs / 2],
        cpus[0],
        rayon::current_num_threads()
    );
    println!(
        "search: peak RSS {:.1} MB (corpus alone {:.1} MB)",
        after as f64 / 1e6,
        before as f64 / 1e6
    );
    if let Some((stats, files, bytes)) = last {
        println!(
            "search: terms {}, postings {}, shards {}",
            stats.terms, stats.postings, stats.shards
        );
        println!(
            "search: index {:.1} MB in {files} files",
            bytes as f64 / 1e6
        );
    }
}
