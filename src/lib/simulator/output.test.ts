import { describe, expect, it } from 'vitest';
import { aroundStderr, streamed, terminalChunks, Transcript } from './output.ts';

describe('terminal order of a command\'s two streams', () => {
  it('keeps no order when stdout came first: the two strings say it all', () => {
    expect(new Transcript().out('table\n').err('error: x\n').result(1)).toEqual({ stdout: 'table\n', stderr: 'error: x\n', exitCode: 1 });
  });

  it('keeps the order, adjacent writes joined and empty ones dropped, once stderr came before stdout', () => {
    const result = new Transcript().err('Connecting\n').err('').err('writing\n').out('page\n').err('written\n').result(0);
    expect(result).toEqual({
      stdout: 'page\n',
      stderr: 'Connecting\nwriting\nwritten\n',
      exitCode: 0,
      chunks: [
        { stream: 'stderr', text: 'Connecting\nwriting\n' },
        { stream: 'stdout', text: 'page\n' },
        { stream: 'stderr', text: 'written\n' },
      ],
    });
    expect(terminalChunks(result).map((chunk) => chunk.text).join('')).toBe('Connecting\nwriting\npage\nwritten\n');
  });

  it('a result without chunks reads stdout then stderr, leaving out empty streams', () => {
    expect(terminalChunks({ stdout: '', stderr: 'oops\n' })).toEqual([{ stream: 'stderr', text: 'oops\n' }]);
  });

  it('wraps a result in stderr written before and after it, keeping what it had and its other fields', () => {
    const inner = { ...streamed([{ stream: 'stderr', text: 'a\n' }, { stream: 'stdout', text: 'b\n' }], 3), note: 'kept' };
    const wrapped = aroundStderr(inner, 'lead\n', 'tail\n');
    expect(wrapped.note).toBe('kept');
    expect(terminalChunks(wrapped)).toEqual([
      { stream: 'stderr', text: 'lead\na\n' },
      { stream: 'stdout', text: 'b\n' },
      { stream: 'stderr', text: 'tail\n' },
    ]);
    expect(aroundStderr({ stdout: 'out\n', stderr: '', exitCode: 0 }, '')).toEqual({ stdout: 'out\n', stderr: '', exitCode: 0 });
  });
});
