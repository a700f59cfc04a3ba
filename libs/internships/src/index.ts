export * from './internships.module.js';
export * from './internships.service.js';
export * from './internship.constant.js';
export * from './internship.entity.js';
export * from './internship.exception.js';
export * from './rules/internship-rules.js';
export * from './dto/internship-response.dto.js';
