import { describe, expect, it } from '@jest/globals';
import { extractBearerToken } from './token-payload.js';

describe('extractBearerToken', () => {
  it('reads the token of a Bearer header, whatever the scheme case', () => {
    expect(extractBearerToken('Bearer abc.def.ghi')).toBe('abc.def.ghi');
    expect(extractBearerToken('bearer abc.def.ghi')).toBe('abc.def.ghi');
  });

  it.each([
    ['no header', undefined],
    ['an empty header', ''],
    ['another scheme', 'Basic dXNlcjpwYXNz'],
    ['a scheme without a token', 'Bearer '],
    ['two tokens', 'Bearer one two'],
    ['a repeated header', ['Bearer a', 'Bearer b']],
  ])('answers undefined for %s', (_label, header) => {
    expect(extractBearerToken(header)).toBeUndefined();
  });
});
