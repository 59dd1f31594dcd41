import { descriptionQuality, type DescriptionQuality } from './description-quality.js';
import {
  lengthScore,
  readability,
  scoreText,
  sentiment,
  structureScore,
  titleRelevance,
  type Readability,
  type Sentiment,
  type TextScore,
} from './text-quality.js';
import { titleQuality, type TitleQuality } from './title-quality.js';

/**
 * The text measures grouped as one object, in the shape of the PrismQ Python scorer's
 * `TextScorer` class. Stateless; every method is the free function of the same name.
 */
export class TextScorer {
  /** See {@link readability}. */
  readability(text: string): Readability {
    return readability(text);
  }
  /** See {@link lengthScore}. */
  lengthScore(text: string): number {
    return lengthScore(text);
  }
  /** See {@link structureScore}. */
  structureScore(text: string): number {
    return structureScore(text);
  }
  /** See {@link sentiment}. */
  sentiment(text: string): Sentiment {
    return sentiment(text);
  }
  /** See {@link titleRelevance}. */
  titleRelevance(title: string | null | undefined, text: string): number {
    return titleRelevance(title, text);
  }
  /** See {@link scoreText}. */
  scoreText(text: string, title?: string | null): TextScore {
    return scoreText(text, title);
  }
  /** See {@link titleQuality}. */
  titleQuality(title: string | null | undefined): TitleQuality {
    return titleQuality(title);
  }
  /** See {@link descriptionQuality}. */
  descriptionQuality(description: string | null | undefined): DescriptionQuality {
    return descriptionQuality(description);
  }
}
