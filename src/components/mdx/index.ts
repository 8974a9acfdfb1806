/**
 * The light components lesson authors use in MDX without importing them: the mode
 * page passes this map to `<Content components={…} />`. Interactive components
 * (Questions, Flashcards, StepPlayer, ReadAlong, Terminal, Lab) are imported by the
 * MDX files that use them, so their styles and scripts reach only those pages.
 */
import Callout from './Callout.astro';
import CommandCard from './CommandCard.astro';
import Compare from './Compare.astro';
import ConceptSnapshot from './ConceptSnapshot.astro';
import LessonLink from './LessonLink.astro';
import StepLink from './StepLink.astro';
import Transcript from './Transcript.astro';

/** Every MDX component, by the tag name authors write. */
export const mdxComponents = {
  Callout,
  CommandCard,
  Compare,
  ConceptSnapshot,
  LessonLink,
  StepLink,
  Transcript,
};
