/**
 * Index of the first control character (U+0000–U+001F, U+007F) in `value`, or -1. With
 * `allowLines`, tab and newline are allowed: free text may span lines. Control characters end
 * up in argv, file names and log lines, and a NUL even makes spawning a process fail.
 */
export function controlCharacterIndex(value: string, allowLines: boolean): number {
  for (let index = 0; index < value.length; index++) {
    const code = value.charCodeAt(index);
    if (code >= 0x20 && code !== 0x7f) continue;
    if (allowLines && (code === 0x09 || code === 0x0a)) continue;
    return index;
  }
  return -1;
}
