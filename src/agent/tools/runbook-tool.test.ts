import { describe, expect, it } from 'vitest';
import { configMapRunbooks, runbookTool } from './runbook-tool.ts';

const context = { signal: new AbortController().signal, progress: () => {} };

describe('runbook_lookup over runbook ConfigMaps', () => {
  it('turns each data key into a runbook and prefers the one named exactly like the alert', async () => {
    const configMaps = [
      {
        name: 'sre-runbooks',
        namespace: 'ops',
        data: {
          'KubePodCrashLoopingDetailed.md': 'KubePodCrashLooping notes, crash loops in general',
          'KubePodCrashLooping.md': '# Crash loops\nRoll back first.',
        },
      },
    ];
    expect(configMapRunbooks(configMaps).map((r) => r.source)).toEqual([
      'ConfigMap/ops/sre-runbooks#KubePodCrashLoopingDetailed.md',
      'ConfigMap/ops/sre-runbooks#KubePodCrashLooping.md',
    ]);
    const tool = runbookTool({ configMaps: async () => configMaps });
    const out = await tool.run(tool.input.parse({ query: 'KubePodCrashLooping' }), context);
    expect(out.text).toMatch(
      /^# runbook KubePodCrashLooping \(ConfigMap\/ops\/sre-runbooks#KubePodCrashLooping\.md\)\n# Crash loops/,
    );
    expect(out.text).toContain('other matches: KubePodCrashLoopingDetailed');
    expect(out.sources).toEqual(['ConfigMap/ops/sre-runbooks#KubePodCrashLooping.md']);
  });

  it('says so when neither the directory nor the ConfigMaps match', async () => {
    const tool = runbookTool({ configMaps: async () => [] });
    const out = await tool.run(tool.input.parse({ query: 'NodeNotReady' }), context);
    expect(out.text).toBe('no runbook matches "NodeNotReady"');
  });
});
