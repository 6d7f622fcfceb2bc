// Benchmark helper (benches/search-peers.sh): runs the same queries through bulletin's
// search page and through Pagefind's JS API, each query in a fresh browser context (cold
// cache, as a first visit), over a local HTTP server, and prints per query: the result
// count, the first result URLs, and the bytes each one downloaded.
//
// Usage: node bench-queries.js <built site dir with search/ and pagefind/> <queries.json>
'use strict';
const fs = require('fs');
const http = require('http');
const path = require('path');
const { launch } = require('./chromium');

const [site, queriesFile] = process.argv.slice(2);
const queries = JSON.parse(fs.readFileSync(queriesFile, 'utf8'));
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.wasm': 'application/wasm' };

function serve() {
  const server = http.createServer((req, res) => {
    let p = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (p.endsWith('/')) p += 'index.html';
    const file = path.join(site, path.normalize(p).replace(/^(\.\.[/\\])+/, ''));
    fs.readFile(file, (err, body) => {
      if (err) { res.writeHead(404); res.end(); return; }
      res.writeHead(200, { 'Content-Type': TYPES[path.extname(file)] || 'application/octet-stream' });
      res.end(body);
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

async function counted(browser, fn) {
  const ctx = await browser.createBrowserContext();
  const page = await ctx.newPage();
  const loads = [];
  page.on('response', async (r) => {
    try { loads.push({ url: r.url(), bytes: (await r.buffer()).length }); } catch (e) { /* redirects have no body */ }
  });
  try {
    const out = await fn(page);
    await new Promise((r) => setTimeout(r, 50));
    return { out, loads };
  } finally {
    await ctx.close();
  }
}

async function main() {
  const server = await serve();
  const origin = 'http://127.0.0.1:' + server.address().port;
  const browser = await launch();
  const rows = [];
  try {
    for (const q of queries) {
      const ours = await counted(browser, async (page) => {
        await page.goto(origin + '/search/index.html?q=' + encodeURIComponent(q));
        await page.waitForFunction(() => document.querySelector('[data-search-results]').hasAttribute('data-count'), { timeout: 60000 });
        return page.evaluate(() => ({
          count: Number(document.querySelector('[data-search-results]').getAttribute('data-count')),
          shown: Array.from(document.querySelectorAll('[data-search-results] a')).map((a) => new URL(a.href).pathname),
        }));
      });
      const pf = await counted(browser, async (page) => {
        await page.goto(origin + '/404.html');
        return page.evaluate(async (q) => {
          const pagefind = await import('/pagefind/pagefind.js');
          await pagefind.init();
          const r = await pagefind.search(q);
          const data = await Promise.all(r.results.slice(0, 10).map((x) => x.data()));
          return { count: r.results.length, shown: data.map((d) => d.url) };
        }, q);
      });
      const sum = (loads, test) => loads.filter((l) => test(new URL(l.url).pathname)).reduce((s, l) => s + l.bytes, 0);
      rows.push({
        query: q,
        bulletin: { count: ours.out.count, top: ours.out.shown.slice(0, 10), bytes: sum(ours.loads, (p) => p === '/search.js' || p.startsWith('/search/') && p !== '/search/index.html') },
        pagefind: { count: pf.out.count, top: pf.out.shown, bytes: sum(pf.loads, (p) => p.startsWith('/pagefind/')) },
      });
    }
  } finally {
    await browser.close();
    server.close();
  }
  process.stdout.write(JSON.stringify(rows));
}

main().catch((e) => { console.error(e && e.stack || e); process.exit(1); });
