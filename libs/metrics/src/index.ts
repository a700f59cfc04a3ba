export * from './counters/counter-shards.js';
export * from './counters/metric.constant.js';
export * from './counters/metrics.service.js';
export * from './counters/dto/metrics-response.dto.js';
export * from './milestones/milestones.service.js';
export * from './milestones/dto/milestone-response.dto.js';
export * from './metrics.module.js';
