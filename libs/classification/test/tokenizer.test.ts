import { describe, expect, it } from 'vitest';
import { tokenize } from '../src/index.js';

describe('tokenize', () => {
  it('lower-cases and splits on anything that is not a letter, digit or underscore', () => {
    expect(tokenize('Q&A: Top-10 GAMING_clips!!')).toEqual(['q', 'a', 'top', '10', 'gaming_clips']);
  });

  it('drops an apostrophe inside a word and splits on one at its edge', () => {
    expect(tokenize("Don't touch my friends' Rubik’s cube")).toEqual([
      'dont',
      'touch',
      'my',
      'friends',
      'rubiks',
      'cube',
    ]);
  });

  it('keeps letters of every script and ignores emoji', () => {
    expect(tokenize('🎮 Ünïcode مرحبا 日本語 😎')).toEqual(['ünïcode', 'مرحبا', '日本語']);
  });

  it('returns nothing for text without words', () => {
    expect(tokenize('  !!! 🔥🔥 ')).toEqual([]);
  });
});
