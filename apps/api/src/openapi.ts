import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { ErrorBodyDto } from '#app/core';

const ERROR_RESPONSES: Record<string, string> = {
  '400': 'Bad input: malformed body, unknown or read-only fields, invalid values; nothing changed',
  '401': 'Missing, invalid or expired token',
  '403': 'This role may never call this endpoint',
  '404': 'Absent, or not visible to the caller (no existence leak)',
  '409': 'Conflict with the current state (duplicate, forbidden transition, full, budget exceeded, stale)',
};
const PUBLIC_PATHS = new Set(['/api/auth/login', '/health']);

/**
 * Every operation answers the same error body (SPEC 8); listing it once here keeps the document
 * complete without repeating five decorators on every handler.
 */
function withErrorResponses(document: OpenAPIObject): OpenAPIObject {
  const schema = { $ref: `#/components/schemas/${ErrorBodyDto.name}` };
  for (const [path, operations] of Object.entries(document.paths)) {
    for (const operation of Object.values(
      operations as Record<string, { responses?: Record<string, unknown> }>,
    )) {
      if (!operation?.responses) continue;
      for (const [status, description] of Object.entries(ERROR_RESPONSES)) {
        if (PUBLIC_PATHS.has(path) && (status === '401' || status === '403')) continue;
        operation.responses[status] ??= { description, content: { 'application/json': { schema } } };
      }
    }
  }
  return document;
}

export function setupOpenApi(app: INestApplication): void {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Placement case management API')
      .setDescription(
        'Job-placement case management: beneficiaries, cases and their workflow, Board companies, openings and proposals, ' +
          'training, internships, placements and follow-ups, self-employment grants, metrics, milestones and reports. ' +
          'Every endpoint but login and health needs `Authorization: Bearer <token>`; writes accept `Idempotency-Key`.',
      )
      .setVersion('1.0')
      .addBearerAuth()
      .build(),
    { extraModels: [ErrorBodyDto] },
  );
  SwaggerModule.setup('docs', app, withErrorResponses(document), { jsonDocumentUrl: 'docs-json' });
}
