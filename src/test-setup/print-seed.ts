/** Vitest global setup: prints the property tests' seed once per run. */
import { FAST_CHECK_SEED } from './seed.ts';

/** Called once before the run. */
export default function printSeed(): void {
  console.log(`fast-check seed ${FAST_CHECK_SEED} (FC_SEED=<n> to run with another)`);
}
