// Shared launcher for browser tests: Debian's Chromium, headless, with a fresh profile and
// none of the background traffic that a closed network refuses.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const puppeteer = require('puppeteer-core');

const EXECUTABLE = process.env.CHROMIUM || '/usr/bin/chromium';

async function launch() {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'bulletin-chromium-'));
  const browser = await puppeteer.launch({
    executablePath: EXECUTABLE,
    headless: true,
    userDataDir: profile,
    // The whole suite runs browsers beside builds on two cores: a start or a reply can take
    // far longer than puppeteer's 30 s then, and a slow machine is not a broken page.
    timeout: 120000,
    protocolTimeout: 180000,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      // file:// pages load their index as <script src> from sibling folders; that works
      // with the default policy, so no --allow-file-access-from-files is needed.
    ],
  });
  const close = browser.close.bind(browser);
  browser.close = async () => {
    await close();
    fs.rmSync(profile, { recursive: true, force: true });
  };
  return browser;
}

module.exports = { launch };
