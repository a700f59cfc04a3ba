import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** The one error body of the API (SPEC section 8). */
export class ErrorBodyDto {
  @ApiProperty({ example: 400 })
  statusCode: number;

  @ApiProperty({ example: 'Bad Request' })
  error: string;

  @ApiProperty({ example: 'Validation failed' })
  message: string;

  @ApiPropertyOptional({ description: 'Per-field problems, or the rule that refused the request' })
  details?: unknown;

  @ApiPropertyOptional({ description: 'Machine-readable reason, e.g. CASE_INVALID_TRANSITION' })
  code?: string;

  @ApiPropertyOptional({ description: 'Correlation id of a 500, to find it in the logs' })
  requestId?: string;
}
