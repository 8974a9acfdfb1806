/**
 * The state of one open drill (a reducer, so the view stays thin): the learner's answer, the editor revision
 * (bumped when the text changes from outside, as "Show a fix" does), the last check result and whether the fix was
 * shown (a shown fix still lets the learner check and grade, honestly).
 */
import type { DrillCheckResult } from './check.ts';

/** One drill's state. */
export interface DrillSession {
  readonly answer: string;
  readonly revision: number;
  readonly result: DrillCheckResult | null;
  readonly shownFix: boolean;
}

/** What can happen in a drill. */
export type DrillAction =
  | { readonly type: 'edit'; readonly answer: string }
  | { readonly type: 'checked'; readonly result: DrillCheckResult }
  | { readonly type: 'show-fix'; readonly solution: string };

/** A fresh drill starting from `start`. */
export function initialSession(start: string): DrillSession {
  return { answer: start, revision: 0, result: null, shownFix: false };
}

/** The next state. An edit clears the last result, so a grade always follows a check of the current answer. */
export function drillSession(state: DrillSession, action: DrillAction): DrillSession {
  switch (action.type) {
    case 'edit':
      return action.answer === state.answer ? state : { ...state, answer: action.answer, result: null };
    case 'checked':
      return { ...state, result: action.result };
    case 'show-fix':
      return { ...state, answer: action.solution, revision: state.revision + 1, result: null, shownFix: true };
  }
}
