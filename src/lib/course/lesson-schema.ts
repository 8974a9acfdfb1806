/**
 * The schema of a lesson's metadata file, `content/lessons/<slug>/lesson.yaml`.
 * Every mode page of the lesson shares this data.
 */
import { z } from 'astro/zod';
import { MODE_SLUGS, type ModeSlug } from './modes.ts';

const kebab = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Lesson difficulty levels, easiest first. */
export const DIFFICULTIES = ['beginner', 'intermediate', 'advanced'] as const;

/** One named connection whose simulator trace the visual components render. */
export const traceSpecSchema = z.strictObject({
  /** What the step-through player's scenario switch calls it, e.g. "Policy allows". */
  label: z.string().min(3).max(60).optional(),
  /** The scenario file under `scenarios/` (without `.yaml`). */
  scenario: z.string().regex(kebab, 'must be a kebab-case scenario file name'),
  /** The client pod, `namespace/name`. */
  from: z.string().min(1),
  /** The destination: `namespace/pod`, an IP or a DNS name. */
  to: z.string().min(1),
  /** The destination port. */
  port: z.number().int().min(1).max(65535),
  /** The transport protocol (TCP when omitted). */
  protocol: z.enum(['TCP', 'UDP', 'SCTP']).default('TCP'),
});

/** Where the Listen diagram moves: when narration reaches the sentence containing `at`, show `phase` of `trace`. */
export const narrationCueSchema = z.strictObject({
  /** A phrase of the transcript; the cue fires at the sentence that contains it. */
  at: z.string().min(3),
  /** A trace named under `traces`. */
  trace: z.string().regex(kebab),
  /** The trace phase to show (its first step, or last with `which: last`), or `start` for before the first step. */
  phase: z.enum(['start', 'dns', 'policy', 'service', 'routing', 'delivery', 'response']),
  /** Which step of the phase: the first (default) or the last. */
  which: z.enum(['first', 'last']).default('first'),
});

/** Minutes per mode: every one of the nine modes must be present. */
const minutesSchema = z.strictObject(
  Object.fromEntries(MODE_SLUGS.map((mode) => [mode, z.number().int().min(1).max(240)])) as Record<
    ModeSlug,
    z.ZodNumber
  >,
);

/** The metadata every lesson declares in `lesson.yaml`. */
export const lessonSchema = z.strictObject({
  /** Human title, e.g. "Why Kubernetes networking matters". */
  title: z.string().min(3).max(120),
  /** One-line summary for the course home and search results. */
  summary: z.string().min(10).max(200),
  /** Position in the course, 1 first; unique across lessons. */
  order: z.number().int().min(1),
  /** How hard the lesson is. */
  difficulty: z.enum(DIFFICULTIES),
  /** Topic tags, kebab-case. */
  tags: z.array(z.string().regex(kebab, 'tags must be kebab-case')).min(1),
  /** Slugs of lessons to take first. */
  prerequisites: z.array(z.string().regex(kebab)).default([]),
  /** Estimated minutes for each of the nine modes. */
  minutes: minutesSchema,
  /** The concept snapshot: 5–8 bullets. */
  snapshot: z.array(z.string().min(3)).min(5).max(8),
  /** The full transcript: the lesson told as plain prose, paragraphs separated by blank lines. */
  transcript: z.string().min(200),
  /** Named connections (traces) rendered by the visual components. */
  traces: z.record(z.string().regex(kebab), traceSpecSchema).default({}),
  /** Cues that move the Listen diagram along with the narration, in transcript order. */
  narration: z.array(narrationCueSchema).default([]),
});

/** A lesson's validated metadata. */
export type LessonMeta = z.infer<typeof lessonSchema>;
/** One narration cue. */
export type NarrationCue = z.infer<typeof narrationCueSchema>;
/** One named trace of a lesson. */
export type TraceSpec = z.infer<typeof traceSpecSchema>;
/** A difficulty level. */
export type Difficulty = (typeof DIFFICULTIES)[number];
