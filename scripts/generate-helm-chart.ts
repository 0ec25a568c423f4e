import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chartDir, chartFiles } from './helm-chart-files.ts';

/**
 * Writes the Helm chart's generated files: crds/ copied from the repo's crds/
 * (stale copies removed) and files/remediation-actions.yaml from the
 * remediation catalogue. Run: npm run chart
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const files = chartFiles(root);
const crdDir = path.join(root, chartDir, 'crds');
mkdirSync(crdDir, { recursive: true });
const wanted = new Set(files.map((f) => path.join(root, f.path)));
for (const stale of readdirSync(crdDir).map((f) => path.join(crdDir, f))) {
  if (!wanted.has(stale)) rmSync(stale);
}
for (const file of files) {
  mkdirSync(path.dirname(path.join(root, file.path)), { recursive: true });
  writeFileSync(path.join(root, file.path), file.content);
  console.log(`wrote ${file.path}`);
}
