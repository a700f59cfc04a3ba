import { describe, expect, it } from '@jest/globals';
import { BadRequestException, UnsupportedMediaTypeException } from '@nestjs/common';
import { DomainException } from '../errors/domain.exception.js';
import { jsonDepth, parseJsonBody, parseTextBody } from './body-parsers.js';

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

describe('parseJsonBody', () => {
  const json = (text: string, contentType = 'application/json') =>
    parseJsonBody(Buffer.from(text), contentType);

  it('reads objects and arrays, with or without a byte-order mark', () => {
    expect(json('{"a":[1,2]}')).toEqual({ a: [1, 2] });
    expect(json(' \n[1]', 'application/json; charset=UTF-8')).toEqual([1]);
    expect(json('\uFEFF{"a":1}')).toEqual({ a: 1 });
  });

  it('reads an empty body as an empty object', () => {
    expect(json('')).toEqual({});
  });

  it.each(['{', 'null', '"string"', '1', '{"a":1}{"b":2}', '   '])('refuses %j as malformed JSON', (text) => {
    expect(() => json(text)).toThrow(new BadRequestException('Malformed JSON body'));
  });

  it('refuses a charset that is not UTF with 415', () => {
    expect(() => json('{}', 'application/json; charset=latin1')).toThrow(UnsupportedMediaTypeException);
  });

  it('refuses a body nested deeper than the limit', () => {
    const deep = '{"a":'.repeat(20_000) + '1' + '}'.repeat(20_000);
    expect(() => json(deep)).toThrow(DomainException);
    expect(() => json(deep)).toThrow('nested deeper than 32 levels');
    expect(json('{"a":'.repeat(32) + '1' + '}'.repeat(32))).toBeDefined();
  });
});

describe('parseTextBody', () => {
  it('decodes the charset the Content-Type names, UTF-8 by default', () => {
    expect(parseTextBody(Buffer.from('città', 'utf8'), 'text/csv')).toBe('città');
    expect(parseTextBody(Buffer.from('città', 'latin1'), 'text/csv; charset=ISO-8859-1')).toBe('città');
  });

  it('refuses a charset it does not know with 415', () => {
    expect(() => parseTextBody(Buffer.from('x'), 'text/csv; charset=klingon')).toThrow(
      UnsupportedMediaTypeException,
    );
  });
});
