export * from './demo.constant.js';
export * from './demo-seed.module.js';
export * from './seed-demo.js';
export { buildDemoWorld, companyCount, DEMO_FUNDING_LINE, HISTORY_START } from './generation/world.js';
export type { DemoWorld, DemoWorldOptions } from './generation/world.js';
