// The staff desk in headless Chromium, as a clerk uses it: write a new notice and watch
// the preview follow, see a mistake named at its field, type Chinese through an input
// method (composition events from the DevTools protocol), save, find the page on the site;
// write a guide with a six-item checklist using the row buttons; axe on every desk page at
// desktop and tablet width. Prints a JSON report; the Rust test (tests/integration/
// desk_browser.rs) judges it.
import { launch, axe, pageChecks } from './a11y-common.mjs';

const [base, photo, shots] = process.argv.slice(2);
const report = { axe: {}, checks: {} };
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function audit(page, name) {
  process.stderr.write('audit ' + name + '\n');
  report.axe[name] = await axe(page);
  report.checks[name] = await pageChecks(page, { lang: 'zh-CN', minFont: 18, minTarget: 24 });
}

async function previewed(page, since) {
  await page.waitForFunction((n) => Number(document.querySelector('#page-form').dataset.previewed || 0) > n, { timeout: 20000 }, since);
}

// A click as a person makes it: the control scrolled to the middle of the screen first (the
// sticky 保存 bar covers the bottom edge, where a scroll "into view" would leave it).
async function press(handle) {
  await handle.evaluate((el) => el.scrollIntoView({ block: 'center' }));
  await handle.click();
}

const previewCount = (page) => page.evaluate(() => Number(document.querySelector('#page-form').dataset.previewed || 0));

const browser = await launch();
try {
  const page = await browser.newPage();
  page.setDefaultTimeout(60000);
  if (process.env.DESK_DEBUG) page.on('framenavigated', (f) => process.stderr.write(`nav ${f === page.mainFrame()} ${f.url()}\n`));
  let previewRequests = 0;
  page.on('request', (r) => { if (r.url().endsWith('/_desk/preview')) previewRequests += 1; });
  for (const [w, h, label] of [[1280, 900, 'desktop'], [820, 1180, 'tablet']]) {
    await page.setViewport({ width: w, height: h });
    await page.goto(base + '/_desk/', { waitUntil: 'networkidle0' });
    await audit(page, `overview-${label}`);
    await page.goto(base + '/_desk/new/guide', { waitUntil: 'networkidle0' });
    await audit(page, `new-guide-${label}`);
    await page.goto(base + '/_desk/edit/guides/hukou-qianru.md', { waitUntil: 'networkidle0' });
    await audit(page, `edit-guide-${label}`);
    for (const other of ['import', 'publish', 'new/story']) {
      await page.goto(`${base}/_desk/${other}`, { waitUntil: 'networkidle0' });
      await audit(page, `${other}-${label}`);
    }
  }
  if (shots) await page.screenshot({ path: `${shots}/desk-edit.png` });

  // A new notice: the preview follows the title.
  await page.setViewport({ width: 1280, height: 900 });
  await page.goto(base + '/_desk/new/notice', { waitUntil: 'networkidle0' });
  let seen = await previewCount(page);
  await page.type('#f-title', '冬季用水提醒');
  await previewed(page, seen);
  await page.waitForFunction(() => document.querySelector('#preview').srcdoc.includes('冬季用水提醒'));
  report.previewShowsTitle = true;

  // A mistake is named at its field: a title left empty.
  seen = await previewCount(page);
  await page.$eval('#f-title', (el) => { el.value = ''; el.dispatchEvent(new Event('input', { bubbles: true })); });
  await previewed(page, seen);
  report.titleFinding = await page.$eval('[data-findings="title"]', (ul) => ul.textContent);
  seen = await previewCount(page);
  await page.type('#f-title', '冬季用水提醒');
  await previewed(page, seen);
  report.titleFindingAfterFix = await page.$eval('[data-findings="title"]', (ul) => ul.textContent);

  // Chinese through an input method: pinyin composed letter by letter, then committed.
  await page.click('#f-body');
  await page.keyboard.press('End');
  const cdp = await page.createCDPSession();
  const before = previewRequests;
  for (const text of ['t', 'ti', 'tin', 'ting', 'tings', 'tingsh', 'tingshu', 'tingshui']) {
    await cdp.send('Input.imeSetComposition', { text, selectionStart: text.length, selectionEnd: text.length });
    await sleep(120);
  }
  await sleep(600);
  report.requestsWhileComposing = previewRequests - before;
  seen = await previewCount(page);
  await cdp.send('Input.insertText', { text: '停水' });
  await previewed(page, seen);
  await cdp.send('Input.insertText', { text: '，请储水。' });
  await sleep(50);
  report.body = await page.$eval('#f-body', (t) => t.value);
  seen = await previewCount(page);
  await previewed(page, seen - 1);
  await page.waitForFunction(() => document.querySelector('#preview').srcdoc.includes('停水，请储水。'));
  report.previewShowsComposed = true;

  // Save: the browser lands on the page's edit form, which links to the site.
  await Promise.all([page.waitForNavigation(), page.click('.buttons button[type=submit]:not([name])')]);
  report.afterSave = { url: page.url(), notice: await page.$eval('.notice', (p) => p.textContent) };
  const site = await page.$eval('.notice a', (a) => a.href);
  let shown = '';
  for (let i = 0; i < 100 && !shown.includes('冬季用水提醒'); i += 1) {
    const r = await fetch(site);
    shown = r.ok ? await r.text() : '';
    if (!shown.includes('冬季用水提醒')) await sleep(100);
  }
  report.published = shown.includes('冬季用水提醒') && shown.includes('停水，请储水。');

  // A guide with six things to bring, added with the row buttons; the last moved up.
  await page.goto(base + '/_desk/new/guide', { waitUntil: 'networkidle0' });
  await page.type('#f-title', '办理临时身份证');
  const items = ['居民户口簿', '近期照片', '原身份证', '申请表', '委托书', '代办人身份证'];
  for (let i = 0; i < items.length; i += 1) {
    // A new row by the button, or by Enter at the end of the last row, as a clerk would.
    if (i > 0 && i % 2 === 0) await page.keyboard.press('Enter');
    else if (i > 0) await press(await page.$('[data-rows="materials"] ~ button'));
    const rows = await page.$$('[data-rows="materials"] > li');
    const row = rows[rows.length - 1];
    await (await row.$('input[name="materials.name"]')).type(items[i]);
    if (i === 0) await (await row.$('select')).select('true');
  }
  const rows = await page.$$('[data-rows="materials"] > li');
  await press(await rows[rows.length - 1].$('button[aria-label="上移"]'));
  await page.type('#f-where', '柳湾派出所户籍窗口');
  if (shots) await page.screenshot({ path: `${shots}/desk-guide.png`, fullPage: false });
  await Promise.all([page.waitForNavigation(), page.click('.buttons button[type=submit]:not([name])')]);
  report.guideSaved = page.url();
  // A story with a phone photo: described, then uploaded with 保存.
  await page.goto(base + '/_desk/new/story', { waitUntil: 'networkidle0' });
  await page.type('#f-title', '民警帮走失老人回家');
  await page.type('#f-body', '12 月 1 日上午，巡逻民警在菜市场门口遇到一位迷路的老人。');
  const more = await page.$('details.more');
  if (more) await more.evaluate((d) => { d.open = true; });
  await page.type('#f-image_alt', '民警扶着老人走回小区');
  await (await page.$('input[type=file][name="image:upload"]')).uploadFile(photo);
  await Promise.all([page.waitForNavigation(), page.click('.buttons button[type=submit]:not([name])')]);
  report.storySaved = page.url();
  await page.goto(base + '/_desk/', { waitUntil: 'networkidle0' });
  if (shots) await page.screenshot({ path: `${shots}/desk-overview.png` });
} finally {
  await browser.close();
}
console.log(JSON.stringify(report));
