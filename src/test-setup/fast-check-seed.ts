/**
 * Every property test runs with one fixed seed, so a run is repeatable: FC_SEED picks another
 * (printed at the start of the run by `print-seed.ts`). A failing property also prints its own seed
 * and path, which fast-check can replay.
 */
import fc from 'fast-check';
import { FAST_CHECK_SEED } from './seed.ts';

fc.configureGlobal({ seed: FAST_CHECK_SEED });
