import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { flashcardFileSchema, formatFlashcardFileError, parseFlashcardFile } from './schema.ts';

const FILE = 'content/lessons/x/flashcards.yaml';
const card = { id: 'what-is-cni', front: 'What is a CNI plugin?', back: 'It wires pod networking.', level: 'beginner' };

/** The formatted error for a file holding `cards`, or '' when valid. */
function errorsFor(cards: unknown[]): string {
  const data = { cards };
  const result = flashcardFileSchema.safeParse(data);
  return result.success ? '' : formatFlashcardFileError(FILE, result.error, data);
}

describe('flashcardFileSchema', () => {
  it('parses a YAML file as authors write it', () => {
    const yaml = `
cards:
  - id: what-is-cni
    front: What is a CNI plugin?
    back: It wires pod networking.
    level: beginner
    tags: [cni, pods]
`;
    expect(parseFlashcardFile(FILE, parseYaml(yaml)).cards[0]?.tags).toEqual(['cni', 'pods']);
  });

  it.each([
    { name: 'missing back', cards: [{ ...card, back: undefined }], expected: 'card "what-is-cni" (#1): back: is required' },
    { name: 'empty front', cards: [{ ...card, front: ' ' }], expected: 'card "what-is-cni" (#1): front: must not be empty' },
    { name: 'bad level', cards: [{ ...card, level: 'easy' }], expected: 'card "what-is-cni" (#1): level: must be one of: beginner, intermediate, advanced' },
    { name: 'bad tag', cards: [{ ...card, tags: ['Pods'] }], expected: 'card "what-is-cni" (#1): tags[0]: must be kebab-case' },
    { name: 'unknown field', cards: [{ ...card, answer: 'x' }], expected: 'card "what-is-cni" (#1): unknown field "answer"' },
    { name: 'duplicate id', cards: [card, { ...card }], expected: 'card "what-is-cni" (#2): id: duplicate id "what-is-cni": card #1 already uses it' },
    { name: 'not a mapping', cards: [card, 7], expected: 'card #2: must be a mapping' },
  ])('$name', ({ cards, expected }) => {
    expect(errorsFor(cards)).toContain(`${FILE}: ${expected}`);
  });

  it('accepts a valid card', () => {
    expect(errorsFor([card])).toBe('');
  });
});
