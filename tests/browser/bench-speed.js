// Benchmark helper (benches/search-speed.sh): how long a resident on a cheap phone with a
// weak signal waits. Headless Chromium with 4× CPU throttling and the "Fast 3G" network
// profile (1.44 Mbps down, 675 kbps up, 562.5 ms latency per request) opens, over a local
// HTTP server, each page in a fresh browser context (cold cache, a first visit):
//
// - bulletin's search page with ?q=, until the first result is in the page;
// - Pagefind's default UI (pagefind/pagefind-ui.js in a page of its own) with the same
//   query, until its first result has a title;
// - a guide page, until its checklist is painted (first contentful paint with the
//   checklist already in the document).
//
// Usage: node bench-speed.js <built site dir, with pagefind/> <queries.json> <guide path> [runs]
// Env: BENCH_ENCODING=1 serves a file's .br or .gz beside it when the browser accepts it
//      (as nginx's brotli_static/gzip_static do); otherwise every file goes uncompressed.
// Prints JSON: { rows: [{ what, query, ms: [..], kb: [..] }] }, one figure per run.
'use strict';
const fs = require('fs');
const http = require('http');
const path = require('path');
const { launch } = require('./chromium');

const [site, queriesFile, guide, runsArg] = process.argv.slice(2);
const queries = JSON.parse(fs.readFileSync(queriesFile, 'utf8'));
const RUNS = Number(runsArg || 3);
const ENCODED = process.env.BENCH_ENCODING === '1';
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.wasm': 'application/wasm', '.svg': 'image/svg+xml' };

// Lighthouse's and DevTools' "Fast 3G".
const FAST_3G = { offline: false, latency: 562.5, downloadThroughput: 1.44e6 / 8, uploadThroughput: 675e3 / 8 };
const CPU_SLOWDOWN = 4;

const PAGEFIND_PAGE = `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link href="pagefind/pagefind-ui.css" rel="stylesheet"><script src="pagefind/pagefind-ui.js"></script>
</head><body><div id="search"></div><script>
window.addEventListener('DOMContentLoaded', function () {
  var ui = new PagefindUI({ element: '#search', showImages: false });
  ui.triggerSearch(new URLSearchParams(location.search).get('q') || '');
});</script></body></html>`;

function serve() {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    let p = decodeURIComponent(url.pathname);
    if (p === '/bench-pagefind.html') {
      res.writeHead(200, { 'Content-Type': TYPES['.html'] });
      res.end(PAGEFIND_PAGE);
      return;
    }
    if (p.endsWith('/')) p += 'index.html';
    const file = path.join(site, path.normalize(p).replace(/^(\.\.[/\\])+/, ''));
    const headers = { 'Content-Type': TYPES[path.extname(file)] || 'application/octet-stream', 'Cache-Control': 'no-cache' };
    let body = file;
    if (ENCODED) {
      const accept = String(req.headers['accept-encoding'] || '');
      for (const [ext, name] of [['.br', 'br'], ['.gz', 'gzip']]) {
        if (accept.includes(name) && fs.existsSync(file + ext)) {
          body = file + ext;
          headers['Content-Encoding'] = name;
          headers.Vary = 'Accept-Encoding';
          break;
        }
      }
    }
    fs.readFile(body, (err, bytes) => {
      if (err) { res.writeHead(404); res.end(); return; }
      res.writeHead(200, headers);
      res.end(bytes);
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

// Installed before any script of the page runs: notes, on the page's own clock (0 = the
// start of the navigation), when `selector` first matches, and the first contentful paint.
function watch(selector) {
  window.__bench = { at: null, fcp: null };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (e.name === 'first-contentful-paint') window.__bench.fcp = e.startTime;
  }).observe({ type: 'paint', buffered: true });
  const seen = () => {
    if (window.__bench.at === null && document.querySelector(selector)) window.__bench.at = performance.now();
  };
  new MutationObserver(seen).observe(document, { childList: true, subtree: true, characterData: true });
}

// Opens `url` throttled in a fresh context; resolves to { ms, kb }: when `selector` was on
// screen, and the bytes received by then.
async function visit(browser, url, selector) {
  const ctx = await browser.createBrowserContext();
  try {
    const page = await ctx.newPage();
    const cdp = await page.createCDPSession();
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Network.emulateNetworkConditions', FAST_3G);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
    let bytes = 0;
    cdp.on('Network.loadingFinished', (e) => { bytes += e.encodedDataLength; });
    await page.evaluateOnNewDocument(watch, selector);
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60000 });
    await page.waitForFunction(() => window.__bench.at !== null && window.__bench.fcp !== null, { timeout: 60000, polling: 50 });
    const seen = await page.evaluate(() => window.__bench);
    // A result in the document is on screen at the next paint, never before the first.
    const ms = Math.max(seen.at, seen.fcp || 0);
    return { ms: Math.round(ms), kb: Math.round(bytes / 102.4) / 10 };
  } finally {
    await ctx.close();
  }
}

async function main() {
  const server = await serve();
  const origin = 'http://127.0.0.1:' + server.address().port + '/';
  const browser = await launch();
  const rows = [];
  const measure = async (what, query, url, selector) => {
    const row = { what, query, ms: [], kb: [] };
    for (let i = 0; i < RUNS; i++) {
      const r = await visit(browser, url, selector);
      row.ms.push(r.ms);
      row.kb.push(r.kb);
    }
    rows.push(row);
    process.stderr.write(`${what} ${query}: ${row.ms.join(' ')} ms, ${row.kb.join(' ')} KB\n`);
  };
  try {
    for (const q of queries) {
      const qs = '?q=' + encodeURIComponent(q);
      await measure('bulletin', q, origin + 'search/index.html' + qs, '[data-search-results] li.search-result');
      if (fs.existsSync(path.join(site, 'pagefind'))) {
        await measure('pagefind', q, origin + 'bench-pagefind.html' + qs, '.pagefind-ui__result-link');
      }
    }
    await measure('guide', guide, origin + guide, '.checklist li');
  } finally {
    await browser.close();
    server.close();
  }
  process.stdout.write(JSON.stringify({ rows }));
}

main().catch((e) => { console.error(e && e.stack || e); process.exit(1); });
