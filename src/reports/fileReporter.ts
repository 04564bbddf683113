// Writes report.json, badge.svg and shields.json per adapter: into `dir` itself for a single
// adapter, into `dir/<adapter>/<mode>/` when several are judged in one run (`--mode both`
// judges one adapter in two modes, so the mode is part of the path).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AdapterReport } from '../runner/AdapterReport.ts';
import { badgeSvg, shieldsEndpoint } from './badge.ts';
import { jsonReport } from './jsonReport.ts';
import type { Reporter } from './Reporter.ts';

export function reportFolder(dir: string, report: Pick<AdapterReport, 'adapter' | 'mode'>, perRunFolders: boolean): string {
  return perRunFolders ? join(dir, report.adapter, report.mode) : dir;
}

export function fileReporter(dir: string, perRunFolders: boolean, log: (line: string) => void = () => {}): Reporter {
  return {
    onAdapterEnd(report: AdapterReport) {
      const out = reportFolder(dir, report, perRunFolders);
      mkdirSync(out, { recursive: true });
      writeFileSync(join(out, 'report.json'), JSON.stringify(jsonReport(report), null, 2) + '\n');
      writeFileSync(join(out, 'badge.svg'), badgeSvg(report.verdicts));
      writeFileSync(join(out, 'shields.json'), JSON.stringify(shieldsEndpoint(report.verdicts)) + '\n');
      log(`  reports: ${join(out, 'report.json')}, badge.svg, shields.json`);
    },
  };
}
