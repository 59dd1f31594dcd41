/**
 * The surface forms a keyword's last word matches besides itself: plural `-s` / `-es` and
 * `-ing` / `-ed`, nothing else. English spelling decides which of those can actually occur,
 * and that is what keeps short keywords from matching unrelated words:
 *
 * - `-es` only after s, x, z, ch, sh or o (`match` → `matches`), and y → `ies` after a
 *   consonant (`story` → `stories`). So `codes` is not `cod` + `es`.
 * - `-ing` / `-ed` drop a final silent e (`dance` → `dancing`, `danced`).
 * - A one-syllable word ending consonant–vowel–consonant doubles its last letter
 *   (`vlog` → `vlogging`, `pet` → `petted`), so `coded` / `coding` are not forms of `cod`.
 *   Longer words of that shape accept both spellings (`speedrunning`, `traveled`, `travelled`).
 * - Words shorter than three letters take only `-s` (`ad` → `ads`, never `added`).
 */
export function inflectedForms(word: string): string[] {
  const forms = new Set<string>();
  if (!/^[a-z]+$/.test(word)) return [];
  if (word.length >= 2) forms.add(`${word}s`);
  if (word.length < 3) return [...forms];

  if (/(?:s|x|z|ch|sh|o)$/.test(word)) forms.add(`${word}es`);
  if (/[^aeiou]y$/.test(word)) {
    forms.add(`${word.slice(0, -1)}ies`);
    forms.add(`${word.slice(0, -1)}ied`);
  }

  if (word.endsWith('e')) {
    forms.add(`${word.slice(0, -1)}ing`);
    forms.add(`${word}d`);
    return [...forms];
  }

  const doubles = /[^aeiou][aeiou][^aeiouwxy]$/.test(word);
  const oneSyllable = (word.match(/[aeiouy]+/g) ?? []).length <= 1;
  if (doubles) {
    const last = word.slice(-1);
    forms.add(`${word}${last}ing`);
    forms.add(`${word}${last}ed`);
  }
  if (!doubles || !oneSyllable) {
    forms.add(`${word}ing`);
    if (!/[^aeiou]y$/.test(word)) forms.add(`${word}ed`);
  }
  return [...forms];
}
