/** Machine-readable reason of a {@link ClassificationError}. */
export type ClassificationErrorCode =
  'INVALID_KEYWORD_TABLES' | 'INVALID_FIELD' | 'INVALID_OPTION' | 'INVALID_IDEA';

/**
 * Base class of every error this package throws on purpose. `code` is stable and meant for
 * programs; `message` names the input and the rule it broke and is meant for people.
 */
export class ClassificationError extends Error {
  /** Stable reason, for programs that branch on the failure. */
  readonly code: ClassificationErrorCode;

  constructor(code: ClassificationErrorCode, message: string) {
    super(message);
    this.name = new.target.name;
    this.code = code;
  }
}

/** A keyword table (default or caller-supplied) failed validation when a classifier was built. */
export class KeywordTableError extends ClassificationError {
  /** Each problem as `<path>: <rule>`, e.g. `categories.2.keywords.tips: weight must be > 0`. */
  readonly issues: readonly string[];

  constructor(issues: readonly string[]) {
    super('INVALID_KEYWORD_TABLES', `invalid keyword tables: ${issues.join('; ')}`);
    this.issues = issues;
  }
}

/** A field of a classification input has the wrong type (a number as title, a string as tags…). */
export class InvalidFieldError extends ClassificationError {
  /** The offending field, e.g. `title` or `tags[2]`. */
  readonly field: string;
  /** What the field must be, e.g. `a string`. */
  readonly expected: string;
  /** The value that was given. */
  readonly received: unknown;

  constructor(field: string, expected: string, received: unknown) {
    super(
      'INVALID_FIELD',
      `field "${field}" must be ${expected}, received ${describeValue(received)}`,
    );
    this.field = field;
    this.expected = expected;
    this.received = received;
  }
}

/** An option passed to a constructor (threshold, window size…) is out of its range. */
export class InvalidOptionError extends ClassificationError {
  /** The offending option name. */
  readonly option: string;

  constructor(option: string, rule: string, received: unknown) {
    super('INVALID_OPTION', `option "${option}" ${rule}, received ${describeValue(received)}`);
    this.option = option;
  }
}

/** An IdeaInspiration failed its schema (e.g. a builder without a title). */
export class InvalidIdeaError extends ClassificationError {
  /** Each problem as `<path>: <rule>`. */
  readonly issues: readonly string[];

  constructor(issues: readonly string[]) {
    super('INVALID_IDEA', `invalid IdeaInspiration: ${issues.join('; ')}`);
    this.issues = issues;
  }
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  switch (typeof value) {
    case 'string':
      return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
    case 'object':
      return 'an object';
    case 'number':
    case 'bigint':
    case 'boolean':
    case 'symbol':
    case 'undefined':
      return `${typeof value} ${String(value)}`;
    default:
      return 'a function';
  }
}
