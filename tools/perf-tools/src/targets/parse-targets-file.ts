import { firstValidationProblem } from '../validation-issue';
import { TargetsFileSchema, type TargetsFile } from './targets-file-schema';
import { TargetsFileError } from './targets-file-error';

/**
 * Validates the text of a targets file.
 * @param text - the file's content
 * @param path - the file's path, named in errors
 * @throws {@link TargetsFileError} naming the path and the location of the first problem
 */
export function parseTargetsFile(text: string, path: string): TargetsFile {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new TargetsFileError(
      'TARGETS_FILE_NOT_JSON',
      path,
      '',
      `not valid JSON (${(error as Error).message})`,
    );
  }
  const parsed = TargetsFileSchema.safeParse(data);
  if (!parsed.success) {
    const { field, rule } = firstValidationProblem(parsed.error, '(root)');
    throw new TargetsFileError('TARGETS_FILE_INVALID', path, field, rule);
  }
  return parsed.data;
}
