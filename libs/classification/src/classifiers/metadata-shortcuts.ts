import { CategoryClassifier, type CategoryResult } from './category-classifier.js';
import { StoryDetector, type StoryResult } from './story-detector.js';

let sharedClassifier: CategoryClassifier | undefined;
let sharedDetector: StoryDetector | undefined;

/**
 * Classifies a raw record (`title`, `description`, `tags`, `subtitle_text`) with the default
 * tables. The classifier is built on the first call and reused.
 *
 * @example
 * ```ts
 * classifyFromMetadata({ title: 'ASMR tapping', tags: ['asmr'] }).category; // 'Unusable'
 * ```
 */
export function classifyFromMetadata(record: unknown): CategoryResult {
  sharedClassifier ??= new CategoryClassifier();
  return sharedClassifier.classifyFromMetadata(record);
}

/**
 * Detects whether a raw record (`title`, `description`, `tags`, `subtitle_text`) is a story,
 * with the default tables and threshold 0.3. The detector is built on the first call and reused.
 */
export function detectFromMetadata(record: unknown): StoryResult {
  sharedDetector ??= new StoryDetector();
  return sharedDetector.detectFromMetadata(record);
}
