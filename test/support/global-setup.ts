import { randomBytes } from 'node:crypto';

/**
 * Names this run's databases. The template is migrated by the first suite (test/support/test-app.ts),
 * because global setup runs outside Jest's module mapping and cannot load the project's imports.
 */
export default function globalSetup(): void {
  if (process.env.NODE_ENV !== 'test') throw new Error('The test suite runs only with NODE_ENV=test');
  const runId = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  process.env.TEST_RUN_ID = runId;
  process.env.TEST_TEMPLATE_DB = `pcm_test_${runId}_template`;
}
