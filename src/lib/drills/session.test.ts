import { describe, expect, it } from 'vitest';
import { drillSession, initialSession } from './session.ts';

describe('drillSession', () => {
  it('an edit clears the last result, so a grade follows a check of the current answer', () => {
    const checked = drillSession(initialSession('a'), { type: 'checked', result: { ok: true, passed: false, outcomes: [] } });
    expect(checked.result).not.toBeNull();
    expect(drillSession(checked, { type: 'edit', answer: 'b' })).toMatchObject({ answer: 'b', result: null });
    expect(drillSession(checked, { type: 'edit', answer: 'a' })).toBe(checked);
  });

  it('showing a fix replaces the text from outside the editor (new revision) and is remembered', () => {
    const next = drillSession(initialSession('a'), { type: 'show-fix', solution: 'fix' });
    expect(next).toEqual({ answer: 'fix', revision: 1, result: null, shownFix: true });
  });
});
