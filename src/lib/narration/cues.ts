/** Placing narration cues: which sentence each cue starts at, and which diagram step shows at a given sentence. */
import type { Sentence } from './sentences.ts';

/** A cue as authored: a phrase of the transcript and the step to show from there on. */
export interface CueSpec {
  /** Phrase to find in the transcript. */
  at: string;
  /** Trace name. */
  trace: string;
  /** Position in the trace to show (0 = start). */
  position: number;
}

/** A cue placed on a sentence. */
export interface PlacedCue {
  /** Index of the sentence that contains the phrase. */
  sentence: number;
  trace: string;
  position: number;
}

/** Finds the sentence of each cue; throws naming the phrase when it is not in the transcript or cues run backwards. */
export function placeCues(sentences: readonly Sentence[], cues: readonly CueSpec[]): PlacedCue[] {
  let previous = -1;
  return cues.map((cue, index) => {
    const needle = cue.at.replace(/\s+/g, ' ').trim().toLowerCase();
    const found = sentences.find((sentence) => sentence.index >= previous && sentence.text.toLowerCase().includes(needle));
    if (!found) {
      throw new Error(`narration[${index}].at: the phrase "${cue.at}" is not in the transcript (after the previous cue).`);
    }
    previous = found.index;
    return { sentence: found.index, trace: cue.trace, position: cue.position };
  });
}

/** The cue in force at `sentence`: the last one placed at or before it (undefined before the first). */
export function cueAt(cues: readonly PlacedCue[], sentence: number): PlacedCue | undefined {
  let current: PlacedCue | undefined;
  for (const cue of cues) if (cue.sentence <= sentence) current = cue;
  return current;
}
