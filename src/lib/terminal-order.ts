/**
 * The order a terminal shows a command's two streams in: a result's `chunks` when it kept them (stderr came
 * first: simulator/output.ts), else stdout then stderr. Apart from the simulator so that terminals render
 * output without loading it.
 */
import type { KubectlResult, OutputChunk } from './simulator/types.ts';

/** The chunks of a result in terminal order, empty ones left out. */
export function terminalChunks(result: Pick<KubectlResult, 'stdout' | 'stderr' | 'chunks'>): OutputChunk[] {
  const chunks = result.chunks ?? [
    { stream: 'stdout', text: result.stdout },
    { stream: 'stderr', text: result.stderr },
  ];
  return chunks.filter((chunk) => chunk.text !== '');
}

/** What the terminal shows of a result, as one text: its chunks joined in terminal order. */
export function terminalText(result: Pick<KubectlResult, 'stdout' | 'stderr' | 'chunks'>): string {
  return terminalChunks(result)
    .map((chunk) => chunk.text)
    .join('');
}
