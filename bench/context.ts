import type pg from 'pg';
import type { BenchDatabase, Deployment, RunningApi, Servers } from './environment.js';
import type { Session } from './measure.js';
import type { BenchSize } from './sizes.js';

/** What the engine, API and intake benchmarks share: one database, one API process, one counsellor. */
export interface MainContext {
  size: BenchSize;
  servers: Servers;
  database: BenchDatabase;
  /** For seeding and polling; the benchmarks that need their own connections open them. */
  db: pg.Pool;
  deployment: Deployment;
  api: RunningApi;
  admin: Session;
  counsellor: Session & { userId: string };
  log: (message: string) => void;
}
