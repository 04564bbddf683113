// Writes the whole run as JUnit XML to `dir/junit.xml` at the end of a run, for CI systems' test
// views (GitHub, GitLab, Jenkins and Azure all read it).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { junitXml } from './junitXml.ts';
import type { Reporter } from './Reporter.ts';

export function junitReporter(dir: string, log: (line: string) => void = () => {}): Reporter {
  return {
    onRunEnd(reports) {
      if (reports.length === 0) return;
      mkdirSync(dir, { recursive: true });
      const file = join(dir, 'junit.xml');
      writeFileSync(file, junitXml(reports));
      log(`junit: ${file}`);
    },
  };
}
