// `npm run build` (and `prepack`, so that `npm pack` and `npm publish` ship a fresh build):
// compiles the package into dist/ (scripts/buildPackage.ts).
import { buildPackage } from './buildPackage.ts';

buildPackage('dist');
// On stderr: `npm pack --json` prints its JSON on stdout, after what prepack printed there.
process.stderr.write('poolcheck: built dist/\n');
