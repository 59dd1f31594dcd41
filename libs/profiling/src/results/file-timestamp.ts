/** `2026-11-24T13:52:14.123Z` → `2026-11-24T13-52-14-123Z`: sortable and valid in every file system. */
export function fileTimestamp(date: Date): string {
  return date.toISOString().replace(/[:.]/g, '-');
}
