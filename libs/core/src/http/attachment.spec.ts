import { describe, expect, it } from '@jest/globals';
import { attachment } from './attachment.js';

describe('attachment', () => {
  it('names a token file name bare, as res.attachment() did', () => {
    expect(attachment('outcomes-month-2024-01-01-2024-06-30.csv')).toBe(
      'attachment; filename=outcomes-month-2024-01-01-2024-06-30.csv',
    );
  });

  it('quotes a name with spaces or quotes', () => {
    expect(attachment('a "b" c.csv')).toBe('attachment; filename="a \\"b\\" c.csv"');
  });
});
