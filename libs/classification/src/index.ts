// The classifying surface: no Node built-ins, and zod/mini (not the full zod) for the keyword
// tables and the IdeaInspiration model, so that it bundles small for any platform. The
// prismq-classify command lives in the bin only.
export {
  ClassificationError,
  KeywordTableError,
  InvalidFieldError,
  InvalidOptionError,
  InvalidIdeaError,
  type ClassificationErrorCode,
} from './classification-error.js';
export { tokenize } from './tokenizer.js';
export { inflectedForms } from './inflection.js';
export { compileKeywordMatcher, type KeywordMatcher } from './keyword-matcher.js';
export {
  KeywordTablesSchema,
  CategoryTableSchema,
  StoryTablesSchema,
  FieldMultipliersSchema,
  parseKeywordTables,
  type KeywordTables,
  type CategoryTable,
  type StoryTables,
  type FieldMultipliers,
} from './keyword-tables.js';
export { defaultKeywordTables } from './default-keyword-tables.js';
export { Category, defaultCategories, type CategoryInfo, type CategoryLabel } from './category.js';
export { type ClassificationInput, type MetadataRecord } from './classification-input.js';
export { DEFAULT_SUBTITLE_WINDOW } from './subtitle-window.js';
export {
  CategoryClassifier,
  type CategoryResult,
  type CategoryClassifierOptions,
} from './category-classifier.js';
export { StoryDetector, type StoryResult, type StoryDetectorOptions } from './story-detector.js';
export {
  TextClassifier,
  indicatorKeywords,
  type Enrichment,
  type EnrichableIdea,
  type EnrichmentFlags,
  type FieldScores,
  type TextClassifierOptions,
} from './text-classifier.js';
export { scoreTextField, scoreKeywordsField } from './field-score.js';
export {
  IdeaInspirationSchema,
  SourceTypeSchema,
  IdeaInspirationBuilder,
  parseIdeaInspiration,
  type IdeaInspiration,
  type SourceType,
} from './idea-inspiration.js';
export {
  IdeaExtractor,
  tagsToKeywords,
  stringifyMetadata,
  type RawMetadata,
} from './idea-extractor.js';
export { extractKeywordsFromText } from './keyword-extraction.js';
export { ENGLISH_STOP_WORDS } from './stop-words.js';
export { classifyFromMetadata, detectFromMetadata } from './metadata-shortcuts.js';
