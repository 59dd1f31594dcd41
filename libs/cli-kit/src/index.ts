export { isProgressMilestone, progressLine } from './progress-line.js';
export { openRecordFile, RecordFileError, type RecordFile } from './record-file.js';
export { readRecordLines, type RecordLine } from './record-lines.js';
export { runRecordLoop, type RecordLoop, type RecordOutcome } from './record-loop.js';
export { formatValidationIssue, type ValidationIssue } from './validation-issue.js';
