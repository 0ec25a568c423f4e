import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderRbacDoc } from '../src/adapters/kube/actions/rbac-doc.ts';

/** Writes docs/remediation-rbac.md from the catalogue. Run: npx tsx scripts/generate-remediation-rbac.ts */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
writeFileSync(path.join(root, 'docs/remediation-rbac.md'), renderRbacDoc());
console.log('wrote docs/remediation-rbac.md');
