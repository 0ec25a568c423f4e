import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { crdFiles, renderCrds } from '../../src/controllers/crd-generator.ts';
import { allCrds } from '../../src/core/resources/crd/kinds.ts';

/**
 * The committed crds/*.yaml are exactly what the zod schemas generate: the
 * CRDs and the schemas in code cannot drift. On failure, regenerate with
 * `npx tsx scripts/generate-crds.ts` and commit the result.
 */
const crdsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../crds');
const regenerate = 'crds/ is stale: run `npx tsx scripts/generate-crds.ts` and commit the result';

describe('crds/ is current', () => {
  const generated = crdFiles();

  it('holds one file per kind, and no other generated file', () => {
    const committed = readdirSync(crdsDir)
      .filter((f) => f.startsWith('punchingfist.io_'))
      .sort();
    expect(committed, regenerate).toEqual(generated.map((f) => f.fileName).sort());
  });

  it.each(generated.map((f) => [f.fileName, f] as const))(
    '%s is what the schemas generate',
    (fileName, file) => {
      const committed = readFileSync(path.join(crdsDir, fileName), 'utf8');
      expect(committed, regenerate).toBe(file.content);
    },
  );

  it('renderCrds() (what `punchingfist crds` prints) is the same CRDs as one YAML stream', () => {
    const docs = parseAllDocuments(renderCrds()).map((d) => d.toJS());
    expect(docs).toEqual(JSON.parse(JSON.stringify(allCrds())));
  });
});
