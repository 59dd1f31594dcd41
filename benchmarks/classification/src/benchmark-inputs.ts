import type { ClassificationInput } from '@prismq/classification';

/** The inputs of the `classification/*` cases of the benchmark catalogue, shared by the bench files and the profile. */

/** `category/single` and `story/story`. */
export const STORY_RECORD: ClassificationInput = {
  title: 'My AITA Story - Was I Wrong?',
  description: 'Let me tell you about what happened yesterday. This is my true story.',
  tags: ['storytime', 'aita', 'confession', 'true story'],
};

/** `category/gaming`. */
export const GAMING_RECORD: ClassificationInput = {
  title: 'Fortnite Epic Victory Royale',
  description: 'Watch this amazing gaming highlight and clutch moment!',
  tags: ['gaming', 'fortnite', 'gameplay', 'victory'],
};

/** `category/tutorial`. */
export const TUTORIAL_RECORD: ClassificationInput = {
  title: 'How to Learn Python in 60 Seconds',
  description: 'Quick tutorial on Python programming basics for beginners.',
  tags: ['tutorial', 'education', 'programming', 'python'],
};

/** `category/varied-4`. */
export const VARIED_RECORDS: readonly ClassificationInput[] = [
  {
    title: 'Funny Meme Compilation',
    description: 'The best memes of the week.',
    tags: ['memes', 'funny'],
  },
  {
    title: 'Morning Routine GRWM',
    description: 'Get ready with me for school.',
    tags: ['grwm', 'routine'],
  },
  {
    title: 'iPhone Unboxing Review',
    description: 'First impressions of the new phone.',
    tags: ['unboxing', 'tech'],
  },
  {
    title: 'ASMR Relaxation',
    description: 'Soft sounds to help you sleep.',
    tags: ['asmr', 'relaxing'],
  },
];

/** `story/non-story`. */
export const MEME_RECORD: ClassificationInput = {
  title: 'Funniest Meme Compilation 2024',
  description: 'Watch these hilarious memes that will make you laugh!',
  tags: ['comedy', 'funny', 'memes', 'entertainment'],
};

/** `story/mixed-4`. */
export const MIXED_STORY_RECORDS: readonly ClassificationInput[] = [
  {
    title: 'My True Story - AITA',
    description: 'This really happened to me last week.',
    tags: ['storytime', 'aita'],
  },
  {
    title: 'Gaming Compilation',
    description: 'Best plays of the month.',
    tags: ['gaming', 'compilation'],
  },
  {
    title: 'Reddit Confession',
    description: 'A confession from the internet.',
    tags: ['reddit story', 'confession'],
  },
  {
    title: 'Tutorial Video',
    description: 'Learn how to edit videos.',
    tags: ['tutorial', 'editing'],
  },
];

/** `batch/classify-10` and `batch/detect-10`. */
export const TEN_RECORDS: readonly ClassificationInput[] = Array.from({ length: 10 }, (_, i) => ({
  title: `Video Title ${i}`,
  description: `Description for video ${i}`,
  tags: ['tag1', 'tag2', 'tag3'],
}));

/** `batch/classify-100`. */
export const HUNDRED_RECORDS: readonly ClassificationInput[] = generalRecords(100);

/** `pipeline/full-20`: story, gaming, tutorial, confession, five times over. */
export const PIPELINE_RECORDS: readonly ClassificationInput[] = Array.from({ length: 5 }, () => [
  STORY_RECORD,
  GAMING_RECORD,
  TUTORIAL_RECORD,
  {
    title: 'Reddit Confession: I lied to my family',
    description: 'A confession I have kept for years.',
    tags: ['confession', 'reddit story'],
  },
]).flat();

/** `edge/empty`. */
export const EMPTY_RECORD: ClassificationInput = { title: '', description: '', tags: [] };

/** `edge/long-text`. */
export const LONG_RECORD: ClassificationInput = {
  title: 'Title '.repeat(100),
  description: 'Description '.repeat(500),
  tags: Array.from({ length: 50 }, (_, i) => `tag${i}`),
};

/** `edge/special-chars`. */
export const SPECIAL_CHARS_RECORD: ClassificationInput = {
  title: '🎮 Gaming Video!!! [EPIC] 😎',
  description: 'Check this out!!! 🔥🔥🔥',
  tags: ['gaming', '🎮', 'epic!!!'],
};

/** `count` records "Video i" / "Description i" / general, as in `batch/classify-100`. */
export function generalRecords(count: number): ClassificationInput[] {
  return Array.from({ length: count }, (_, i) => ({
    title: `Video ${i}`,
    description: `Description ${i}`,
    tags: ['general'],
  }));
}

const SWEEP_WORDS = [
  'my',
  'story',
  'about',
  'a',
  'gaming',
  'tutorial',
  'that',
  'happened',
  'yesterday',
  'honest',
  'review',
  'of',
  'the',
  'new',
  'routine',
];

/** A record whose description has `words` words drawn from a mix of keywords and filler. */
export function recordWithDescriptionWords(words: number): ClassificationInput {
  const parts: string[] = [];
  for (let i = 0; i < words; i++) parts.push(SWEEP_WORDS[(i * 7) % SWEEP_WORDS.length] as string);
  return { title: 'A long description', description: parts.join(' '), tags: ['general'] };
}

/** Characters of title + description + tags: the input size the size-jump rule compares. */
export function inputSize(record: ClassificationInput): number {
  return (
    (record.title ?? '').length +
    (record.description ?? '').length +
    (record.tags ?? []).reduce((sum, tag) => sum + tag.length, 0)
  );
}
