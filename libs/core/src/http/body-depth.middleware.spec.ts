import { describe, expect, it } from '@jest/globals';
import { jsonDepth } from './body-depth.middleware.js';

describe('jsonDepth', () => {
  it.each([
    [1, 0],
    ['text', 0],
    [null, 0],
    [{}, 1],
    [[], 1],
    [{ a: [1, { b: 2 }] }, 3],
  ])('measures %j as %i levels', (value, depth) => {
    expect(jsonDepth(value, 100)).toBe(depth);
  });

  it('stops early on hostile nesting without overflowing the stack', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = { a: deep };
    expect(jsonDepth(deep, 32)).toBe(33);
  });
});
