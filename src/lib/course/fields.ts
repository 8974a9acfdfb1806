/**
 * The fixed vocabularies every content file shares: kebab-case names, difficulty
 * levels, transport protocols and the `namespace/pod` form. Plain constants (no
 * Zod), so browser code can use them; `field-schemas.ts` builds the schemas of
 * lesson.yaml, lab.yaml, questions.yaml and flashcards.yaml on them.
 */

/** Kebab-case: lowercase letters and digits in words joined by single hyphens (slugs, ids, set and file names). */
export const KEBAB_CASE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** `namespace/pod`, both DNS labels (the pod part may hold dots). */
export const NAMESPACED_POD = /^[a-z0-9](?:[-a-z0-9]*[a-z0-9])?\/[a-z0-9](?:[-.a-z0-9]*[a-z0-9])?$/;

/** Difficulty levels of lessons, questions and flashcards, easiest first. */
export const DIFFICULTIES = ['beginner', 'intermediate', 'advanced'] as const;

/** Transport protocols a connection may use (TCP when omitted), as Kubernetes spells them. */
export const PROTOCOLS = ['TCP', 'UDP', 'SCTP'] as const;

/** A difficulty level. */
export type Difficulty = (typeof DIFFICULTIES)[number];
/** A transport protocol. */
export type Protocol = (typeof PROTOCOLS)[number];

// The content vocabulary and the simulator's model must name the same protocols.
type SimulatorProtocol = import('../simulator/types.ts').Protocol;
/** `true` when A and B are the same union (for compile-time checks that two lists agree). */
export type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
/** Compile-time check: `PROTOCOLS` is exactly the simulator's protocol list. */
export const PROTOCOLS_MATCH_SIMULATOR: Same<Protocol, SimulatorProtocol> = true;
