import { createParamDecorator, type ExecutionContext } from '@nestjs/common';

const MAX_REQUEST_ID_LENGTH = 100;

/**
 * The correlation id the request logger gave this request (`req.id`), so an audit row can be matched
 * with the log lines of the same request.
 */
export const RequestId = createParamDecorator(
  (_data: unknown, context: ExecutionContext): string | undefined => {
    const { id } = context.switchToHttp().getRequest<{ id?: unknown }>();
    if (typeof id !== 'string' && typeof id !== 'number') return undefined;
    return String(id).slice(0, MAX_REQUEST_ID_LENGTH);
  },
);
