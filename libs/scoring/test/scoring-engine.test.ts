import { describe, expect, it } from 'vitest';
import {
  DEFAULT_WEIGHTS,
  ScoringConfigError,
  ScoringEngine,
  ScoringInputError,
} from '../src/index.js';

describe('ScoringEngine', () => {
  it('uses the weights 1.0, 0.8, 0.6 by default, so the engagement component does not count', () => {
    const engine = new ScoringEngine();
    expect(engine.weights).toEqual([1.0, 0.8, 0.6]);
    const result = engine.calculateScore({
      views: 500_000,
      likes: 25_000,
      comments: 500,
      shares: 1_000_000,
    });
    expect(result.details.engagementScore).toBe(1);
    expect(result.score).toBeCloseTo((0.5 * 1.0 + 0.5 * 0.8 + 0.5 * 0.6) * 10, 12);
    expect(result.details.finalScore).toBe(result.score);
  });

  it('caps each component at 1', () => {
    const { details } = new ScoringEngine().calculateScore({
      views: 5e7,
      likes: 1e7,
      comments: 1e5,
    });
    expect([details.viewScore, details.likeScore, details.commentScore]).toEqual([1, 1, 1]);
    expect(details.finalScore).toBeCloseTo(24, 12);
  });

  it('counts the engagement component once a fourth weight is given, and ignores weights beyond four', () => {
    const metrics = { views: 1000, likes: 10 };
    const four = new ScoringEngine({ weights: [0, 0, 0, 2] }).calculateScore(metrics);
    expect(four.score).toBeCloseTo(1 * 2 * 10, 12);
    const six = new ScoringEngine({ weights: [0, 0, 0, 2, 50, 50] }).calculateScore(metrics);
    expect(six.score).toBe(four.score);
  });

  it('drops components beyond a short weight list', () => {
    expect(
      new ScoringEngine({ weights: [2] }).calculateScore({ views: 100_000, likes: 1e9 }).score,
    ).toBeCloseTo(2, 12);
  });

  it('caps the final score at 100', () => {
    expect(
      new ScoringEngine({ weights: [50, 50, 50] }).calculateScore({
        views: 1e6,
        likes: 1e6,
        comments: 1e6,
      }).score,
    ).toBe(100);
  });

  it('gives 0 engagement without views instead of dividing by zero', () => {
    const { details } = new ScoringEngine().calculateScore({ views: 0, likes: 10 });
    expect(details.engagementScore).toBe(0);
  });

  it('keeps its own copy of the weights', () => {
    const weights = [1, 1, 1];
    const engine = new ScoringEngine({ weights });
    weights[0] = 100;
    expect(engine.weights[0]).toBe(1);
    expect(DEFAULT_WEIGHTS).toEqual([1.0, 0.8, 0.6]);
  });

  it('rejects weights that are negative or not finite, naming the option', () => {
    expect(() => new ScoringEngine({ weights: [1, -1] })).toThrow(ScoringConfigError);
    expect(() => new ScoringEngine({ weights: [Number.NaN] })).toThrow(/weights/);
    expect(() => new ScoringEngine({ weights: [1, Infinity] })).toThrow(
      'ScoringEngine options is invalid: weights.1: expected a finite, non-negative number',
    );
    // Options often come from parsed configuration, so wrong shapes are named too.
    expect(() => new ScoringEngine({ weights: '1,2' } as never)).toThrow(
      'weights: expected an array of numbers',
    );
    expect(() => new ScoringEngine({ weights: [1, '2'] } as never)).toThrow(/weights\.1/);
    expect(() => new ScoringEngine(null as never)).toThrow(ScoringConfigError);
    expect(new ScoringEngine({ weights: null }).weights).toEqual(DEFAULT_WEIGHTS);
  });

  it('rejects a bad count with the field name', () => {
    expect(() => new ScoringEngine().calculateScore({ comments: -2 })).toThrow(ScoringInputError);
    expect(() => new ScoringEngine().calculateScore({ comments: -2 })).toThrow(/^comments /);
  });
});
