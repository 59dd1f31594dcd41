import { describe, expect, it } from 'vitest';
import { readEveryCharacter } from '../src/read-floor.js';

describe('readEveryCharacter', () => {
  it('reads every character of title, description and tags, and nothing else', () => {
    expect(readEveryCharacter({ title: 'ab', description: 'c', tags: ['d', 'é'] })).toBe(
      97 + 98 + 99 + 100 + 0xe9,
    );
    expect(readEveryCharacter({ title: 'ab', subtitleText: 'zzz' })).toBe(97 + 98);
    expect(readEveryCharacter({})).toBe(0);
  });
});
