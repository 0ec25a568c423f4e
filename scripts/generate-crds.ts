import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { crdFiles } from '../src/controllers/crd-generator.ts';

/**
 * Writes crds/punchingfist.io_<plural>.yaml from the zod schemas, removing
 * generated files of kinds that no longer exist. Run: npx tsx scripts/generate-crds.ts
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dir = path.join(root, 'crds');

mkdirSync(dir, { recursive: true });
const files = crdFiles();
const wanted = new Set(files.map((f) => f.fileName));
for (const stale of readdirSync(dir).filter(
  (f) => f.startsWith('punchingfist.io_') && !wanted.has(f),
)) {
  rmSync(path.join(dir, stale));
}
for (const file of files) {
  writeFileSync(path.join(dir, file.fileName), file.content);
  console.log(`wrote crds/${file.fileName}`);
}
