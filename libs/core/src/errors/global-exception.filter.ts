import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import { STATUS_CODES } from 'node:http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { QueryFailedError } from 'typeorm';
import { DomainException, ErrorKind } from './domain.exception.js';
import type { ErrorBodyDto } from './error-body.js';

function statusOfKind(kind: ErrorKind): number {
  switch (kind) {
    case ErrorKind.BAD_INPUT:
      return HttpStatus.BAD_REQUEST;
    case ErrorKind.UNAUTHENTICATED:
      return HttpStatus.UNAUTHORIZED;
    case ErrorKind.FORBIDDEN:
      return HttpStatus.FORBIDDEN;
    case ErrorKind.NOT_FOUND:
      return HttpStatus.NOT_FOUND;
    case ErrorKind.CONFLICT:
      return HttpStatus.CONFLICT;
    case ErrorKind.TOO_LARGE:
      return HttpStatus.PAYLOAD_TOO_LARGE;
    case ErrorKind.UNAVAILABLE:
      return HttpStatus.SERVICE_UNAVAILABLE;
  }
}

interface PgError {
  code?: string;
  detail?: string;
  constraint?: string;
}

/** PostgreSQL errors that mean the input was wrong or conflicting, never a server fault. */
function fromPostgres(error: QueryFailedError): Omit<ErrorBodyDto, 'error'> | undefined {
  const pgError = error.driverError as PgError;
  switch (pgError.code) {
    case '23505':
      return {
        statusCode: 409,
        message: 'Conflicts with an existing record',
        code: 'UNIQUE_VIOLATION',
        details: { constraint: pgError.constraint },
      };
    case '23503':
      return {
        statusCode: 404,
        message: 'A referenced record does not exist',
        code: 'REFERENCE_NOT_FOUND',
        details: { constraint: pgError.constraint },
      };
    case '23514':
      return {
        statusCode: 400,
        message: 'The values break a rule of the record',
        code: 'CHECK_VIOLATION',
        details: { constraint: pgError.constraint },
      };
    case '22P02':
    case '22003':
    case '22007':
    case '22008':
    case '22001':
    case '22021':
    case '22023':
    case '22025':
    case '54000':
      return { statusCode: 400, message: 'A value is malformed or out of range', code: 'INVALID_VALUE' };
    case '40001':
    case '40P01':
    case '55P03':
      return {
        statusCode: 409,
        message: 'A concurrent change won; retry the request',
        code: 'CONCURRENT_UPDATE',
      };
    default:
      return undefined;
  }
}

interface HttpLikeError {
  status?: number;
  statusCode?: number;
  expose?: boolean;
  message?: string;
}

@Catch()
export class GlobalExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const context = host.switchToHttp();
    const reply = context.getResponse<FastifyReply>();
    const request = context.getRequest<FastifyRequest>();
    const body = this.toBody(exception, request);
    if (reply.sent) return;
    reply.status(body.statusCode).send(body);
  }

  toBody(exception: unknown, request?: { id?: string }): ErrorBodyDto {
    const partial = this.classify(exception);
    if (partial) return { ...partial, error: STATUS_CODES[partial.statusCode] ?? 'Error' };
    const requestId = request?.id || undefined;
    this.logger.error({ err: exception, requestId }, 'Unhandled error');
    return {
      statusCode: 500,
      error: 'Internal Server Error',
      message: 'An unexpected error occurred',
      requestId,
    };
  }

  private classify(exception: unknown): Omit<ErrorBodyDto, 'error'> | undefined {
    if (exception instanceof DomainException) {
      return {
        statusCode: statusOfKind(exception.kind),
        message: exception.message,
        code: exception.code,
        details: exception.details,
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const raw = exception.getResponse();
      if (typeof raw === 'string') return { statusCode: status, message: raw };
      const payload = raw as { message?: unknown; details?: unknown; code?: string };
      const message = Array.isArray(payload.message)
        ? payload.message.join('; ')
        : typeof payload.message === 'string'
          ? payload.message
          : exception.message;
      return { statusCode: status, message, details: payload.details, code: payload.code };
    }
    if (exception instanceof QueryFailedError) return fromPostgres(exception as QueryFailedError);
    // Other libraries' client errors (http-errors, Fastify's own errors): a 4xx status of their own.
    const httpLike = exception as HttpLikeError | undefined;
    const status = httpLike?.status ?? httpLike?.statusCode;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      const message = httpLike?.expose ? String(httpLike.message) : 'Bad request';
      return { statusCode: status, message };
    }
    return undefined;
  }
}
