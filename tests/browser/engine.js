// Runs the real search.js engine in Node over a built site's index, as the browser would
// (scripts evaluated in one global), and records every file a query loads.
//
// Usage: node engine.js <site dir> <queries.json>   → JSON array, one entry per query:
//   { query, also, count, exact: [url], near: [url], partial: [url], marks: {url: [..]},
//     snippets: {url: html}, loaded: [path], bytes }
// Each query starts from a cold engine, so `bytes` is what a first visit loads: search.js,
// base.js, the shards of the query's terms and the document files of the first page.
'use strict';
const fs = require('fs');
const path = require('path');
const vm = require('vm');

const PAGE = 10;

function coldEngine(site) {
  const ctx = vm.createContext({ console });
  const loaded = [];
  const run = (file, name) => {
    const src = fs.readFileSync(file, 'utf8');
    loaded.push({ path: name, bytes: Buffer.byteLength(src) });
    vm.runInContext(src, ctx, { filename: name });
  };
  run(path.join(site, 'search.js'), 'search.js');
  const load = (p) => new Promise((resolve, reject) => {
    try { run(path.join(site, 'search', p), 'search/' + p); resolve(); } catch (e) { reject(e); }
  });
  return { engine: new ctx.BulletinSearch.Engine(load), api: ctx.BulletinSearch, loaded };
}

async function query(site, q, all) {
  const { engine, api, loaded } = coldEngine(site);
  const result = await engine.search(q);
  const tiers = result.tiers.map((t) => t.slice());
  const flat = tiers[0].concat(tiers[1], tiers[2]);
  const shown = all ? flat : flat.slice(0, PAGE);
  const docs = await engine.docs(shown);
  // The browser verifies exact hits on screen; do the same so counts agree with the page.
  shown.forEach((h, i) => {
    if (tiers[0].includes(h) && !engine.verify(docs[i], result.terms)) {
      tiers[0] = tiers[0].filter((x) => x !== h);
      tiers[1].unshift(h);
    }
  });
  const url = new Map(shown.map((h, i) => [h, docs[i].u]));
  const urls = (tier) => tier.filter((h) => url.has(h)).map((h) => url.get(h));
  const snippets = {};
  const marks = {};
  shown.forEach((h, i) => {
    snippets[docs[i].u] = api.snippet(docs[i], h.marks, engine.R);
    marks[docs[i].u] = h.marks;
  });
  return {
    query: q,
    also: Array.from(result.also),
    count: tiers[0].length,
    others: tiers[1].length + tiers[2].length,
    exact: urls(tiers[0]),
    near: urls(tiers[1]),
    partial: urls(tiers[2]),
    expired: shown.filter((h) => h.expired).map((h) => url.get(h)),
    marks,
    snippets,
    loaded: loaded.map((l) => l.path),
    bytes: loaded.reduce((s, l) => s + l.bytes, 0),
  };
}

async function main() {
  const [site, queriesFile] = process.argv.slice(2);
  const queries = JSON.parse(fs.readFileSync(queriesFile, 'utf8'));
  const all = process.env.ALL_RESULTS === '1';
  const out = [];
  for (const q of queries) out.push(await query(site, q, all));
  process.stdout.write(JSON.stringify(out));
}

main().catch((e) => { console.error(e && e.stack || e); process.exit(1); });
