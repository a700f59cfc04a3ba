export * from './audit-log.entity.js';
export * from './audit.exception.js';
export * from './audit.module.js';
export * from './audit.service.js';
export * from './dto/audit-log-response.dto.js';
export * from './dto/audit-query.dto.js';
export * from './request-id.decorator.js';
