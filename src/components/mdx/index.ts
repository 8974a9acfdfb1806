/**
 * The components lesson authors use in MDX without importing them: the mode
 * page passes this map to `<Content components={…} />`.
 */
import Callout from './Callout.astro';
import CommandCard from './CommandCard.astro';
import Compare from './Compare.astro';
import ConceptSnapshot from './ConceptSnapshot.astro';
import Flashcards from './Flashcards.astro';
import LabTasks from './LabTasks.astro';
import Questions from './Questions.astro';
import ReadAlong from './ReadAlong.astro';
import StepPlayer from './StepPlayer.astro';
import StepLink from './StepLink.astro';
import Terminal from './Terminal.astro';
import Transcript from './Transcript.astro';

/** Every MDX component, by the tag name authors write. */
export const mdxComponents = {
  Callout,
  CommandCard,
  Compare,
  ConceptSnapshot,
  Flashcards,
  LabTasks,
  Questions,
  ReadAlong,
  StepPlayer,
  StepLink,
  Terminal,
  Transcript,
};
