/** Splitting a transcript into the sentences narration speaks and highlights one at a time. */

/** One sentence of the transcript with its paragraph index. */
export interface Sentence {
  /** Position in the whole transcript, 0-based. */
  index: number;
  /** Which paragraph it belongs to, 0-based. */
  paragraph: number;
  /** The sentence text, trimmed. */
  text: string;
}

// Abbreviations that end with a period but do not end a sentence.
const ABBREVIATIONS = /(?:\b(?:e\.g|i\.e|etc|vs|Dr|Mr|Ms|Mrs|approx|cf)\.)$/i;

/** Splits paragraphs into sentences at ., ! or ? followed by a space and a capital, digit or quote; keeps abbreviations and dotted names (10.244.0.0, example.com) whole. */
export function splitSentences(paragraphs: readonly string[]): Sentence[] {
  const sentences: Sentence[] = [];
  paragraphs.forEach((paragraph, paragraphIndex) => {
    let current = '';
    const words = paragraph.split(/\s+/).filter(Boolean);
    words.forEach((word, wordIndex) => {
      current = current ? `${current} ${word}` : word;
      const next = words[wordIndex + 1];
      const endsSentence = /[.!?]["')\]]?$/.test(word) && !ABBREVIATIONS.test(current);
      if (endsSentence && (next === undefined || /^["'(\[]?[A-Z0-9]/.test(next))) {
        sentences.push({ index: sentences.length, paragraph: paragraphIndex, text: current });
        current = '';
      }
    });
    if (current) sentences.push({ index: sentences.length, paragraph: paragraphIndex, text: current });
  });
  return sentences;
}

/** Estimated seconds to read a sentence aloud at `rate` (1 = about 160 words a minute), for timer-driven read-along. */
export function readingSeconds(text: string, rate = 1): number {
  const words = text.split(/\s+/).filter(Boolean).length;
  const safeRate = Number.isFinite(rate) && rate > 0 ? rate : 1;
  return Math.max(1.2, (words / 160) * 60) / safeRate;
}
