// report.html as markup: self-contained, every adapter- or error-supplied string escaped, and a
// failure's timeline with the lanes, leases, sessions and marks its history calls for. The browser
// test (htmlReportBrowser.test.ts) checks the same page as Chromium renders it.
import { describe, expect, it } from 'vitest';
import { escapeMarkup } from '../../src/reports/escapeMarkup.ts';
import { htmlReport } from '../../src/reports/htmlReport.ts';
import { timelineLanes, timelineSpans } from '../../src/reports/timelineSpans.ts';
import { timelineSvg } from '../../src/reports/timelineSvg.ts';
import { hostileStrings, plainStrings, sampleHistory, sampleMarks, sampleReport } from './sampleReport.ts';

const values = (html: string, attribute: string): string[] => [...html.matchAll(new RegExp(`${attribute}="([^"]*)"`, 'g'))].map((m) => m[1]!);
/** The fill of the bar in the first `<g data-{kind}="conn">`. */
const fillOf = (svg: string, kind: string, conn: string): string | undefined => new RegExp(`data-${kind}="${conn}">.*?fill="([^"]+)"`).exec(svg)?.[1];

describe('htmlReport', () => {
  const html = htmlReport([sampleReport()]);

  it('is one page with nothing to fetch and no script', () => {
    expect(html).toMatch(/^<!doctype html>\n<html lang="en">/);
    expect(html).not.toMatch(/<script|<link|<img|<iframe|\ssrc=|url\(/i);
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"`);
  });

  it('has a verdict row for every rule judged, and the failure with its workload and replay line', () => {
    expect(values(html, 'data-status')).toEqual(['passed', 'failed', 'errored', 'errored', 'skipped', 'not-applicable']);
    expect(html).toContain('t1 at 0 ms: acquire, hold 5 ms, release');
    expect(html).toContain('replay: <code>npx poolcheck run --adapter test/fixtures/sample.ts --rules WAIT-2 --seed 7 --path 1:0:2</code>');
    // The errored rule that ran a workload has its section and replay, without a timeline.
    expect(values(html, 'data-rule').filter((r) => r === 'LEAK-1')).toHaveLength(2);
    expect(values(html, 'data-timeline')).toEqual(['WAIT-2']);
  });

  it('escapes every string an adapter or an error supplies', () => {
    const hostile = htmlReport([sampleReport(hostileStrings)]);
    expect(hostile).not.toMatch(/<script|<img|<svg onload|<b onclick|<\/title><script|<\/pre><\/section><script/i);
    for (const s of [hostileStrings.adapter, hostileStrings.pool, hostileStrings.historyError, hostileStrings.reason]) expect(hostile).toContain(escapeMarkup(s));
    // The replay line quotes the spec for a shell; the page shows that quoting, escaped.
    expect(hostile).toContain(escapeMarkup(`--adapter '${hostileStrings.spec}'`));
    expect(hostile).toContain('\\u001b[31mred');
    expect(['\u0000', '\u001b', '\uFFFE'].filter((c) => hostile.includes(c))).toEqual([]);
  });
});

describe('timelineSvg', () => {
  const history = sampleHistory(plainStrings);
  const svg = timelineSvg(history, sampleMarks);

  it('has a lane per borrower in order of appearance, then the server', () => {
    expect(timelineLanes(history)).toEqual(['t1', 't2', 't3', 'server']);
    expect(values(svg, 'data-lane')).toEqual(['t1', 't2', 't3', 'server']);
  });

  it('draws each lease and each server session, one colour per connection', () => {
    expect(values(svg, 'data-lease')).toEqual(['c1', 'c2']);
    expect(values(svg, 'data-session')).toEqual(['c1', 'c2']);
    expect(fillOf(svg, 'lease', 'c1')).toBe(fillOf(svg, 'session', 'c1'));
    expect(fillOf(svg, 'lease', 'c2')).toBe(fillOf(svg, 'session', 'c2'));
    expect(fillOf(svg, 'lease', 'c1')).not.toBe(fillOf(svg, 'lease', 'c2'));
  });

  it('marks exactly the events that break the rule, and shows every event and run phase', () => {
    expect(values(svg, 'data-mark')).toEqual(sampleMarks.map(String));
    expect(values(svg, 'data-event').map(Number).sort((a, b) => a - b)).toEqual(history.map((e) => e.i));
    expect(values(svg, 'data-phase')).toEqual(['quiet', 'close', 'close', 'end']);
    expect(svg).toContain('class="phase-label">closed</text>');
  });

  it('gives sessions open at once tracks of their own, so no bar hides another', () => {
    // Without the kill, c1's session is still open when c2's starts.
    const unkilled = history.filter((e) => e.kind !== 'kill').map((e, i) => ({ ...e, i }));
    const server = timelineSpans(unkilled).find((l) => l.task === 'server')!;
    expect(server.spans.map((s) => [s.conn, s.track])).toEqual([
      ['c1', 0],
      ['c2', 1],
    ]);
    expect(timelineSpans(history).find((l) => l.task === 'server')!.tracks).toBe(1);
    const y = (conn: string) => new RegExp(`data-session="${conn}">.*?<rect x="[^"]+" y="([^"]+)"`).exec(timelineSvg(unkilled, []))?.[1];
    expect(y('c1')).not.toBe(y('c2'));
  });

  it('draws a lease never given back as open to the end', () => {
    const unreturned = history.filter((e) => !(e.task === 't1' && e.kind === 'release')).map((e, i) => ({ ...e, i }));
    const open = timelineSvg(unreturned, []);
    expect(open).toMatch(/data-lease="c1"><title>t1 holds c1 from #4, never given back<\/title><rect [^>]*class="bar open"/);
  });
});
