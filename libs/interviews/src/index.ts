export * from './interviews.module.js';
export * from './interviews.service.js';
export * from './interview.entity.js';
export * from './dto/interview-response.dto.js';
