import { describe, expect, it } from '@jest/globals';
import { BadRequestException } from '@nestjs/common';
import { createValidationPipe, ErrorKind } from '#app/core';
import type { Repository } from 'typeorm';
import type { AuditLog } from './audit-log.entity.js';
import { AuditException, AuditExceptionCode } from './audit.exception.js';
import { AuditService } from './audit.service.js';
import { AuditQueryDto } from './dto/audit-query.dto.js';

describe('AuditService.list', () => {
  it('refuses a period whose start is after its end before querying anything', async () => {
    const untouchable = new Proxy({} as Repository<AuditLog>, {
      get: () => {
        throw new Error('the database must not be queried');
      },
    });
    const service = new AuditService(untouchable);
    const listing = service.list({
      from: '2026-02-01T00:00:00Z',
      to: '2026-01-01T00:00:00Z',
      page: 1,
      limit: 20,
    });
    await expect(listing).rejects.toBeInstanceOf(AuditException);
    await expect(listing).rejects.toMatchObject({
      kind: ErrorKind.BAD_INPUT,
      code: AuditExceptionCode.INVALID_PERIOD,
    });
  });
});

describe('AuditQueryDto', () => {
  const pipe = createValidationPipe();
  const parse = (query: Record<string, unknown>) =>
    pipe.transform(query, { type: 'query', metatype: AuditQueryDto });

  it('turns the query string into numbers with defaults', async () => {
    await expect(
      parse({ beneficiaryId: '6f1c2b9e-4b1a-4c3d-8e2f-1a2b3c4d5e6f', page: '2' }),
    ).resolves.toMatchObject({
      beneficiaryId: '6f1c2b9e-4b1a-4c3d-8e2f-1a2b3c4d5e6f',
      page: 2,
      limit: 20,
    });
  });

  it.each([
    ['beneficiaryId', 'not-a-uuid'],
    ['actorId', '42'],
    ['from', 'yesterday'],
    ['limit', '101'],
    ['action', 'read'],
  ])('refuses %s=%s', async (field, value) => {
    const parsing = parse({ [field]: value });
    await expect(parsing).rejects.toBeInstanceOf(BadRequestException);
    await expect(parsing).rejects.toMatchObject({ response: { details: [{ field }] } });
  });
});
