import type { ClassificationInput } from '@prismq/classification';

/**
 * Reads every character of an input's title, description and tags once, as cheaply as
 * JavaScript can (`charCodeAt` in a plain loop), and does nothing else. No matcher that looks at
 * each character can be faster than this, so `classification/story/read-floor` puts the story
 * cases' times in proportion on whatever machine runs them.
 */
export function readEveryCharacter(input: ClassificationInput): number {
  let sum = 0;
  sum = addCharacters(sum, input.title ?? '');
  sum = addCharacters(sum, input.description ?? '');
  for (const tag of input.tags ?? []) sum = addCharacters(sum, tag);
  return sum;
}

function addCharacters(sum: number, text: string): number {
  let total = sum;
  for (let i = 0; i < text.length; i++) total = (total + text.charCodeAt(i)) | 0;
  return total;
}
