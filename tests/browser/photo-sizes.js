// Opens each picture in headless Chromium and prints the size it is shown at, as JSON, for
// tests/photos.rs: a phone photo turned by its EXIF orientation shows with its width and
// height swapped, so the published copy must show at the size of the original.
//
// Usage: node photo-sizes.js <file:// or http:// URL of a picture>...
// Output: [{ url, width, height }, ...]
'use strict';
const { launch } = require('./chromium');

(async () => {
  const browser = await launch();
  try {
    const page = await browser.newPage();
    const sizes = [];
    for (const url of process.argv.slice(2)) {
      // Opened on its own, as a resident's phone opens a link to it.
      await page.goto(url);
      const size = await page.evaluate(() => {
        const img = document.images[0];
        return { width: img.naturalWidth, height: img.naturalHeight };
      });
      sizes.push({ url, ...size });
    }
    console.log(JSON.stringify(sizes));
  } finally {
    await browser.close();
  }
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
