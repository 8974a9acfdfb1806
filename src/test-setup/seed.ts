/** The seed of the property tests: FC_SEED from the environment, or a fixed default. */
export const FAST_CHECK_SEED: number = Number.parseInt(process.env.FC_SEED ?? '', 10) || 20251201;
