// How long the desk's preview takes to follow typing: in headless Chromium on a new notice,
// a title typed character by character; each time, from the last keystroke to the preview
// showing it. Includes the desk's wait for a pause (the debounce). Prints JSON of the
// times in milliseconds. Run by benches/desk.sh; not a test.
import { launch } from './a11y-common.mjs';

const [base, runs] = process.argv.slice(2);
const browser = await launch();
const times = [];
try {
  const page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 900 });
  await page.goto(base + '/_desk/new/notice', { waitUntil: 'networkidle0' });
  for (let i = 0; i < Number(runs || 10); i += 1) {
    const word = `停水通知第${i}次`;
    await page.$eval('#f-title', (el) => { el.value = ''; });
    await page.type('#f-title', word);
    const started = await page.evaluate(() => performance.now());
    await page.waitForFunction((w) => document.querySelector('#preview').srcdoc.includes(w), { polling: 'mutation' }, word);
    const ended = await page.evaluate(() => performance.now());
    times.push(Math.round(ended - started));
  }
} finally {
  await browser.close();
}
times.sort((a, b) => a - b);
console.log(JSON.stringify({ median: times[Math.floor(times.length / 2)], max: times[times.length - 1], times }));
