// What the theme does for residents beyond markup, checked in headless Chromium over the
// built example site. Run by tests/a11y.rs.
//
// Usage: node a11y-behaviour.mjs <check> <site url> <site dir> <base_url> [out dir]
//   check: expiry | print | large | aids | ticks | firstscreen | tel | small | notfound
//   out dir: where `print` writes guide-print.pdf and the print screenshots (qr-*.png)
// Prints JSON: [{ name, ok, detail }] — every named check, passed or not.
import fs from 'node:fs';
import path from 'node:path';
import { launch, newPage, setLarge, setModes, axe, pageChecks } from './a11y-common.mjs';

const [check, siteUrl, dir, base, outDir] = process.argv.slice(2);
const results = [];
const expect = (name, ok, detail = '') => results.push({ name, ok: !!ok, detail: String(detail) });

// A guide over HTTP and from a USB copy (file://): choices kept on the device must hold in both.
const origins = () => [
  ['http', `${siteUrl}guides/hukou-qianru.html`],
  ['file://', 'file://' + path.join(dir, 'guides/hukou-qianru.html')],
];

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

// The top of a printed sheet as a picture: print media on a sheet of A4's width (210 mm at
// 96 px a 25.4 mm: 794 px), at a phone camera's sharpness (2 device pixels a CSS pixel).
async function printShot(page, file) {
  await page.setViewport({ width: 794, height: 1123, deviceScaleFactor: 2 });
  await page.screenshot({ path: file });
  await page.setViewport({ width: 800, height: 600, deviceScaleFactor: 1 });
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
          hiddenGone: ['.site-nav', '.header-search', '.search', '.site-footer', '.crumbs', '.urgent', '[data-mode]', '[data-print]', '.menu-toggle', '.jump', '.guide-body:not(.print-body)']
            .filter((sel) => shown(sel)),
          kept: ['h1', '.checklist input[type=checkbox]', '.facts-box', '.steps-box', '.print-source', '.facts a[href^="tel:"]', '.print-qr svg']
            .filter((sel) => !shown(sel)),
          // What the steps refer to: every table and list of the body.
          bodyParts: document.querySelectorAll('.guide-body .prose table, .guide-body .prose ul, .guide-body .prose ol').length,
          bodyHidden: [...document.querySelectorAll('.guide-body .prose table, .guide-body .prose ul, .guide-body .prose ol')]
            .filter((el) => el.getClientRects().length === 0).map((el) => el.tagName).length,
        };
      });
      const mode = large ? ' (large text)' : '';
      expect(`${g}${mode}: print hides navigation, search, banners, footer`, state.hiddenGone.length === 0, state.hiddenGone.join(', '));
      expect(`${g}${mode}: print keeps title, checklist boxes, steps, facts, phone, QR code`, state.kept.length === 0, `missing: ${state.kept.join(', ')}`);
      expect(`${g}${mode}: print keeps every table and list of the body`, state.bodyHidden === 0, `${state.bodyHidden} of ${state.bodyParts} hidden`);
      const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
      const pages = pdfPages(pdf);
      // One sheet, unless the body's tables and lists need a second one.
      const sheets = state.bodyParts ? 2 : 1;
      expect(`${g}${mode}: prints on ${sheets === 1 ? 'one A4 sheet' : 'at most two A4 sheets'}`, pages >= 1 && pages <= sheets, `${pages} pages`);
      if (outDir && !large && g === 'hukou-qianru.html') fs.writeFileSync(path.join(outDir, 'guide-print.pdf'), pdf);
      if (outDir && !large) await printShot(page, path.join(outDir, `qr-guides-${g.replace('.html', '')}.png`));
    }
    await page.browserContext().close();
  }
  // Any page, not only guides, prints without the site's chrome; a notice with its QR code.
  const page = await newPage(browser, { base, dir, siteUrl });
  await page.emulateMediaType('print');
  for (const p of ['index.html', 'notices/dongji-fanghuo-fanzha.html', 'faq/index.html']) {
    await page.goto(siteUrl + p, { waitUntil: 'load' });
    if (outDir && p.startsWith('notices/')) await printShot(page, path.join(outDir, 'qr-notices-dongji-fanghuo-fanzha.png'));
    const shown = await page.evaluate(() => ['.site-nav', '.header-search', '.site-footer', '.crumbs', '.urgent']
      .filter((sel) => [...document.querySelectorAll(sel)].some((el) => el.getClientRects().length > 0)));
    expect(`${p}: print hides navigation, search and footer`, shown.length === 0, shown.join(', '));
  }
  await page.browserContext().close();
}

// The large-text switch: remembered on the device across reloads, over HTTP and from a
// USB copy (file://); hidden without JavaScript, as is the print button.
async function large(browser) {
  for (const [name, url] of origins()) {
    const page = await newPage(browser, { base, dir, siteUrl });
    const state = () => page.evaluate(() => ({
      large: document.documentElement.classList.contains('large'),
      pressed: document.querySelector('[data-mode="large"]').getAttribute('aria-pressed'),
      font: parseFloat(getComputedStyle(document.body).fontSize),
    }));
    await page.goto(url, { waitUntil: 'load' });
    let s = await state();
    expect(`${name}: starts in normal text`, !s.large && s.pressed === 'false' && s.font === 18, JSON.stringify(s));
    await page.click('[data-mode="large"]');
    s = await state();
    expect(`${name}: the switch turns large text on`, s.large && s.pressed === 'true' && s.font >= 22, JSON.stringify(s));
    await page.reload({ waitUntil: 'load' });
    s = await state();
    expect(`${name}: large text is remembered after reload`, s.large && s.pressed === 'true' && s.font >= 22, JSON.stringify(s));
    await page.goto(url.replace('guides/hukou-qianru.html', 'faq/index.html'), { waitUntil: 'load' });
    s = await state();
    expect(`${name}: large text is remembered on another page`, s.large && s.pressed === 'true', JSON.stringify(s));
    await page.click('[data-mode="large"]');
    await page.reload({ waitUntil: 'load' });
    s = await state();
    expect(`${name}: turning it off is remembered too`, !s.large && s.pressed === 'false' && s.font === 18, JSON.stringify(s));
    await page.browserContext().close();
  }
  const page = await newPage(browser, { base, dir, siteUrl });
  await page.setJavaScriptEnabled(false);
  await page.goto(`${siteUrl}guides/hukou-qianru.html`, { waitUntil: 'load' });
  expect('without JavaScript the large-text switch is not shown', !(await visible(page, '[data-mode="large"]')));
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

// The reading aids beside large text: each remembered across pages and reloads, over HTTP
// and from a USB copy (file://), each worked from the keyboard; 朗读 offered only with a
// Chinese voice, then reading the page's main text; no pop-up at any point.
async function aids(browser) {
  for (const [name, url] of origins()) {
    const page = await newPage(browser, { base, dir, siteUrl });
    let dialogs = 0;
    page.on('dialog', async (d) => { dialogs++; await d.dismiss(); });
    const state = () => page.evaluate(() => {
      const body = getComputedStyle(document.body);
      const pressed = (m) => document.querySelector(`[data-mode="${m}"]`).getAttribute('aria-pressed');
      return {
        classes: document.documentElement.className,
        contrast: pressed('contrast'), spacing: pressed('spacing'),
        text: body.color, lineHeight: parseFloat(body.lineHeight) / parseFloat(body.fontSize),
        header: getComputedStyle(document.querySelector('.site-header')).backgroundColor,
      };
    });
    await page.goto(url, { waitUntil: 'load' });
    let s = await state();
    expect(`${name}: starts without high contrast or wide spacing`, !/contrast|spacing/.test(s.classes) && s.contrast === 'false' && s.spacing === 'false', JSON.stringify(s));
    // From the keyboard: Tab to each button, Enter for one, Space for the other.
    const press = async (mode, key) => {
      await page.focus(`[data-mode="${mode}"]`);
      await page.keyboard.press(key);
    };
    await press('contrast', 'Enter');
    await press('spacing', ' ');
    s = await state();
    expect(`${name}: Enter and Space turn on high contrast and wide spacing`, /contrast/.test(s.classes) && /spacing/.test(s.classes) && s.contrast === 'true' && s.spacing === 'true', JSON.stringify(s));
    expect(`${name}: high contrast is black on white, wide spacing is wider`, s.text === 'rgb(0, 0, 0)' && s.header === 'rgb(0, 0, 0)' && s.lineHeight >= 2, JSON.stringify(s));
    await page.reload({ waitUntil: 'load' });
    s = await state();
    expect(`${name}: high contrast and wide spacing are remembered after reload`, /contrast/.test(s.classes) && /spacing/.test(s.classes) && s.contrast === 'true', JSON.stringify(s));
    await page.goto(url.replace('guides/hukou-qianru.html', 'faq/index.html'), { waitUntil: 'load' });
    s = await state();
    expect(`${name}: they are remembered on another page`, /contrast/.test(s.classes) && /spacing/.test(s.classes), JSON.stringify(s));
    await page.click('[data-mode="contrast"]');
    await page.click('[data-mode="spacing"]');
    await page.reload({ waitUntil: 'load' });
    s = await state();
    expect(`${name}: turning them off is remembered too`, !/contrast|spacing/.test(s.classes) && s.contrast === 'false', JSON.stringify(s));
    expect(`${name}: no pop-up`, dialogs === 0, dialogs);
    await page.browserContext().close();
  }

  // 朗读: hidden without a Chinese voice (Debian's Chromium has none), shown with one.
  const page = await newPage(browser, { base, dir, siteUrl });
  await page.goto(`${siteUrl}guides/hukou-qianru.html`, { waitUntil: 'load' });
  expect('read aloud is not offered without a Chinese voice', !(await visible(page, '[data-speak]')));
  await page.browserContext().close();
  const voiced = await newPage(browser, { base, dir, siteUrl });
  await voiced.evaluateOnNewDocument(() => {
    const spoken = [];
    window.__spoken = spoken;
    const voice = { lang: 'zh-CN', name: 'Test zh' };
    Object.defineProperty(window, 'speechSynthesis', { value: {
      getVoices: () => [{ lang: 'en-US', name: 'Test en' }, voice],
      speak: (u) => spoken.push({ text: u.text, lang: u.lang, voice: u.voice && u.voice.name }),
      cancel: () => { spoken.cancelled = (spoken.cancelled || 0) + 1; },
      addEventListener: () => {},
    } });
    window.SpeechSynthesisUtterance = function (text) { this.text = text; };
  });
  await voiced.goto(`${siteUrl}guides/hukou-qianru.html`, { waitUntil: 'load' });
  expect('read aloud is offered with a Chinese voice', await visible(voiced, '[data-speak]'));
  await voiced.focus('[data-speak]');
  await voiced.keyboard.press('Enter');
  const spoken = await voiced.evaluate(() => ({
    parts: window.__spoken.length,
    text: window.__spoken.map((u) => u.text).join(''),
    voices: [...new Set(window.__spoken.map((u) => u.voice))],
    main: document.getElementById('main').innerText.replace(/\s/g, ''),
    pressed: document.querySelector('[data-speak]').getAttribute('aria-pressed'),
  }));
  expect('read aloud reads the main text in sentences, in the Chinese voice',
    spoken.parts > 5 && spoken.text.includes('户口迁入') && spoken.text.includes('需要带的材料') &&
    spoken.voices.length === 1 && spoken.voices[0] === 'Test zh' && spoken.text.replace(/\s/g, '') === spoken.main,
    JSON.stringify({ ...spoken, main: spoken.main.slice(0, 40), text: spoken.text.slice(0, 40) }));
  expect('read aloud is pressed while reading', spoken.pressed === 'true', spoken.pressed);
  await voiced.keyboard.press('Enter');
  const stopped = await voiced.evaluate(() => ({ cancelled: window.__spoken.cancelled, pressed: document.querySelector('[data-speak]').getAttribute('aria-pressed') }));
  expect('pressed again, it stops', stopped.cancelled >= 2 && stopped.pressed === 'false', JSON.stringify(stopped));
  await voiced.browserContext().close();
}

// Checklist ticks: kept per page on this device (HTTP and file://), cleared by 清空.
async function ticks(browser) {
  for (const [name, url] of origins()) {
    const page = await newPage(browser, { base, dir, siteUrl });
    const ticked = () => page.evaluate(() => [...document.querySelectorAll('.checklist input')].map((b, i) => (b.checked ? i : -1)).filter((i) => i >= 0));
    await page.goto(url, { waitUntil: 'load' });
    expect(`${name}: the checklist starts unticked`, (await ticked()).length === 0);
    const boxes = await page.$$('.checklist input');
    await boxes[0].click();
    await boxes[2].click();
    await page.reload({ waitUntil: 'load' });
    expect(`${name}: ticks are kept after reload`, JSON.stringify(await ticked()) === '[0,2]', JSON.stringify(await ticked()));
    await page.goto(url.replace('hukou-qianru', 'hukou-qianchu'), { waitUntil: 'load' });
    expect(`${name}: another guide keeps its own ticks`, (await ticked()).length === 0, JSON.stringify(await ticked()));
    await page.goto(url, { waitUntil: 'load' });
    expect(`${name}: back on the first guide, its ticks are there`, JSON.stringify(await ticked()) === '[0,2]');
    await page.click('[data-ticks-clear]');
    expect(`${name}: 清空 unticks every box`, (await ticked()).length === 0);
    await page.reload({ waitUntil: 'load' });
    expect(`${name}: and that is kept too`, (await ticked()).length === 0, JSON.stringify(await ticked()));
    await page.browserContext().close();
  }
}

// The first screen of a phone (390×844): on every guide the checklist's heading, or in
// large text a link to it; inner pages fold the menu behind 菜单 (without JavaScript too),
// the urgent banner takes one line; the home page shows 110 and its search box.
async function firstscreen(browser) {
  const guides = fs.readdirSync(path.join(dir, 'guides')).filter((f) => f.endsWith('.html') && f !== 'index.html');
  for (const large of [false, true]) {
    const page = await newPage(browser, { base, dir, siteUrl });
    await setLarge(page, large);
    await page.setViewport({ width: 390, height: 844, deviceScaleFactor: 1 });
    const mode = large ? 'large text' : 'normal text';
    for (const g of guides) {
      await page.goto(`${siteUrl}guides/${g}`, { waitUntil: 'load' });
      const s = await page.evaluate((large) => {
        const bottom = (el) => (el && el.getClientRects().length ? el.getBoundingClientRect().bottom : Infinity);
        const heading = document.getElementById('g-materials');
        const link = document.querySelector('a[href="#g-materials"]');
        return { has: !!heading, heading: bottom(heading), link: bottom(link), linkText: link && link.textContent, scroll: window.scrollY, large };
      }, large);
      if (!s.has) continue;
      const seen = large ? s.link : s.heading;
      expect(`${g} (${mode}): ${large ? 'a link to the checklist' : "the checklist's heading"} is on the first screen`, seen <= 844 && s.scroll === 0, JSON.stringify(s));
      if (large) expect(`${g} (${mode}): the link says 要带的材料`, s.linkText === '要带的材料', s.linkText);
    }
    await page.goto(`${siteUrl}guides/hukou-qianru.html`, { waitUntil: 'load' });
    await page.click('a[href="#g-materials"]');
    const jumped = await page.evaluate(() => document.getElementById('g-materials').getBoundingClientRect().top);
    expect(`the link brings the checklist to the top (${mode})`, jumped >= -1 && jumped < 100, jumped);
    await page.browserContext().close();
  }
  for (const js of [true, false]) {
    const page = await newPage(browser, { base, dir, siteUrl });
    await page.setJavaScriptEnabled(js);
    await page.setViewport({ width: 390, height: 844, deviceScaleFactor: 1 });
    const how = js ? '' : ' without JavaScript';
    await page.goto(`${siteUrl}notices/index.html`, { waitUntil: 'load' });
    const header = () => page.evaluate(() => {
      const urgent = document.querySelector('.urgent a');
      const lh = parseFloat(getComputedStyle(urgent).lineHeight);
      return {
        // checkVisibility: a closed <details> keeps boxes for its content, unpainted.
        nav: document.querySelector('.site-nav').checkVisibility(),
        toggle: document.querySelector('.menu-toggle').getBoundingClientRect().bottom,
        urgentLines: Math.round(urgent.getBoundingClientRect().height / lh),
        header: document.querySelector('.site-header').getBoundingClientRect().height,
        emergency: document.querySelector('.emergency').getBoundingClientRect().bottom,
      };
    });
    let h = await header();
    expect(`inner page${how}: the menu is folded behind 菜单, the header is compact`, !h.nav && h.toggle < 80 && h.header < 100 && h.emergency < 100, JSON.stringify(h));
    expect(`inner page${how}: the urgent banner takes one line`, h.urgentLines === 1, JSON.stringify(h));
    await page.click('.menu-toggle');
    h = await header();
    expect(`inner page${how}: 菜单 opens the menu`, h.nav, JSON.stringify(h));
    await page.goto(`${siteUrl}index.html`, { waitUntil: 'load' });
    const home = await page.evaluate(() => {
      const shown = (el) => !!el && el.getClientRects().length > 0 && el.getBoundingClientRect().bottom <= 844;
      return { emergency: shown(document.querySelector('.emergency')), search: shown(document.querySelector('main input[type=search]')) };
    });
    expect(`home page${how}: 110 and the search box on the first screen`, home.emergency && home.search, JSON.stringify(home));
    await page.setViewport({ width: 1280, height: 900, deviceScaleFactor: 1 });
    await page.goto(`${siteUrl}notices/index.html`, { waitUntil: 'load' });
    const wide = await page.evaluate(() => ({
      nav: document.querySelector('.site-nav').checkVisibility(),
      toggle: document.querySelector('.menu-toggle').checkVisibility(),
    }));
    expect(`wide screen${how}: the menu shows without 菜单`, wide.nav && !wide.toggle, JSON.stringify(wide));
    await page.browserContext().close();
  }
}

// Phone numbers written in text dial when tapped: a guide's body and steps, a FAQ answer,
// a page; each on one line.
async function tel(browser) {
  const page = await newPage(browser, { base, dir, siteUrl });
  await page.setViewport({ width: 390, height: 844, deviceScaleFactor: 1 });
  const cases = [
    ['guides/hukou-qianru.html', '.guide-body .prose', 'tel:01234567891'],
    ['guides/gangao-tongxingzheng.html', '.guide-body .prose', 'tel:12367'],
    ['guides/hukou-qianru.html', '.steps', 'tel:01234567891'],
    ['faq/baojing-110.html', '.prose', 'tel:110'],
    ['pages/contact.html', '.prose', 'tel:01234567890'],
    ['pages/shequ-jingwushi.html', '.prose', 'tel:01234567801'],
  ];
  for (const [p, scope, href] of cases) {
    await page.goto(siteUrl + p, { waitUntil: 'load' });
    const links = await page.evaluate((scope, href) => [...document.querySelectorAll(`${scope} a[href="${href}"]`)].map((a) => ({
      text: a.textContent, lines: a.getClientRects().length, nowrap: getComputedStyle(a).whiteSpace,
    })), scope, href);
    expect(`${p} ${scope}: ${href} is a link in the text`, links.length > 0 && links.every((l) => l.lines === 1 && l.nowrap === 'nowrap'), JSON.stringify(links));
  }
  await page.browserContext().close();
}

// What residents notice: the contact page's hours table is readable on a phone, the 404
// page is styled from a USB copy, the search page's help text is large enough, a count
// stays with its measure word, footnotes look like notes.
async function small(browser) {
  const page = await newPage(browser, { base, dir, siteUrl });
  await page.setViewport({ width: 320, height: 700, deviceScaleFactor: 1 });
  await page.goto(`${siteUrl}pages/contact.html`, { waitUntil: 'load' });
  const cells = await page.evaluate(() => [...document.querySelectorAll('.prose td, .prose th')].map((c) => c.getBoundingClientRect().width / parseFloat(getComputedStyle(c).fontSize)));
  expect('the hours table: no column narrower than three characters at 320px', cells.length > 10 && Math.min(...cells) >= 3, cells.map((w) => w.toFixed(1)).join(' '));
  await page.setViewport({ width: 800, height: 600, deviceScaleFactor: 1 });
  await page.goto('file://' + path.join(dir, '404.html'), { waitUntil: 'load' });
  const styled = await page.evaluate(() => getComputedStyle(document.querySelector('.site-header')).backgroundColor);
  expect('the 404 page is styled from file://', styled === 'rgb(11, 58, 110)', styled);
  await page.goto(`${siteUrl}search/index.html`, { waitUntil: 'load' });
  const hint = await page.evaluate(() => parseFloat(getComputedStyle(document.querySelector('.search-hint')).fontSize));
  expect('the search page help text is at least 18px', hint >= 18, hint);
  await page.goto(`${siteUrl}guides/hukou-qianru.html`, { waitUntil: 'load' });
  const counts = await page.evaluate(() => {
    const text = document.querySelector('.guide-main').innerHTML;
    return { joined: (text.match(/\d\u2060[张份个元天]/g) || []).length, loose: (text.match(/\d[张份个元天]/g) || []).length };
  });
  expect('a count is joined to its measure word', counts.joined > 0 && counts.loose === 0, JSON.stringify(counts));
  const note = await page.evaluate(() => {
    const n = document.querySelector('.footnote-definition');
    const st = n && getComputedStyle(n);
    return n && { border: parseFloat(st.borderLeftWidth), background: st.backgroundColor, font: parseFloat(st.fontSize) };
  });
  expect('a footnote is set apart as a note', !!note && note.border >= 3 && note.background !== 'rgba(0, 0, 0, 0)' && note.font >= 16, JSON.stringify(note));
  await page.browserContext().close();
}

const checks = { expiry, print, large, aids, ticks, firstscreen, tel, small, notfound };
if (!checks[check]) throw new Error(`unknown check ${check}`);
const browser = await launch();
try {
  await checks[check](browser);
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify(results));
