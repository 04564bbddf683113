// poolcheck's own version, for `poolcheck --version`: package.json's, read once when the command
// line starts, so a release never has a second place to update. It sits at the package's root,
// above the sources in a checkout and above dist/ in the installed package (ownFile).
import { readFileSync } from 'node:fs';
import { ownFile } from '../ownFiles.ts';

export function packageVersion(): string {
  const manifest = JSON.parse(readFileSync(ownFile('package.json'), 'utf8')) as { version?: unknown };
  if (typeof manifest.version !== 'string') throw new Error('package.json has no version');
  return manifest.version;
}
