// Drives a page served by `bulletin serve` in headless Chromium while the site's file is
// edited, broken and fixed, and prints what a member of staff would have seen, as JSON, for
// tests/serve_browser.rs to assert on.
//
// Usage: node serve-live.mjs <page URL> <Markdown file> <text in the page> <edited text>
//   The script edits the file itself (as an editor saves: a temporary file renamed over it).
// Output: { edited: {...}, broken: {...}, fixed: {...}, consoleErrors: [...] }
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { launch } = require('./chromium.js');

const [url, file, original, edited] = process.argv.slice(2);
const TIMEOUT = 30000;

function save(text) {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.tmp`);
  fs.writeFileSync(tmp, text);
  fs.renameSync(tmp, file);
}

// A page that has not reloaded still has this mark; a reloaded one has lost it.
async function mark(page) {
  await page.evaluate(() => { window.__bulletinMark = true; });
}

async function reloadedWith(page, text) {
  await page.waitForFunction(
    (t) => !window.__bulletinMark && document.body && document.body.innerText.includes(t),
    { timeout: TIMEOUT },
    text,
  );
}

const browser = await launch();
const result = { consoleErrors: [] };
try {
  const page = await browser.newPage();
  page.on('console', (m) => { if (m.type() === 'error') result.consoleErrors.push(m.text()); });
  page.on('pageerror', (e) => result.consoleErrors.push(String(e)));
  let navigations = 0;
  page.on('framenavigated', (frame) => { if (frame === page.mainFrame()) navigations += 1; });
  await page.goto(url, { waitUntil: 'load' });
  // The live script is connected once it has had its first event.
  await page.waitForSelector('html[data-bulletin-live]', { timeout: TIMEOUT });
  const good = fs.readFileSync(file, 'utf8');

  // An edit: the open page reloads by itself and shows it.
  await mark(page);
  save(good.replace(original, edited));
  await reloadedWith(page, edited);
  result.edited = { reloaded: true };
  // Let every reload of that save settle (a loaded machine may deliver one save as two
  // batches, each a reload of the same good page) and the page connect again, before the
  // next mark, which only a broken build's reload may not clear.
  for (let i = 0; i < 10; i += 1) {
    const seen = navigations;
    await new Promise((done) => setTimeout(done, 1500));
    if (navigations === seen) break;
  }
  await page.waitForSelector('html[data-bulletin-live]', { timeout: TIMEOUT });

  // Broken: an overlay names the file, line and message; the page is not reloaded and
  // still shows the last good build.
  await mark(page);
  save(good.replace(original, edited).replace('hours:', 'hour:'));
  await page.waitForSelector('#bulletin-errors', { timeout: TIMEOUT });
  result.broken = await page.evaluate((t) => {
    const o = document.getElementById('bulletin-errors');
    return {
      overlay: o.innerText,
      where: Array.from(o.querySelectorAll('.bulletin-error-where')).map((e) => e.textContent),
      messages: Array.from(o.querySelectorAll('.bulletin-error-message')).map((e) => e.textContent),
      role: o.getAttribute('role'),
      stillMarked: window.__bulletinMark === true,
      stillShows: document.body.innerText.includes(t),
    };
  }, edited);

  // A page opened while the site is broken shows the overlay too.
  const second = await browser.newPage();
  await second.goto(url, { waitUntil: 'load' });
  await second.waitForSelector('#bulletin-errors', { timeout: TIMEOUT });
  result.broken.newPageOverlay = await second.$eval('#bulletin-errors', (o) => o.innerText);
  await second.close();

  // Fixed: the overlay goes and the page reloads with the fix.
  save(good.replace(original, `${edited}（已修正）`));
  await reloadedWith(page, `${edited}（已修正）`);
  result.fixed = {
    reloaded: true,
    overlay: await page.evaluate(() => document.getElementById('bulletin-errors') !== null),
  };
} finally {
  await browser.close();
}
console.log(JSON.stringify(result));
