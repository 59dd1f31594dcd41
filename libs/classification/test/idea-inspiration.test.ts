import { describe, expect, it } from 'vitest';
import {
  IdeaExtractor,
  IdeaInspirationBuilder,
  InvalidIdeaError,
  extractKeywordsFromText,
  parseIdeaInspiration,
} from '../src/index.js';

describe('IdeaInspirationBuilder', () => {
  it('builds a validated idea', () => {
    const idea = new IdeaInspirationBuilder()
      .title('My AITA story')
      .description('what happened')
      .content('i was there')
      .keywords(['aita'])
      .addKeyword('story')
      .sourceType('video')
      .metadata({ channel: 'c1' })
      .metadata({ views: '10' })
      .validate();
    expect(idea).toEqual({
      title: 'My AITA story',
      description: 'what happened',
      content: 'i was there',
      keywords: ['aita', 'story'],
      sourceType: 'video',
      metadata: { channel: 'c1', views: '10' },
    });
  });

  it('requires a title', () => {
    expect(() => new IdeaInspirationBuilder().description('no title').validate()).toThrow(
      InvalidIdeaError,
    );
    expect(() => new IdeaInspirationBuilder().title('   ').validate()).toThrow(
      'invalid IdeaInspiration: title: title is required',
    );
  });

  it('parses unknown values with defaults and rejects a bad source type', () => {
    expect(parseIdeaInspiration({ title: 't' })).toEqual({
      title: 't',
      description: '',
      content: '',
      keywords: [],
      sourceType: 'text',
      metadata: {},
    });
    expect(() => parseIdeaInspiration({ title: 't', sourceType: 'image' })).toThrow(/sourceType/);
  });
});

describe('IdeaExtractor', () => {
  it('turns tags into keywords and metadata values into strings', () => {
    const idea = IdeaExtractor.fromText(
      'T',
      'D',
      'body',
      ['  #StoryTime ', 'a', '#', 'AITA', 'aita'],
      { views: 1000, live: false, info: { a: 1 }, gone: null },
    );
    expect(idea).toEqual({
      title: 'T',
      description: 'D',
      content: 'body',
      keywords: ['storytime', 'aita'],
      sourceType: 'text',
      metadata: { views: '1000', live: 'false', info: '{"a":1}' },
    });
  });

  it('puts subtitles and transcriptions in the content of video and audio ideas', () => {
    expect(IdeaExtractor.fromVideo('v', '', 'subs')).toMatchObject({
      sourceType: 'video',
      content: 'subs',
    });
    expect(IdeaExtractor.fromAudio('a', '', 'words')).toMatchObject({
      sourceType: 'audio',
      content: 'words',
    });
  });

  it('picks the source type of a raw record from its fields', () => {
    expect(
      IdeaExtractor.fromMetadata({ title: 'v', subtitle_text: 's', transcription: 't', views: 5 }),
    ).toMatchObject({
      sourceType: 'video',
      content: 's',
      metadata: { views: '5' },
    });
    expect(IdeaExtractor.fromMetadata({ title: 'a', transcription: 't' })).toMatchObject({
      sourceType: 'audio',
      content: 't',
    });
    expect(IdeaExtractor.fromMetadata({ title: 'b', body: 'b1', content: 'c1' })).toMatchObject({
      sourceType: 'text',
      content: 'b1',
    });
    expect(IdeaExtractor.fromMetadata({ title: 'c', content: 'c1', tags: 'x, #yy' })).toMatchObject(
      { content: 'c1', keywords: ['yy'] },
    );
  });
});

describe('extractKeywordsFromText', () => {
  it('ranks ASCII words by frequency, ties by first appearance, without stop words', () => {
    expect(extractKeywordsFromText('Python tips: python lists, python loops and lists', 3)).toEqual(
      ['python', 'lists', 'tips'],
    );
  });

  it('applies max and minLength', () => {
    expect(extractKeywordsFromText('go go go cat cat dog', 10, 3)).toEqual(['cat', 'dog']);
    expect(extractKeywordsFromText('go go go cat cat dog', 1, 2)).toEqual(['go']);
    expect(extractKeywordsFromText('anything', 0)).toEqual([]);
  });

  it('reads only ASCII letters', () => {
    expect(extractKeywordsFromText('Café naïve 日本語 résumé')).toEqual(['caf', 'sum']);
  });
});
