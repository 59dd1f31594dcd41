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
export { tokenize } from './matching/tokenizer.js';
export { inflectedForms } from './matching/inflection.js';
export { compileKeywordMatcher, type KeywordMatcher } from './matching/keyword-matcher.js';
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
} from './tables/keyword-tables.js';
export { defaultKeywordTables } from './tables/default-keyword-tables.js';
export {
  Category,
  defaultCategories,
  type CategoryInfo,
  type CategoryLabel,
} from './tables/category.js';
export {
  type ClassificationInput,
  type MetadataRecord,
} from './classifiers/classification-input.js';
export { DEFAULT_SUBTITLE_WINDOW } from './classifiers/subtitle-window.js';
export {
  CategoryClassifier,
  type CategoryResult,
  type CategoryClassifierOptions,
} from './classifiers/category-classifier.js';
export {
  StoryDetector,
  type StoryResult,
  type StoryDetectorOptions,
} from './classifiers/story-detector.js';
export {
  TextClassifier,
  indicatorKeywords,
  type Enrichment,
  type EnrichableIdea,
  type EnrichmentFlags,
  type FieldScores,
  type TextClassifierOptions,
} from './classifiers/text-classifier.js';
export { scoreTextField, scoreKeywordsField } from './classifiers/field-score.js';
export {
  IdeaInspirationSchema,
  SourceTypeSchema,
  IdeaInspirationBuilder,
  parseIdeaInspiration,
  type IdeaInspiration,
  type SourceType,
} from './ideas/idea-inspiration.js';
export {
  IdeaExtractor,
  tagsToKeywords,
  stringifyMetadata,
  type RawMetadata,
} from './ideas/idea-extractor.js';
export { extractKeywordsFromText } from './ideas/keyword-extraction.js';
export { ENGLISH_STOP_WORDS } from './ideas/stop-words.js';
export { classifyFromMetadata, detectFromMetadata } from './classifiers/metadata-shortcuts.js';
