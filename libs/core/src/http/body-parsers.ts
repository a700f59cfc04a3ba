import { TextDecoder } from 'node:util';
import { BadRequestException, UnsupportedMediaTypeException } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';
import { DomainException, ErrorKind } from '../errors/domain.exception.js';

export const MAX_BODY_DEPTH = 32;

/** Media types whose bodies reach the handlers as text: the CSV import (IMPORT_LIMIT applies). */
export const TEXT_BODY_TYPES = ['text/csv', 'text/plain'];

/** Nesting depth of a parsed JSON value, measured without recursion so hostile input cannot overflow the stack. */
export function jsonDepth(value: unknown, limit: number): number {
  let deepest = 0;
  const pending: Array<[unknown, number]> = [[value, 1]];
  while (pending.length) {
    const [current, depth] = pending.pop()!;
    if (current === null || typeof current !== 'object') continue;
    deepest = Math.max(deepest, depth);
    if (deepest > limit) return deepest;
    for (const child of Object.values(current)) pending.push([child, depth + 1]);
  }
  return deepest;
}

const CHARSET = /;\s*charset\s*=\s*"?([^";\s]+)/i;

function charsetOf(contentType: string | undefined): string | undefined {
  return contentType ? CHARSET.exec(contentType)?.[1].toLowerCase() : undefined;
}

function unsupportedCharset(charset: string): UnsupportedMediaTypeException {
  return new UnsupportedMediaTypeException(`unsupported charset "${charset.toUpperCase()}"`);
}

/** The body as text in the charset its Content-Type names (UTF-8 when none), without a byte-order mark. */
function decode(body: Buffer, charset: string | undefined): string {
  let text: string;
  if (charset === undefined || charset === 'utf-8' || charset === 'utf8') {
    text = body.toString('utf8');
  } else {
    let decoder: TextDecoder;
    try {
      decoder = new TextDecoder(charset);
    } catch {
      throw unsupportedCharset(charset);
    }
    text = decoder.decode(body);
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * A JSON body read as the API has always read it (body-parser's strict mode): an empty body is `{}`,
 * only an object or an array is accepted, a charset other than UTF-x is 415. Bodies nested deeper
 * than any DTO of the API are refused here, before validation and transformation, which walk bodies
 * recursively: a 20,000-level body would overflow their stack and answer a 500.
 */
export function parseJsonBody(
  body: Buffer,
  contentType: string | undefined,
  depthLimit = MAX_BODY_DEPTH,
): unknown {
  const charset = charsetOf(contentType);
  if (charset !== undefined && !charset.startsWith('utf-') && charset !== 'utf8')
    throw unsupportedCharset(charset);
  if (body.length === 0) return {};
  const text = decode(body, charset);
  const first = /^[ \t\n\r]*(.)/.exec(text)?.[1];
  let value: unknown;
  try {
    if (first !== '{' && first !== '[') throw new SyntaxError('Not an object or an array');
    value = JSON.parse(text);
  } catch {
    throw new BadRequestException('Malformed JSON body');
  }
  if (jsonDepth(value, depthLimit) > depthLimit) {
    throw new DomainException(
      ErrorKind.BAD_INPUT,
      'BODY_TOO_DEEP',
      `The body is nested deeper than ${depthLimit} levels`,
    );
  }
  return value;
}

/** A text body (the CSV import), decoded in its charset. */
export function parseTextBody(body: Buffer, contentType: string | undefined): string {
  return decode(body, charsetOf(contentType));
}

/**
 * The API's body parsers: JSON up to `json` bytes, text/csv and text/plain up to `text` bytes (Fastify
 * answers 413 past them), multipart by the upload interceptor. A body of any other type is not read
 * and reaches the handler as no body, as before: the handler's validation answers it, not a 415.
 * What a parser throws, Fastify answers as the request's error.
 */
export function useBodyParsers(fastify: FastifyInstance, limits: { json: number; text: number }): void {
  fastify.addContentTypeParser(
    'application/json',
    { parseAs: 'buffer', bodyLimit: limits.json },
    (request, body, done) => done(null, parseJsonBody(body as Buffer, request.headers['content-type'])),
  );
  fastify.addContentTypeParser(
    TEXT_BODY_TYPES,
    { parseAs: 'buffer', bodyLimit: limits.text },
    (request, body, done) => done(null, parseTextBody(body as Buffer, request.headers['content-type'])),
  );
  fastify.addContentTypeParser('*', (_request, _payload, done) => done(null, undefined));
}
