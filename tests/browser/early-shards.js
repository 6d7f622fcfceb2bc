// What the search page's head asks for before search.js runs (tests/first_visit.rs).
// For each query, the page is opened twice in headless Chromium over HTTP:
// - with search.js refused, so only the page itself asks for anything: the shard files
//   its head names, and whether any script of the page failed;
// - normally: the shard files asked for, how often each, and the results drawn.
//
// Usage: node early-shards.js <search page URL without ?q=> <queries.json>
// Prints JSON: [{ query, early: [paths], errors: [..], all: {path: times}, results: n }]
'use strict';
const fs = require('fs');
const { launch } = require('./chromium');

const [pageUrl, queriesFile] = process.argv.slice(2);
const queries = JSON.parse(fs.readFileSync(queriesFile, 'utf8'));
const shard = (url) => (/\/search\/s\/\d+\.js/.exec(url) || [null])[0];

async function open(browser, query, refuseSearchJs) {
  const ctx = await browser.createBrowserContext();
  try {
    const page = await ctx.newPage();
    page.setDefaultTimeout(60000);
    const asked = {};
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.setRequestInterception(true);
    page.on('request', (r) => {
      const s = shard(r.url());
      if (s) asked[s] = (asked[s] || 0) + 1;
      if (refuseSearchJs && /\/search\.js(\?|$)/.test(r.url())) r.abort();
      else r.continue();
    });
    await page.goto(pageUrl + '?q=' + encodeURIComponent(query), { waitUntil: 'load' });
    let results = 0;
    if (!refuseSearchJs) {
      await page.waitForFunction(() => {
        const box = document.querySelector('[data-search-results]');
        return box && (box.hasAttribute('data-count') || box.hasAttribute('data-error'));
      });
      results = await page.evaluate(() => document.querySelectorAll('li.search-result').length);
    }
    return { asked, errors, results };
  } finally {
    await ctx.close();
  }
}

(async () => {
  const browser = await launch();
  const out = [];
  try {
    for (const query of queries) {
      const early = await open(browser, query, true);
      const all = await open(browser, query, false);
      out.push({ query, early: Object.keys(early.asked).sort(), errors: early.errors.concat(all.errors), all: all.asked, results: all.results });
    }
  } finally {
    await browser.close();
  }
  process.stdout.write(JSON.stringify(out));
})().catch((e) => { console.error(e); process.exit(1); });
