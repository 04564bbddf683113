// report.html as a person sees it: Debian's Chromium, driven by playwright-core, opens the report
// of a real run with a failure (the engine judges the LIFO-waiters fixture, which breaks WAIT-2
// in model mode; test/e2e/reports.test.ts checks that the CLI writes the same file) and finds
// the verdict, every lane of the timeline (one per task of the shrunk history, and the server's)
// and every event that breaks the rule; the page fetches nothing, and a hostile adapter's strings
// run no script. Screenshots go to test-artifacts/. Skipped where /usr/bin/chromium is absent.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lifoWaiters } from '../fixtures/lifoWaiters.ts';
import { resolveRunOptions } from '../../src/options/resolveRunOptions.ts';
import { htmlReport } from '../../src/reports/htmlReport.ts';
import { judgeAdapter } from '../../src/runner/judgeAdapter.ts';
import type { Verdict } from '../../src/runner/Verdict.ts';
import { repoRoot } from '../e2e/runCli.ts';
import { hostileStrings, sampleReport } from './sampleReport.ts';

const CHROMIUM = '/usr/bin/chromium';
const noChromium = existsSync(CHROMIUM) ? null : `${CHROMIUM} is absent (Debian: apt-get install chromium)`;
if (noChromium) console.warn(`report.html browser tests skipped: ${noChromium}`);

const artifacts = join(repoRoot, 'test-artifacts');
const root = mkdtempSync(join(tmpdir(), 'poolcheck-html-'));

type Failed = Extract<Verdict, { status: 'failed' }>;

describe.skipIf(noChromium)('report.html in Chromium', () => {
  let browser: Browser;
  let page: Page;
  /** Every URL the page asked for. */
  const requests: string[] = [];
  let failed: Failed;
  let file: string;

  beforeAll(async () => {
    const [report, launched] = await Promise.all([
      judgeAdapter({ adapter: lifoWaiters, spec: 'test/fixtures/lifoWaiters.ts' }, resolveRunOptions({ mode: 'model', rules: 'WAIT-2', seed: 1, numRuns: 30 })),
      chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'] }),
    ]);
    browser = launched;
    const verdict = report.verdicts[0]!;
    if (verdict.status !== 'failed') throw new Error(`expected WAIT-2 to fail for the LIFO-waiters fixture, got ${verdict.status}`);
    failed = verdict;
    file = join(root, 'report.html');
    writeFileSync(file, htmlReport([report]));
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('request', (r) => requests.push(r.url()));
    const started = performance.now();
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    // Measured for the record, not asserted: timing is not a property of the page.
    console.log(`report.html: ${readFileSync(file).length} bytes, loaded in Chromium in ${(performance.now() - started).toFixed(0)} ms`);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('renders the verdict table with the failed rule', async () => {
    const seen = await page.evaluate(() => ({
      title: document.title,
      status: document.querySelector('table.verdicts tr[data-rule="WAIT-2"]')?.getAttribute('data-status'),
      cell: document.querySelector<HTMLElement>('table.verdicts tr[data-rule="WAIT-2"] td.status')?.innerText,
      workload: document.querySelector<HTMLElement>('section.failure[data-rule="WAIT-2"] pre.workload')?.innerText,
      replay: document.querySelector<HTMLElement>('section.failure[data-rule="WAIT-2"] .replay')?.innerText,
    }));
    expect(seen).toMatchObject({ title: 'poolcheck report', status: 'failed', cell: expect.stringContaining('failed'), workload: expect.stringContaining('t1 at 0 ms: acquire') });
    expect(seen.replay).toMatch(/^replay: npx poolcheck run --adapter test\/fixtures\/lifoWaiters\.ts --rules WAIT-2 --seed 1 --path /);
  });

  it('draws a visible lane for every task of the shrunk history and one for the server', async () => {
    const tasks = [...new Set(failed.history.map((e) => e.task))].filter((t) => t !== 'server' && t !== 'run');
    expect(tasks.length).toBeGreaterThanOrEqual(2);
    const svg = page.locator('[data-timeline="WAIT-2"] svg');
    const lanes = await svg.locator('[data-lane]').evaluateAll((gs) =>
      gs.map((g) => ({ lane: g.getAttribute('data-lane'), box: g.getBoundingClientRect().toJSON() as DOMRect, shown: getComputedStyle(g).visibility === 'visible' })),
    );
    expect(lanes.map((l) => l.lane)).toEqual([...tasks, 'server']);
    for (const { box, shown } of lanes) expect(shown && box.width > 100 && box.height >= 20).toBe(true);
    // Leases as bars: every borrower of the shrunk history held a connection.
    expect(await svg.locator('[data-lane="t1"] [data-lease]').count()).toBeGreaterThan(0);
  });

  it('marks every event that breaks the rule, inside the picture', async () => {
    const svg = page.locator('[data-timeline="WAIT-2"] svg');
    const marks = await svg.locator('[data-mark]').evaluateAll((cs) => cs.map((c) => ({ i: Number(c.getAttribute('data-mark')), box: c.getBoundingClientRect().toJSON() as DOMRect })));
    expect(marks.map((m) => m.i).sort((a, b) => a - b)).toEqual([...failed.violation.events].sort((a, b) => a - b));
    const frame = (await svg.boundingBox())!;
    for (const { box } of marks) {
      expect(box.width).toBeGreaterThan(0);
      expect(box.x >= frame.x && box.x + box.width <= frame.x + frame.width && box.y >= frame.y && box.y + box.height <= frame.y + frame.height).toBe(true);
    }
    mkdirSync(artifacts, { recursive: true });
    await page.screenshot({ path: join(artifacts, 'report-html.png'), fullPage: true });
    await page.locator('[data-timeline="WAIT-2"]').screenshot({ path: join(artifacts, 'report-html-timeline.png') });
  });

  it('fetches nothing but the page itself', () => {
    expect(requests).toEqual([pathToFileURL(file).href]);
  });

  it('runs none of the scripts a hostile adapter or error message carries', async () => {
    const hostile = join(root, 'hostile.html');
    writeFileSync(hostile, htmlReport([sampleReport(hostileStrings)]));
    const other = await browser.newPage();
    try {
      await other.goto(pathToFileURL(hostile).href, { waitUntil: 'load' });
      const seen = await other.evaluate(() => ({
        pwned: (window as unknown as { pwned?: number }).pwned,
        elements: document.querySelectorAll('img, script, iframe').length,
        heading: document.querySelector<HTMLElement>('section.adapter h2')?.innerText,
        failure: document.querySelector<HTMLElement>('section.failure[data-rule="WAIT-2"] h3')?.innerText,
      }));
      expect(seen).toMatchObject({ pwned: undefined, elements: 0, heading: `${hostileStrings.adapter} · model mode`, failure: expect.stringContaining(`"><img src=x onerror=alert(1)>`) });
    } finally {
      await other.close();
    }
  });
});
