// Shared by the accessibility scripts (run by tests/a11y.rs): Debian's headless Chromium,
// axe-core, the page checks axe does not make, and a way to show a page as a server shows
// its 404 (at an address that does not exist).
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const AXE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

// WCAG 2.0, 2.1 and 2.2, levels A and AA: what the accessibility gate asks for.
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

// Debian's Chromium, headless, fresh profile, no background traffic (chromium.js).
export const { launch } = require('./chromium.js');

// A page (in a fresh context: no remembered large-text choice) that sees the site as a web
// server configured for it shows it: the files from the local test server, the same files
// at the public address (base_url, where the 404 page links; the test machine has no
// network), and 404.html with status 404 for any address that has no file.
export async function newPage(browser, { base, dir, siteUrl }) {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  page.setDefaultTimeout(60000);
  await page.setRequestInterception(true);
  page.on('request', (req) => {
    const url = req.url();
    const prefix = [siteUrl, base].find((p) => p && url.startsWith(p));
    if (!prefix) return req.continue();
    let rel = decodeURIComponent(url.slice(prefix.length).split(/[?#]/)[0]);
    if (rel === '' || rel.endsWith('/')) rel += 'index.html';
    const file = path.join(dir, rel);
    if (file.startsWith(dir + path.sep) && fs.existsSync(file) && fs.statSync(file).isFile()) {
      // The local server sends the site's own files; the public address has no server here.
      if (prefix === siteUrl) return req.continue();
      return req.respond({ status: 200, contentType: contentType(file), body: fs.readFileSync(file) });
    }
    return req.respond({ status: 404, contentType: contentType('404.html'), body: fs.readFileSync(path.join(dir, '404.html')) });
  });
  return page;
}

function contentType(file) {
  const types = { '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript', '.svg': 'image/svg+xml', '.json': 'application/json' };
  return types[path.extname(file)] || 'application/octet-stream';
}

// Reading aids the way a reader gets them: each choice remembered in localStorage
// ("bulletin-large", "bulletin-contrast", "bulletin-spacing"), applied by the <head> script
// before the page paints. `modes`: the names to turn on; the others are turned off.
export const MODE_NAMES = ['large', 'contrast', 'spacing'];
export async function setModes(page, modes) {
  await page.evaluateOnNewDocument((all, on) => {
    try {
      for (const m of all) {
        if (on.includes(m)) localStorage.setItem('bulletin-' + m, '1'); else localStorage.removeItem('bulletin-' + m);
      }
    } catch (e) {}
  }, MODE_NAMES, modes);
}

export async function setLarge(page, on) {
  await setModes(page, on ? ['large'] : []);
}

export async function axe(page) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(AXE);
  const result = await page.evaluate(async (tags) => {
    const r = await window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => ({ target: n.target.join(' '), summary: n.failureSummary })),
    }));
  }, WCAG_TAGS);
  return result;
}

// What the issue asks beyond axe: lang (and no Chinese on an English page), a skip link
// first, one h1, the base font size, big tap targets, no sideways scrolling, no box
// stretched past its content. Returns a list of problems in words.
export async function pageChecks(page, { lang, minFont, minTarget }) {
  return page.evaluate(({ lang, minFont, minTarget }) => {
    const problems = [];
    const html = document.documentElement;
    if (html.getAttribute('lang') !== lang) problems.push(`<html lang="${html.getAttribute('lang')}">, expected ${lang}`);
    const focusable = 'a[href], button, input, select, textarea, summary, [tabindex]:not([tabindex="-1"])';
    const first = document.querySelector(focusable);
    if (!first || first.getAttribute('href') !== '#main' || !document.getElementById('main')) {
      problems.push(`the first focusable element is not a skip link to #main: ${first && first.outerHTML.slice(0, 80)}`);
    }
    // An English site shows no Chinese word, including what scripts write (search results).
    const cjk = /[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]/;
    if (lang === 'en' && cjk.test(document.title + document.body.innerText)) {
      problems.push(`Chinese text on an English page: ${(document.body.innerText.match(/.{0,20}[\u3000-\u303f\u3400-\u9fff\uff00-\uffef].{0,20}/) || [])[0]}`);
    }
    const h1 = document.querySelectorAll('h1').length;
    if (h1 !== 1) problems.push(`${h1} <h1> elements`);
    const font = parseFloat(getComputedStyle(document.body).fontSize);
    if (font < minFont) problems.push(`body font ${font}px < ${minFont}px`);
    if (html.scrollWidth > html.clientWidth) problems.push(`scrolls sideways: ${html.scrollWidth}px content in ${html.clientWidth}px`);
    for (const el of document.querySelectorAll(focusable)) {
      if (el.disabled || el.closest('[hidden], .sr-only') || el.matches('.skip-link')) continue;
      const style = getComputedStyle(el);
      if (style.visibility === 'hidden' || style.display === 'none') continue;
      // Links inside running text are exempt (WCAG 2.5.8): they flow with the words.
      if (style.display === 'inline' && !el.matches('button, input, select, textarea')) continue;
      // The tap target of a box in a label is the label; of a stretched link
      // (a::after over its card or row), the box it covers.
      let box = el.closest('label') || el;
      if (getComputedStyle(el, '::after').position === 'absolute' && el.offsetParent) box = el.offsetParent;
      const r = box.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      if (r.height < minTarget - 0.5 || r.width < minTarget - 0.5) {
        problems.push(`tap target ${Math.round(r.width)}×${Math.round(r.height)}px < ${minTarget}px: ${el.outerHTML.slice(0, 100)}`);
      }
    }
    // A framed box ends with its content: stretched to a neighbour's height (a grid row),
    // its empty frame reads as items missing from a checklist.
    for (const box of document.querySelectorAll('.box')) {
      const last = box.lastElementChild;
      if (!last || !box.offsetParent) continue;
      const s = getComputedStyle(box);
      const inner = box.getBoundingClientRect().bottom - parseFloat(s.paddingBottom) - parseFloat(s.borderBottomWidth);
      const empty = inner - last.getBoundingClientRect().bottom - parseFloat(getComputedStyle(last).marginBottom);
      if (empty > 8) problems.push(`${Math.round(empty)}px of empty space at the foot of ${box.className}`);
    }
    return problems;
  }, { lang, minFont, minTarget });
}
