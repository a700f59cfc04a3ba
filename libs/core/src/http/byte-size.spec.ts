import { describe, expect, it } from '@jest/globals';
import { bytesOf } from './byte-size.js';

describe('bytesOf', () => {
  it.each([
    ['20mb', 20 * 1024 * 1024],
    ['512KB', 512 * 1024],
    ['1.5gb', 1.5 * 1024 ** 3],
    ['1048576', 1_048_576],
    [' 10 b ', 10],
  ])('reads %s as body-parser did', (size, bytes) => {
    expect(bytesOf(size, 'IMPORT_LIMIT')).toBe(bytes);
  });

  it('refuses a size it cannot read rather than guessing', () => {
    expect(() => bytesOf('lots', 'IMPORT_LIMIT')).toThrow('IMPORT_LIMIT must be a size such as 20mb');
    expect(() => bytesOf('20 megabytes', 'BODY_LIMIT')).toThrow('BODY_LIMIT must be');
  });
});
