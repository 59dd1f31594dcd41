import type {
  ScorableIdea as IdeaInspiration,
  EngagementMetrics,
  YouTubeVideo,
} from '@prismq/scoring';

// Inputs of the `scoring/*` cases of the benchmark catalogue, shared by the bench files and
// the profiling scenarios so that both measure the same work.

/** `scoring/youtube/single`. */
export const YOUTUBE_SINGLE: YouTubeVideo = {
  statistics: { viewCount: '1000000', likeCount: '50000', commentCount: '1000' },
};

/** `scoring/youtube/varied-4`: views / likes / comments as strings. */
export const YOUTUBE_VARIED: readonly YouTubeVideo[] = [
  [100, 10, 1],
  [10_000, 500, 50],
  [1_000_000, 50_000, 1_000],
  [10_000_000, 500_000, 10_000],
].map(([views, likes, comments]) => ({
  statistics: {
    viewCount: String(views),
    likeCount: String(likes),
    commentCount: String(comments),
  },
}));

/** `scoring/ucs/typical` and `scoring/ucs/full`. */
export const UCS_TYPICAL: EngagementMetrics = {
  views: 1_000_000,
  likes: 50_000,
  comments: 1_000,
  shares: 5_000,
  saves: 2_000,
  averageWatchTime: 45,
  videoLength: 60,
  channelMedianViews: 500_000,
  conversions: 1_000,
};

/** `scoring/ucs/minimal`. */
export const UCS_MINIMAL: EngagementMetrics = { views: 10_000, likes: 500 };

/** A title, a description and a body, the input of the `scoring/text/*` cases. */
export interface TextCase {
  title: string;
  description: string;
  text: string;
}

// Six sentences, about 80 words and 540 characters, on indented lines.
const MACHINE_LEARNING_PARAGRAPH = `    Machine learning lets computers find patterns in data instead of following fixed rules.
    A model starts with random guesses and improves each time it sees a labelled example.
    Good training data matters more than clever algorithms for most practical problems.
    Engineers split their data so that the model is tested on examples it has never seen.
    Overfitting happens when a model memorises noise rather than learning the real signal.
    With care, even simple models can make useful predictions about the world around us.
`;

/** `scoring/text/typical`: the paragraph three times, about 1 600 characters. */
export const TEXT_TYPICAL: TextCase = {
  title: 'Introduction to Machine Learning',
  description: 'A comprehensive guide to ML basics and fundamentals.',
  text: MACHINE_LEARNING_PARAGRAPH.repeat(3),
};

/** `scoring/text/short`. */
export const TEXT_SHORT: TextCase = {
  title: 'Quick Tip',
  description: 'A brief tip.',
  text: 'This is a short piece of text for testing.',
};

/** `scoring/text/long`: 500 numbered sentences joined by spaces. */
export const TEXT_LONG: TextCase = {
  title: 'Comprehensive Guide to Everything',
  description: 'An extensive guide covering multiple topics.',
  text: Array.from({ length: 500 }, (_, i) => `This is sentence number ${i}.`).join(' '),
};

/** `scoring/idea/video-with-engagement`: four sentences, about 60 words and 380 characters. */
export const IDEA_VIDEO: IdeaInspiration = {
  title: 'Python Programming Tutorial for Beginners',
  description: 'Learn Python from scratch with hands-on examples.',
  textContent:
    'Python is a friendly language for people who are new to programming and want quick results. ' +
    'In this tutorial we install Python, write our first script and run it from the terminal. ' +
    'Next we explore variables, loops and functions with small examples you can type along with. ' +
    'By the end you will build a tiny game and know where to go next.',
  metadata: {
    statistics: { viewCount: '500000', likeCount: '25000', commentCount: '500' },
    channel: 'Code With Friends',
    published_at: '2024-03-01T12:00:00Z',
  },
};

/** `scoring/batch/10`. */
export function batchOfTen(): IdeaInspiration[] {
  return Array.from({ length: 10 }, (_, i) => ({
    title: `Title ${i}`,
    description: `Description for item ${i}`,
    textContent: `Content for item ${i}. `.repeat(20),
  }));
}

/** `scoring/batch/100` and the batch-size sweep: `n` ideas "Item i" / "Description i" / "Content i. " × 10. */
export function batchOf(n: number): IdeaInspiration[] {
  return Array.from({ length: n }, (_, i) => ({
    title: `Item ${i}`,
    description: `Description ${i}`,
    textContent: `Content ${i}. `.repeat(10),
  }));
}

const SWEEP_VOCABULARY = [
  'content',
  'creators',
  'measure',
  'how',
  'audiences',
  'respond',
  'to',
  'every',
  'great',
  'video',
  'and',
  'learn',
  'which',
  'ideas',
  'deserve',
  'a',
  'second',
  'look',
  'when',
  'results',
  'are',
  'poor',
];

/**
 * Prose of exactly `words` words for the text-length sweep: 15-word sentences in
 * 5-sentence paragraphs, so that every size exercises words, sentences and paragraphs.
 */
export function proseOfWords(words: number): string {
  const parts: string[] = [];
  for (let i = 0; i < words; i++) {
    parts.push(SWEEP_VOCABULARY[(i * 7) % SWEEP_VOCABULARY.length] as string);
    const end = i === words - 1 || i % 15 === 14;
    if (end) parts.push(i % 75 === 74 ? '.\n\n' : '. ');
    else parts.push(' ');
  }
  return parts.join('');
}
