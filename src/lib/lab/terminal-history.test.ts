import { describe, expect, it } from 'vitest';
import { cleanCommand, createHistory, HISTORY_LIMIT, historyNext, historyPrevious, kubectlArguments, kubectlVerb, pushHistory } from './terminal-history.ts';

describe('terminal history', () => {
  it('walks back and forth, keeping the line being typed as a draft', () => {
    let h = pushHistory(pushHistory(createHistory(), 'get pods'), 'get svc');
    const up1 = historyPrevious(h, 'desc');
    expect(up1?.value).toBe('get svc');
    h = up1!.history;
    const up2 = historyPrevious(h, 'get svc');
    expect(up2?.value).toBe('get pods');
    h = up2!.history;
    expect(historyPrevious(h, 'get pods')).toBeNull();
    const down1 = historyNext(h);
    expect(down1?.value).toBe('get svc');
    const down2 = historyNext(down1!.history);
    expect(down2?.value).toBe('desc');
    expect(historyNext(down2!.history)).toBeNull();
  });

  it('skips blanks and immediate repeats, and caps its length', () => {
    let h = createHistory();
    h = pushHistory(h, '  ');
    h = pushHistory(h, 'get pods');
    h = pushHistory(h, 'get pods ');
    expect(h.entries).toEqual(['get pods']);
    for (let i = 0; i < HISTORY_LIMIT + 10; i += 1) h = pushHistory(h, `c${i}`);
    expect(h.entries.length).toBe(HISTORY_LIMIT);
    expect(h.index).toBe(HISTORY_LIMIT);
    expect(historyPrevious(createHistory(), 'x')).toBeNull();
  });

  it('accepts commands with or without kubectl, k or a pasted prompt', () => {
    expect(['kubectl get pods', 'k get pods', 'get pods', '$ kubectl get pods', '  get pods  '].map(kubectlArguments)).toEqual(Array(5).fill('get pods'));
    expect(kubectlArguments('kubectl')).toBe('');
    expect(kubectlArguments('kubectlx get')).toBe('kubectlx get');
    expect(kubectlVerb('kubectl label pod a x=y')).toBe('label');
    expect(kubectlVerb('')).toBe('');
    expect(cleanCommand('$ ls')).toBe('ls');
  });
});
