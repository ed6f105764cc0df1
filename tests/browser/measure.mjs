// Measures the HTML report of a large export in headless Chromium: file size, time to load
// and render, and time for a filter, a search and a sort. Prints a Markdown table.
//
//   python3 scripts/generate_export.py --stories 10000 > /tmp/big10k.csv
//   node tests/browser/measure.mjs /tmp/big10k.csv --today 2026-03-01
//
// Arguments after the export go to `backlint check`.
// BACKLINT_BIN names the binary (default target/debug/backlint); the page it writes is
// the same whatever the build.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS } from './chromium.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const bin = process.env.BACKLINT_BIN || path.join(root, 'target', 'debug', 'backlint');
const input = path.resolve(process.argv[2] || '/tmp/big10k.csv');
const extra = process.argv.slice(3);
const runs = Number(process.env.RUNS || 3);

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const ms = (value) => `${Math.round(value).toLocaleString('en')} ms`;

const work = mkdtempSync(path.join(tmpdir(), 'backlint-measure-'));
const file = path.join(work, 'report.html');
/** How long `backlint check --format FORMAT` takes on the export, writing to `target`. */
function timed(format, target) {
  const started = performance.now();
  try {
    execFileSync(bin, ['check', '--format', format, '--output', target, '--exit-zero', ...extra, input], {
      stdio: ['ignore', 'ignore', 'ignore'],
    });
  } catch (error) {
    console.error(`backlint failed: ${error.message}`);
    process.exit(2);
  }
  return performance.now() - started;
}
const renderMs = timed('html', file);
const jsonMs = timed('json', path.join(work, 'report.json'));
const bytes = statSync(file).size;
const url = pathToFileURL(file).href;

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: CHROMIUM_ARGS });
const samples = { goto: [], dcl: [], load: [], paint: [], filter: [], filterFrame: [], search: [], sort: [] };
let cards = 0;
let visibleAfterFilter = 0;
for (let run = 0; run < runs; run++) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
  const before = performance.now();
  await page.goto(url, { waitUntil: 'load' });
  samples.goto.push(performance.now() - before);
  const timing = await page.evaluate(() => {
    const navigation = performance.getEntriesByType('navigation')[0];
    const paint = performance.getEntriesByName('first-contentful-paint')[0];
    return {
      dcl: navigation.domContentLoadedEventEnd,
      load: navigation.loadEventEnd,
      paint: paint ? paint.startTime : NaN,
      cards: document.querySelectorAll('#cards > article').length,
    };
  });
  samples.dcl.push(timing.dcl);
  samples.load.push(timing.load);
  samples.paint.push(timing.paint);
  cards = timing.cards;

  // A filter: the script's own time, and until the next frame is drawn.
  const rule = await page.$eval('select[name=rule]', (select) => select.options[1].value);
  const filter = await page.evaluate(async (value) => {
    const select = document.querySelector('select[name=rule]');
    const start = performance.now();
    select.value = value;
    select.dispatchEvent(new Event('change', { bubbles: true }));
    const script = performance.now() - start;
    await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    const visible = document.querySelectorAll('#cards > article:not([hidden])').length;
    return { script, frame: performance.now() - start, visible };
  }, rule);
  samples.filter.push(filter.script);
  samples.filterFrame.push(filter.frame);
  visibleAfterFilter = filter.visible;
  await page.selectOption('select[name=rule]', '');

  // A search (the first one reads every card's text), then a sort, each until drawn.
  samples.search.push(await page.evaluate(async () => {
    const input = document.querySelector('input[name=q]');
    const start = performance.now();
    input.value = 'voucher';
    document.getElementById('controls').dispatchEvent(new Event('submit', { cancelable: true }));
    await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    return performance.now() - start;
  }));
  samples.sort.push(await page.evaluate(async () => {
    const select = document.querySelector('select[name=sort]');
    const start = performance.now();
    select.value = 'most';
    select.dispatchEvent(new Event('change', { bubbles: true }));
    await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    return performance.now() - start;
  }));
  await page.close();
}
const version = browser.version();
await browser.close();
rmSync(work, { recursive: true, force: true });

console.log(`| what | figure (median of ${runs}) |`);
console.log('|---|---|');
console.log(`| export | ${path.basename(input)}, ${(statSync(input).size / 1048576).toFixed(1)} MiB |`);
console.log(`| cards on the page | ${cards.toLocaleString('en')} |`);
console.log(`| HTML file | ${bytes.toLocaleString('en')} bytes (${(bytes / 1048576).toFixed(1)} MiB) |`);
const build = bin.includes('release') ? 'release' : 'debug';
console.log(`| backlint check ${[...extra, ''].join(' ')}--format html, ${build} build (--format json for comparison) | ${ms(renderMs)} (${ms(jsonMs)}) |`);
console.log(`| page.goto until load | ${ms(median(samples.goto))} |`);
console.log(`| first contentful paint | ${ms(median(samples.paint))} |`);
console.log(`| DOMContentLoaded | ${ms(median(samples.dcl))} |`);
console.log(`| load event end | ${ms(median(samples.load))} |`);
console.log(`| filter by rule (${visibleAfterFilter.toLocaleString('en')} cards left): script / until drawn | ${ms(median(samples.filter))} / ${ms(median(samples.filterFrame))} |`);
console.log(`| first search, until drawn | ${ms(median(samples.search))} |`);
console.log(`| sort by findings, until drawn | ${ms(median(samples.sort))} |`);
console.log(`| browser | Chromium ${version} headless, ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'} |`);
