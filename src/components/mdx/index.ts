/**
 * The light components lesson authors use in MDX without importing them: the mode
 * page passes this map to `<Content components={…} />`. Interactive components
 * (Questions, Flashcards, StepPlayer, ReadAlong, Terminal, Lab) and Compare (whose styles
 * only Why pages use) are imported by the MDX files that use them, so their styles and
 * scripts reach only those pages: every component in this map puts its CSS on every page.
 */
import Callout from './Callout.astro';
import CommandCard from './CommandCard.astro';
import ConceptSnapshot from './ConceptSnapshot.astro';
import LessonLink from './LessonLink.astro';
import StepLink from './StepLink.astro';
import Transcript from './Transcript.astro';

/** Every MDX component, by the tag name authors write. */
export const mdxComponents = {
  Callout,
  CommandCard,
  ConceptSnapshot,
  LessonLink,
  StepLink,
  Transcript,
};
