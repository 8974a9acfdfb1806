import { describe, expect, it } from 'vitest';
import { componentUsages, stringListAttribute } from './mdx-usage.ts';

const PAGE = `---
description: A page.
---
import Questions from '@components/Questions.astro';

Intro with \`<Questions set="inline-code" />\` shown as code.

\`\`\`mdx
<Questions set="in-a-fence" />
\`\`\`

<CommandCard scenario="allow" command="kubectl get pods -o wide" purpose="Lists pods > with an arrow.">
  Notes with <strong>html</strong>.
</CommandCard>

See <StepLink trace="deny" phase="policy" which="last" />.

<StepPlayer
  traces={["allow", "deny"]}
/>
<Terminal scenario='allow' commands={["kubectl get svc", "kubectl exec pod-a -- nc -zv pod-b 8080"]} />
<Lab />
<Odd value={someVariable} flag />
`;

describe('componentUsages', () => {
  const usages = componentUsages(PAGE);

  it('finds components with their line and attributes, skipping code', () => {
    expect(usages.map((usage) => `${usage.name}@${usage.line}`)).toEqual([
      'CommandCard@12',
      'StepLink@16',
      'StepPlayer@18',
      'Terminal@21',
      'Lab@22',
      'Odd@23',
    ]);
    expect(usages[0]?.attributes).toEqual({ scenario: 'allow', command: 'kubectl get pods -o wide', purpose: 'Lists pods > with an arrow.' });
    expect(usages[1]?.attributes).toEqual({ trace: 'deny', phase: 'policy', which: 'last' });
  });

  it('reads JSON expressions and keeps others as source', () => {
    expect(stringListAttribute(usages[2]!, 'traces')).toEqual(['allow', 'deny']);
    expect(stringListAttribute(usages[3]!, 'commands')).toEqual(['kubectl get svc', 'kubectl exec pod-a -- nc -zv pod-b 8080']);
    expect(usages[3]?.attributes['scenario']).toBe('allow');
    expect(usages[5]?.expressions).toEqual({ value: 'someVariable' });
    expect(usages[5]?.attributes['flag']).toBe(true);
  });

  it('filters by name', () => {
    expect(componentUsages(PAGE, ['Lab']).map((usage) => usage.name)).toEqual(['Lab']);
  });

  it('sees a component between two code fences that follow blank lines', () => {
    // A fence's indentation is spaces or tabs only: a blank line before it must not let the fence's match run on
    // to a later fence and swallow the components in between (lesson 4's <Lab /> was once missed that way).
    const page = 'Intro\n\n```yaml\na: 1\n```\n\n<Lab />\n\n```sh\nls\n```\n';
    expect(componentUsages(page).map((usage) => usage.name)).toEqual(['Lab']);
  });
});
