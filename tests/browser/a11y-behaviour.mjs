// What the theme does for residents beyond markup, checked in headless Chromium over the
// built example site. Run by tests/a11y.rs.
//
// Usage: node a11y-behaviour.mjs <check> <site url> <site dir> <base_url> [out dir]
//   check: expiry | print | large | notfound
// Prints JSON: [{ name, ok, detail }] — every named check, passed or not.
import fs from 'node:fs';
import path from 'node:path';
import { launch, newPage, setLarge, axe, pageChecks } from './a11y-common.mjs';

const [check, siteUrl, dir, base, outDir] = process.argv.slice(2);
const results = [];
const expect = (name, ok, detail = '') => results.push({ name, ok: !!ok, detail: String(detail) });

// The reader's clock, set before any script of the page runs.
async function fakeClock(page, iso) {
  await page.evaluateOnNewDocument((iso) => {
    const Real = Date;
    const fixed = Real.parse(iso);
    class FakeDate extends Real {
      constructor(...args) { if (args.length) super(...args); else super(fixed); }
      static now() { return fixed; }
    }
    window.Date = FakeDate;
  }, iso);
}

const visible = (page, sel) => page.evaluate((sel) => {
  const el = document.querySelector(sel);
  return !!el && el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
}, sel);

// The urgent winter notice is current at the build's "now" (2026-12-01) and expires
// `2027-02-28`: a bare day, in force through that whole day in Beijing.
async function expiry(browser) {
  const notice = 'notices/dongji-fanghuo-fanzha.html';
  const cases = [
    { at: '2027-02-28T23:59:00+08:00', expired: false },
    { at: '2027-03-01T00:00:30+08:00', expired: true },
  ];
  for (const { at, expired } of cases) {
    const page = await newPage(browser, { base, dir, siteUrl });
    // A reader in another time zone: the moment is absolute, the zone must not matter.
    await page.emulateTimezone('America/Los_Angeles');
    await fakeClock(page, at);
    await page.goto(siteUrl + notice, { waitUntil: 'load' });
    const state = await page.evaluate(() => {
      const article = document.querySelector('article[data-expires]');
      const shown = (el) => !!el && el.getClientRects().length > 0;
      return {
        articleExpired: !!article && article.classList.contains('is-expired'),
        banner: shown(document.querySelector('.status-expired')),
        bannerText: (document.querySelector('.status-expired') || {}).innerText || '',
        validUntil: shown(document.querySelector('[data-until-expired]')),
        urgentBox: shown(document.querySelector('[data-urgent]')),
        text: document.querySelector('main').innerText,
      };
    });
    const when = `at ${at}`;
    expect(`notice expired ${when}`, state.articleExpired === expired, JSON.stringify(state));
    expect(`已过期 banner ${expired ? 'shown' : 'hidden'} ${when}`, state.banner === expired && (!expired || state.bannerText.includes('已过期')), state.bannerText);
    expect(`"valid until" ${expired ? 'hidden' : 'shown'} ${when}`, state.validUntil === !expired);
    expect(`urgent banner ${expired ? 'hidden' : 'shown'} ${when}`, state.urgentBox === !expired);
    // The home page lists it: its row is marked and the banner goes there too.
    await page.goto(siteUrl + 'index.html', { waitUntil: 'load' });
    const home = await page.evaluate((notice) => {
      const row = document.querySelector(`.item a[href="${notice}"]`);
      const item = row && row.closest('.item');
      const badge = item && item.querySelector('[data-when-expired]');
      return {
        row: !!item,
        marked: !!item && item.classList.contains('is-expired'),
        badge: !!badge && badge.getClientRects().length > 0,
        urgentBox: !!document.querySelector('[data-urgent]') && document.querySelector('[data-urgent]').getClientRects().length > 0,
      };
    }, notice);
    expect(`home lists the notice ${when}`, home.row);
    expect(`home row marked ${expired ? '已过期' : 'current'} ${when}`, home.marked === expired && home.badge === expired, JSON.stringify(home));
    expect(`home urgent banner ${expired ? 'hidden' : 'shown'} ${when}`, home.urgentBox === !expired);
    await page.browserContext().close();
  }
}

function pdfPages(buffer) {
  return (Buffer.from(buffer).toString('latin1').match(/\/Type\s*\/Page(?![a-zA-Z])/g) || []).length;
}

// Printing: no menu, search, banners, breadcrumbs or footer; a guide keeps what a resident
// brings to the window and fits one A4 sheet, also when the reader uses large text.
async function print(browser) {
  const guides = fs.readdirSync(path.join(dir, 'guides')).filter((f) => f.endsWith('.html') && f !== 'index.html');
  expect('the example site has guides', guides.length >= 5, guides.length);
  for (const large of [false, true]) {
    const page = await newPage(browser, { base, dir, siteUrl });
    await setLarge(page, large);
    await page.emulateMediaType('print');
    for (const g of guides) {
      await page.goto(`${siteUrl}guides/${g}`, { waitUntil: 'load' });
      const state = await page.evaluate(() => {
        const shown = (sel) => [...document.querySelectorAll(sel)].some((el) => el.getClientRects().length > 0);
        return {
          hiddenGone: ['.site-nav', '.header-search', '.search', '.site-footer', '.crumbs', '.urgent', '[data-large-toggle]', '[data-print]', '.guide-body']
            .filter((sel) => shown(sel)),
          kept: ['h1', '.checklist input[type=checkbox]', '.facts-box', '.steps-box', '.print-source', '.facts a[href^="tel:"]']
            .filter((sel) => !shown(sel)),
        };
      });
      const mode = large ? ' (large text)' : '';
      expect(`${g}${mode}: print hides navigation, search, banners, footer`, state.hiddenGone.length === 0, state.hiddenGone.join(', '));
      expect(`${g}${mode}: print keeps title, checklist boxes, steps, facts, phone`, state.kept.length === 0, `missing: ${state.kept.join(', ')}`);
      const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
      const pages = pdfPages(pdf);
      expect(`${g}${mode}: prints on one A4 sheet`, pages === 1, `${pages} pages`);
      if (outDir && !large && g === 'hukou-qianru.html') fs.writeFileSync(path.join(outDir, 'guide-print.pdf'), pdf);
    }
    await page.browserContext().close();
  }
  // Any page, not only guides, prints without the site's chrome.
  const page = await newPage(browser, { base, dir, siteUrl });
  await page.emulateMediaType('print');
  for (const p of ['index.html', 'notices/dongji-fanghuo-fanzha.html', 'faq/index.html']) {
    await page.goto(siteUrl + p, { waitUntil: 'load' });
    const shown = await page.evaluate(() => ['.site-nav', '.header-search', '.site-footer', '.crumbs', '.urgent']
      .filter((sel) => [...document.querySelectorAll(sel)].some((el) => el.getClientRects().length > 0)));
    expect(`${p}: print hides navigation, search and footer`, shown.length === 0, shown.join(', '));
  }
  await page.browserContext().close();
}

// The large-text switch: remembered on the device across reloads, over HTTP and from a
// USB copy (file://); hidden without JavaScript, as is the print button.
async function large(browser) {
  const origins = [
    ['http', `${siteUrl}guides/hukou-qianru.html`],
    ['file://', 'file://' + path.join(dir, 'guides/hukou-qianru.html')],
  ];
  for (const [name, url] of origins) {
    const page = await newPage(browser, { base, dir, siteUrl });
    const state = () => page.evaluate(() => ({
      large: document.documentElement.classList.contains('large'),
      pressed: document.querySelector('[data-large-toggle]').getAttribute('aria-pressed'),
      font: parseFloat(getComputedStyle(document.body).fontSize),
    }));
    await page.goto(url, { waitUntil: 'load' });
    let s = await state();
    expect(`${name}: starts in normal text`, !s.large && s.pressed === 'false' && s.font === 18, JSON.stringify(s));
    await page.click('[data-large-toggle]');
    s = await state();
    expect(`${name}: the switch turns large text on`, s.large && s.pressed === 'true' && s.font >= 22, JSON.stringify(s));
    await page.reload({ waitUntil: 'load' });
    s = await state();
    expect(`${name}: large text is remembered after reload`, s.large && s.pressed === 'true' && s.font >= 22, JSON.stringify(s));
    await page.goto(url.replace('guides/hukou-qianru.html', 'faq/index.html'), { waitUntil: 'load' });
    s = await state();
    expect(`${name}: large text is remembered on another page`, s.large && s.pressed === 'true', JSON.stringify(s));
    await page.click('[data-large-toggle]');
    await page.reload({ waitUntil: 'load' });
    s = await state();
    expect(`${name}: turning it off is remembered too`, !s.large && s.pressed === 'false' && s.font === 18, JSON.stringify(s));
    await page.browserContext().close();
  }
  const page = await newPage(browser, { base, dir, siteUrl });
  await page.setJavaScriptEnabled(false);
  await page.goto(`${siteUrl}guides/hukou-qianru.html`, { waitUntil: 'load' });
  expect('without JavaScript the large-text switch is not shown', !(await visible(page, '[data-large-toggle]')));
  expect('without JavaScript the print button is not shown', !(await visible(page, '[data-print]')));
  await page.browserContext().close();
}

// A server shows 404.html for a missing address however deep: with base_url set its
// links and stylesheet point at the site's public address, so they still work there.
async function notfound(browser) {
  const page = await newPage(browser, { base, dir, siteUrl });
  const response = await page.goto(`${siteUrl}old/deep/missing/page.html`, { waitUntil: 'load' });
  expect('a missing address answers 404 with the 404 page', response.status() === 404);
  const state = await page.evaluate(() => ({
    styled: getComputedStyle(document.querySelector('.site-header')).backgroundColor,
    font: parseFloat(getComputedStyle(document.body).fontSize),
    links: [...document.querySelectorAll('a[href], link[href], script[src], form[action]')]
      .map((el) => el.getAttribute('href') || el.getAttribute('src') || el.getAttribute('action')),
    home: document.querySelector('main a.btn') && document.querySelector('main a.btn').href,
  }));
  expect('its stylesheet loads at a deep address', state.styled === 'rgb(11, 58, 110)' && state.font === 18, JSON.stringify(state));
  const relative = state.links.filter((l) => !/^(https?:|tel:|#)/.test(l));
  expect('its links are absolute (base_url)', relative.length === 0, relative.join(' '));
  expect('its home link goes to the site', state.home === `${base}index.html`, state.home);
  const problems = await pageChecks(page, { lang: 'zh-CN', minFont: 18, minTarget: 44 });
  expect('it passes the page checks', problems.length === 0, problems.join('; '));
  const violations = await axe(page);
  expect('it has no axe violations', violations.length === 0, JSON.stringify(violations));
  await page.browserContext().close();
}

const checks = { expiry, print, large, notfound };
if (!checks[check]) throw new Error(`unknown check ${check}`);
const browser = await launch();
try {
  await checks[check](browser);
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify(results));
