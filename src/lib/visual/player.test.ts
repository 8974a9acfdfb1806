import { describe, expect, it } from 'vitest';
import { initialPlayerState, parseStepReference, playerReducer, stepDelay, type PlayerAction, type PlayerState } from './player.ts';

const start = initialPlayerState({ allow: 10, deny: 5 });
const run = (state: PlayerState, ...actions: PlayerAction[]) => actions.reduce(playerReducer, state);

describe('playerReducer', () => {
  it.each<[string, PlayerAction[], Partial<PlayerState>]>([
    ['starts paused at the start of the first branch', [], { branch: 'allow', position: 0, playing: false }],
    ['steps forward and back', [{ type: 'next' }, { type: 'next' }, { type: 'previous' }], { position: 1 }],
    ['never steps before the start', [{ type: 'previous' }], { position: 0 }],
    ['never steps past the end', [{ type: 'end' }, { type: 'next' }], { position: 10 }],
    ['plays one step per tick', [{ type: 'play' }, { type: 'tick' }, { type: 'tick' }], { position: 2, playing: true }],
    ['stepping by hand pauses', [{ type: 'play' }, { type: 'next' }], { playing: false, position: 1 }],
    ['stops playing at the last step', [{ type: 'seek', position: 9 }, { type: 'play' }, { type: 'tick' }], { position: 10, playing: false }],
    ['play at the end starts over', [{ type: 'end' }, { type: 'play' }], { position: 0, playing: true }],
    ['ticks do nothing while paused', [{ type: 'tick' }], { position: 0 }],
    ['switching branch keeps a cited step', [{ type: 'branch', branch: 'deny', position: 5 }], { branch: 'deny', position: 5 }],
    ['switching branch clamps to its length', [{ type: 'branch', branch: 'deny', position: 9 }], { position: 5 }],
    ['ignores an unknown branch', [{ type: 'branch', branch: 'nope' }], { branch: 'allow' }],
    ['restart goes back to the start', [{ type: 'seek', position: 4 }, { type: 'restart' }], { position: 0 }],
    ['accepts a listed speed', [{ type: 'speed', speed: 2 }], { speed: 2 }],
    ['ignores an unlisted speed', [{ type: 'speed', speed: 7 }], { speed: 1 }],
  ])('%s', (_label, actions, expected) => {
    expect(run(start, ...actions)).toMatchObject(expected);
  });

  it('toggles between playing and paused', () => {
    expect(run(start, { type: 'toggle' }).playing).toBe(true);
    expect(run(start, { type: 'toggle' }, { type: 'toggle' }).playing).toBe(false);
  });
});

describe('stepDelay', () => {
  it('is shorter at higher speed', () => {
    expect(stepDelay({ speed: 2 })).toBe(stepDelay({ speed: 1 }) / 2);
  });
});

describe('parseStepReference', () => {
  it.each([
    ['deny:5', { branch: 'deny', position: 5 }],
    ['#allow-step-3', { branch: 'allow', position: 3 }],
    ['#not-running-step-2', { branch: 'not-running', position: 2 }],
    ['#elsewhere', null],
    ['other:2', null],
  ])('%s', (reference, expected) => {
    expect(parseStepReference(reference, ['allow', 'deny', 'not-running'])).toEqual(expected);
  });
});
