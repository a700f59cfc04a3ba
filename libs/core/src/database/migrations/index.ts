import { InitialSchema1763700000000 } from './1763700000000-initial-schema.js';
import { RateLimits1763700000050 } from './1763700000050-rate-limits.js';

/** Every migration, in order. Listed explicitly so the same list serves the CLI, the apps and the tests. */
export const migrations = [InitialSchema1763700000000, RateLimits1763700000050];
