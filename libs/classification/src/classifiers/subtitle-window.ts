import { InvalidOptionError } from '../classification-error.js';

/** Characters of a subtitle that the classifiers read unless told otherwise. */
export const DEFAULT_SUBTITLE_WINDOW = 500;

/**
 * Validates a `subtitleWindow` option: a whole number ≥ 0, default
 * {@link DEFAULT_SUBTITLE_WINDOW}. Throws {@link InvalidOptionError}.
 */
export function checkSubtitleWindow(window: number | undefined): number {
  if (window === undefined) return DEFAULT_SUBTITLE_WINDOW;
  if (!Number.isInteger(window) || window < 0)
    throw new InvalidOptionError('subtitleWindow', 'must be a whole number ≥ 0', window);
  return window;
}
