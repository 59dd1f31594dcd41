import { describe, expect, it } from 'vitest';
import { inflectedForms } from '../src/index.js';

describe('inflectedForms', () => {
  it('adds -s to any word of two letters or more', () => {
    expect(inflectedForms('meme')).toContain('memes');
    expect(inflectedForms('ad')).toEqual(['ads']);
  });

  it('adds -es only where English spelling does', () => {
    expect(inflectedForms('match')).toContain('matches');
    expect(inflectedForms('cod')).not.toContain('codes');
    expect(inflectedForms('story')).toContain('stories');
  });

  it('adds -ing and -ed, doubling a final consonant after a short vowel', () => {
    expect(inflectedForms('review')).toEqual(expect.arrayContaining(['reviewing', 'reviewed']));
    expect(inflectedForms('speedrun')).toEqual(
      expect.arrayContaining(['speedrunning', 'speedrunned']),
    );
    expect(inflectedForms('dance')).toEqual(expect.arrayContaining(['dancing', 'danced']));
  });

  it('requires the doubled spelling for one-syllable words so code is never cod', () => {
    expect(inflectedForms('cod')).toEqual(expect.arrayContaining(['codding', 'codded']));
    expect(inflectedForms('cod')).not.toContain('coding');
    expect(inflectedForms('cod')).not.toContain('coded');
  });

  it('gives no forms to non-alphabetic tokens', () => {
    expect(inflectedForms('2024')).toEqual([]);
  });
});
