/**
 * Output in terminal order. A result's stdout and stderr are two strings, what a test or a pipe reads; on a
 * terminal the two streams interleave in time, so kubectl's `Warning:` shows above its table and wget's
 * `Connecting to` above the page it fetched. `Transcript` records the writes of a command as they happen, and
 * a result keeps their order in `chunks` whenever it is not simply stdout then stderr.
 */
import type { KubectlResult, OutputChunk } from './types.ts';
import { terminalChunks } from '../terminal-order.ts';

export { terminalChunks };

/** The result of these writes: stdout and stderr joined, `chunks` kept only when stderr came before stdout. */
export function streamed(chunks: readonly OutputChunk[], exitCode: number): KubectlResult {
  const merged: OutputChunk[] = [];
  for (const chunk of chunks) {
    if (chunk.text === '') continue;
    const previous = merged.at(-1);
    if (previous?.stream === chunk.stream) merged[merged.length - 1] = { stream: chunk.stream, text: previous.text + chunk.text };
    else merged.push(chunk);
  }
  const text = (stream: OutputChunk['stream']) => merged.filter((chunk) => chunk.stream === stream).map((chunk) => chunk.text).join('');
  const result: KubectlResult = { stdout: text('stdout'), stderr: text('stderr'), exitCode };
  const stderrFirst = merged.some((chunk, index) => chunk.stream === 'stdout' && merged.slice(0, index).some((before) => before.stream === 'stderr'));
  return stderrFirst ? { ...result, chunks: merged } : result;
}

/** The result with stderr written before (`lead`) and after (`tail`) everything it printed. */
export function aroundStderr<R extends KubectlResult>(result: R, lead: string, tail = ''): R {
  const { chunks: _kept, ...rest } = result;
  const order = streamed([{ stream: 'stderr', text: lead }, ...terminalChunks(result), { stream: 'stderr', text: tail }], result.exitCode);
  return { ...(rest as R), stdout: order.stdout, stderr: order.stderr, ...(order.chunks && { chunks: order.chunks }) };
}

/** A command's writes as they happen: `out` and `err` append, `result` ends it. */
export class Transcript {
  private readonly chunks: OutputChunk[] = [];

  /** Writes to stdout. */
  out(text: string): this {
    this.chunks.push({ stream: 'stdout', text });
    return this;
  }

  /** Writes to stderr. */
  err(text: string): this {
    this.chunks.push({ stream: 'stderr', text });
    return this;
  }

  /** Writes a result's output, in its order. */
  write(result: Pick<KubectlResult, 'stdout' | 'stderr' | 'chunks'>): this {
    this.chunks.push(...terminalChunks(result));
    return this;
  }

  /** The result, exiting with this code. */
  result(exitCode: number): KubectlResult {
    return streamed(this.chunks, exitCode);
  }
}
