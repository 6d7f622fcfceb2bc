// Drives the real search page in headless Chromium (Debian's /usr/bin/chromium, through
// puppeteer-core) and prints what a resident would see, as JSON, for tests/search_browser.rs
// to assert on.
//
// Usage: node search-page.js <site base URL ending in "/"> <queries.json>
//   The base may be file:///…/public/ or http://127.0.0.1:PORT/station/sub/.
// Output: { queries: [...], typing: {...}, header: {...}, nojs: {...}, errors: [...] }
'use strict';
const fs = require('fs');
const { launch } = require('./chromium');

const base = process.argv[2];
const queries = JSON.parse(fs.readFileSync(process.argv[3], 'utf8'));

// Waits until the page has announced a result (or an error) for the current query.
async function settled(page) {
  await page.waitForFunction(() => {
    const box = document.querySelector('[data-search-results]');
    return box && (box.hasAttribute('data-count') || box.hasAttribute('data-error'));
  }, { timeout: 15000 });
}

async function observe(page) {
  return page.evaluate(() => {
    const box = document.querySelector('[data-search-results]');
    const status = document.querySelector('[data-search-status]');
    const results = Array.from(box.querySelectorAll('li.search-result')).map((li) => {
      const a = li.querySelector('a');
      return {
        href: a.getAttribute('href'),
        url: a.href,
        title: li.querySelector('.search-title').textContent,
        kind: (li.querySelector('.search-kind') || {}).textContent || null,
        date: (li.querySelector('time') || {}).textContent || null,
        meta: li.querySelector('.search-meta').textContent,
        expired: (li.querySelector('.search-expired') || {}).textContent || null,
        exact: !!li.closest('ol.search-exact'),
        marks: Array.from(li.querySelectorAll('mark')).map((m) => m.textContent),
      };
    });
    return {
      count: box.getAttribute('data-count'),
      error: box.getAttribute('data-error'),
      status: status.textContent,
      live: status.getAttribute('aria-live'),
      // Results were drawn from base.js before their document files came.
      early: window.__early === true,
      role: status.getAttribute('role'),
      input: document.querySelector('[data-search-form] input[name="q"]').value,
      results,
    };
  });
}

async function main() {
  const browser = await launch();
  const errors = [];
  const out = { queries: [], typing: null, header: null, nojs: null, errors, scripts: null };
  try {
    const page = await browser.newPage();
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    // Every script the search page loads: the index parts must carry the build's version.
    out.scripts = [];
    // Who asked for search.js and base.js, from which page: on the search page, its
    // preload ("parser"); on another page, the search box's prefetch when focused.
    out.fetched = [];
    page.on('request', (r) => {
      if (r.resourceType() === 'script') out.scripts.push(r.url());
      if (/\/search(\/base)?\.js/.test(r.url())) {
        const search = /\/search\/index\.html/.test(r.frame() ? r.frame().url() : '');
        out.fetched.push({ file: r.url().includes('base.js') ? 'base' : 'code', search, by: (r.initiator() || {}).type || null });
      }
    });
    await page.evaluateOnNewDocument(() => {
      new MutationObserver(() => {
        if (document.querySelector('[data-early]')) window.__early = true;
      }).observe(document, { childList: true, subtree: true });
    });

    // Shareable links: each query opens search/index.html?q=….
    for (const q of queries) {
      const t0 = Date.now();
      await page.goto(base + 'search/index.html?q=' + encodeURIComponent(q));
      await settled(page);
      const seen = await observe(page);
      seen.query = q;
      seen.ms = Date.now() - t0;
      out.queries.push(seen);
    }

    // Typing in the page's own box, then the keyboard: ArrowDown to the first result,
    // Enter to open it.
    await page.goto(base + 'search/index.html');
    await page.focus('#search-q');
    await page.keyboard.type('居住证');
    await page.waitForFunction(() => document.querySelectorAll('[data-search-results] a').length > 0, { timeout: 15000 });
    // The first titles are drawn before the index arrives; the keys go to the list drawn
    // once the count is known (a person's first ArrowDown comes well after that).
    await settled(page);
    const typed = await observe(page);
    await page.keyboard.press('ArrowDown');
    const focused = await page.evaluate(() => document.activeElement && document.activeElement.getAttribute('href'));
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    out.typing = { results: typed.results.length, focused, landed: page.url() };

    // The search box every page has (in the header of the home page) submits to the
    // search page with ?q=, relative to wherever the site lives.
    await page.goto(base + 'index.html');
    await page.type('form[role="search"] input[name="q"]', '身份证');
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    await settled(page);
    out.header = { url: page.url(), seen: await observe(page) };

    // The page's structure: a labelled input inside role=search.
    await page.goto(base + 'search/index.html');
    out.structure = await page.evaluate(() => {
      const form = document.querySelector('[data-search-form]');
      const input = form.querySelector('input[name="q"]');
      const label = document.querySelector('label[for="' + input.id + '"]');
      return { role: form.getAttribute('role'), label: label && label.textContent, type: input.type };
    });

    // A reader who moves to a result drawn early, before its document file came, keeps
    // their place when the verified result replaces it. The document files are held back
    // here to open that moment (a server is needed: file:// requests cannot be held).
    if (base.startsWith('http')) {
      const slow = await browser.newPage();
      await slow.setRequestInterception(true);
      slow.on('request', (r) => {
        if (/\/search\/d\//.test(r.url())) setTimeout(() => r.continue(), 1500);
        else r.continue();
      });
      await slow.goto(base + 'search/index.html');
      await slow.focus('#search-q');
      await slow.keyboard.type('居住证');
      await slow.waitForSelector('[data-early] a', { timeout: 15000 });
      await slow.keyboard.press('ArrowDown');
      const early = await slow.evaluate(() => document.activeElement.closest('[data-early]') !== null && document.activeElement.getAttribute('href'));
      await settled(slow);
      out.keptFocus = await slow.evaluate((early) => ({
        early,
        after: document.activeElement.getAttribute('href'),
        redrawn: document.activeElement.closest('li.search-result:not([data-early])') !== null,
      }), early);
    }

    // Without JavaScript the page says so and links to the section lists.
    const plain = await browser.newPage();
    await plain.setJavaScriptEnabled(false);
    await plain.goto(base + 'search/index.html?q=hukou');
    out.nojs = await plain.evaluate(() => {
      const ns = document.querySelector('noscript');
      return { text: ns ? ns.innerHTML : null, visible: !!document.querySelector(".search-noscript") && document.querySelector(".search-noscript").offsetHeight > 0 };
    });
  } finally {
    await browser.close();
  }
  process.stdout.write(JSON.stringify(out));
}

main().catch((e) => { console.error(e && e.stack || e); process.exit(1); });
