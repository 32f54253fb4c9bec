// browse.js - load every page of a polidex report in the system Chromium
// (tests/cli/t_report.sh runs it).
//
//   node browse.js REPORT_DIR SHOTS_DIR REQ_PAGE
//
// Every request that is not file:// is refused and counted; console
// errors and page errors are collected; the data-count values of each
// page (after its scripts ran) are collected. Screenshots of the
// overview, the timeline and REQ_PAGE (a requirement page, relative to
// REPORT_DIR), on a laptop and the overview on a phone, go to SHOTS_DIR.
// Prints one JSON object on stdout.
'use strict';
const fs = require('fs');
const path = require('path');
const puppeteer = require('puppeteer-core');

function walk(dir, out) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (e.name.endsWith('.html')) out.push(p);
  }
  return out;
}

async function main() {
  const [dir, shots, reqPage] = process.argv.slice(2).map((p) => path.resolve(p));
  fs.mkdirSync(shots, { recursive: true });
  const browser = await puppeteer.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--allow-file-access-from-files'],
  });
  const result = { pages: 0, requests: 0, external: [], errors: [], counts: {} };
  const watch = async (page, where) => {
    await page.setRequestInterception(true);
    page.on('request', (r) => {
      result.requests++;
      if (r.url().startsWith('file://') || r.url().startsWith('data:')) r.continue();
      else {
        result.external.push(where.now + ': ' + r.url());
        r.abort();
      }
    });
    page.on('console', (m) => {
      if (m.type() === 'error') result.errors.push(where.now + ': console: ' + m.text());
    });
    page.on('pageerror', (e) => result.errors.push(where.now + ': ' + e.message));
    page.on('requestfailed', (r) => {
      if (r.url().startsWith('file://')) result.errors.push(where.now + ': failed: ' + r.url());
    });
    await page.setViewport({ width: 1280, height: 900 });
  };
  const files = walk(dir, []).sort();
  let next = 0;
  // a few tabs at once: the pages are independent
  const worker = async () => {
    const page = await browser.newPage();
    const where = { now: '' };
    await watch(page, where);
    while (next < files.length) {
      const file = files[next++];
      where.now = path.relative(dir, file);
      await page.goto('file://' + file, { waitUntil: 'domcontentloaded' });
      result.pages++;
      const got = await page.evaluate(() => {
        const o = {};
        for (const e of document.querySelectorAll('[data-count]'))
          o[e.getAttribute('data-count')] = Number(e.textContent.trim());
        const sortable = document.querySelectorAll('table.sortable').length;
        const buttons = document.querySelectorAll('table.sortable thead button').length;
        return { o, ran: !sortable || buttons > 0 };
      });
      // the script of our own ran: a sortable table has its buttons
      if (!got.ran) result.errors.push(where.now + ': the script did not run');
      if (Object.keys(got.o).length) result.counts[where.now] = got.o;
    }
    await page.close();
  };
  await Promise.all([worker(), worker(), worker()]);
  const page = await browser.newPage();
  const cur = { now: '' };
  await watch(page, cur);
  const shoot = async (rel, name, w, h) => {
    await page.setViewport({ width: w, height: h });
    cur.now = rel;
    await page.goto('file://' + path.join(dir, rel), { waitUntil: 'load' });
    await page.screenshot({ path: path.join(shots, name) });
  };
  await shoot('index.html', 'overview.png', 1280, 1100);
  await shoot('timeline.html', 'timeline.png', 1280, 1100);
  await shoot(path.relative(dir, reqPage), 'requirement.png', 1280, 1000);
  await shoot('index.html', 'overview-phone.png', 390, 1400);
  await browser.close();
  process.stdout.write(JSON.stringify(result) + '\n');
}

main().catch((e) => {
  process.stderr.write('browse.js: ' + (e && e.stack ? e.stack : e) + '\n');
  process.exit(3);
});
