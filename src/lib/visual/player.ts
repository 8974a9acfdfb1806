/**
 * The step-through player's state as a pure reducer: which branch (trace) is
 * shown, how far through it the learner is (0 = before the first step), whether
 * it plays, and how fast. The island renders it; tests drive it directly.
 */

/** Playback speeds, as multipliers of the base step time. */
export const PLAYER_SPEEDS = [0.5, 1, 1.5, 2] as const;

/** Milliseconds a step stays on screen at speed 1. */
export const BASE_STEP_MS = 1800;

/** The player's state. */
export interface PlayerState {
  /** The branch shown (a trace name). */
  branch: string;
  /** Steps in each branch, by name. */
  lengths: Record<string, number>;
  /** Current position: 0 is the start, n means step n has happened. */
  position: number;
  playing: boolean;
  speed: number;
}

/** Everything the player can be asked to do. */
export type PlayerAction =
  | { type: 'play' }
  | { type: 'pause' }
  | { type: 'toggle' }
  | { type: 'next' }
  | { type: 'previous' }
  | { type: 'restart' }
  | { type: 'end' }
  | { type: 'tick' }
  | { type: 'seek'; position: number }
  | { type: 'branch'; branch: string; position?: number }
  | { type: 'speed'; speed: number };

/** The starting state: the first branch, at the start, paused, normal speed. */
export function initialPlayerState(lengths: Record<string, number>, branch?: string): PlayerState {
  const first = branch && branch in lengths ? branch : (Object.keys(lengths)[0] ?? '');
  return { branch: first, lengths, position: 0, playing: false, speed: 1 };
}

const clamp = (value: number, max: number) => Math.max(0, Math.min(max, Math.round(value)));

/** Applies one action. Playing past the last step stops; play at the end starts over. */
export function playerReducer(state: PlayerState, action: PlayerAction): PlayerState {
  const length = state.lengths[state.branch] ?? 0;
  switch (action.type) {
    case 'play':
      return { ...state, playing: true, position: state.position >= length ? 0 : state.position };
    case 'pause':
      return { ...state, playing: false };
    case 'toggle':
      return playerReducer(state, { type: state.playing ? 'pause' : 'play' });
    case 'next':
      return { ...state, playing: false, position: clamp(state.position + 1, length) };
    case 'previous':
      return { ...state, playing: false, position: clamp(state.position - 1, length) };
    case 'restart':
      return { ...state, playing: false, position: 0 };
    case 'end':
      return { ...state, playing: false, position: length };
    case 'tick': {
      if (!state.playing) return state;
      const position = clamp(state.position + 1, length);
      return { ...state, position, playing: position < length };
    }
    case 'seek':
      return { ...state, playing: false, position: clamp(action.position, length) };
    case 'branch': {
      if (!(action.branch in state.lengths)) return state;
      const branchLength = state.lengths[action.branch] ?? 0;
      return { ...state, branch: action.branch, playing: false, position: clamp(action.position ?? 0, branchLength) };
    }
    case 'speed':
      return PLAYER_SPEEDS.some((speed) => speed === action.speed) ? { ...state, speed: action.speed } : state;
  }
}

/** Milliseconds until the next tick at the state's speed. */
export function stepDelay(state: Pick<PlayerState, 'speed'>): number {
  return BASE_STEP_MS / (state.speed > 0 ? state.speed : 1);
}

/** Parses a step reference `branch:step` or a fragment `#branch-step-N` into a branch and position. */
export function parseStepReference(reference: string, branches: readonly string[]): { branch: string; position: number } | null {
  const match = /^#?(.+?)(?::|-step-)(\d+)$/.exec(reference.trim());
  if (!match || !branches.includes(match[1] ?? '')) return null;
  return { branch: match[1] ?? '', position: Number(match[2]) };
}
