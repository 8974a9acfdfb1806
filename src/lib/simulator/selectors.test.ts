import { describe, it, expect } from 'vitest';
import { formatSelector, matchesSelector, parseSelectorString } from './selectors.ts';
import type { LabelSelector } from './types.ts';

const sel = (matchLabels: Record<string, string>, matchExpressions: LabelSelector['matchExpressions'] = []): LabelSelector => ({ matchLabels, matchExpressions });

describe('selectors', () => {
  it.each([
    ['empty selector matches anything', sel({}), { a: '1' }, true],
    ['matchLabels equal', sel({ app: 'web' }), { app: 'web', x: 'y' }, true],
    ['matchLabels differ', sel({ app: 'web' }), { app: 'db' }, false],
    ['matchLabels missing key', sel({ app: 'web' }), {}, false],
    ['In', sel({}, [{ key: 'env', operator: 'In', values: ['a', 'b'] }]), { env: 'b' }, true],
    ['In missing key', sel({}, [{ key: 'env', operator: 'In', values: ['a'] }]), {}, false],
    ['NotIn missing key', sel({}, [{ key: 'env', operator: 'NotIn', values: ['a'] }]), {}, true],
    ['NotIn listed', sel({}, [{ key: 'env', operator: 'NotIn', values: ['a'] }]), { env: 'a' }, false],
    ['Exists', sel({}, [{ key: 'env', operator: 'Exists', values: [] }]), { env: '' }, true],
    ['DoesNotExist', sel({}, [{ key: 'env', operator: 'DoesNotExist', values: [] }]), { env: 'x' }, false],
    ['labels AND expressions', sel({ app: 'web' }, [{ key: 'tier', operator: 'In', values: ['fe'] }]), { app: 'web', tier: 'be' }, false],
  ])('%s', (_name, selector, labels, expected) => {
    expect(matchesSelector(selector, labels)).toBe(expected);
  });

  it.each([
    ['app=web', { app: 'web' }, true],
    ['app!=web', { app: 'web' }, false],
    ['app in (web,db),tier', { app: 'db', tier: 'x' }, true],
    ['app notin (web)', { app: 'db' }, true],
    ['!tier', { tier: 'x' }, false],
    ['app==web,env=prod', { app: 'web' }, false],
  ])('parses -l %s', (text, labels, expected) => {
    const r = parseSelectorString(text);
    expect(r.ok).toBe(true);
    if (r.ok) expect(matchesSelector(r.selector, labels)).toBe(expected);
  });

  it('rejects malformed -l selectors', () => {
    expect(parseSelectorString('a=(b').ok).toBe(false);
    expect(parseSelectorString('=x').ok).toBe(false);
  });

  it('formats selectors like kubectl', () => {
    expect(formatSelector(sel({})).toString()).toBe('<none>');
    expect(formatSelector(sel({ tier: 'fe', app: 'web' }, [{ key: 'env', operator: 'NotIn', values: ['b', 'a'] }]))).toBe('app=web,env notin (a,b),tier=fe');
  });
});
