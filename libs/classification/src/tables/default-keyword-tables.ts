import defaultTablesJson from '../data/classification-keywords.json' with { type: 'json' };
import { parseKeywordTables, type KeywordTables } from './keyword-tables.js';

let parsed: KeywordTables | undefined;

/**
 * The keyword tables shipped with the package (eight categories, field multipliers and the
 * story detector's lists). Validated on first use, then shared; treat it as read-only.
 */
export function defaultKeywordTables(): KeywordTables {
  parsed ??= parseKeywordTables(defaultTablesJson);
  return parsed;
}
