// `npm run build` (and `prepack`, so that `npm pack` and `npm publish` ship a fresh build):
// compiles the package into dist/ (scripts/buildPackage.ts).
import { buildPackage } from './buildPackage.ts';

buildPackage('dist');
process.stdout.write('poolcheck: built dist/\n');
