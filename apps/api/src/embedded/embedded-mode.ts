import { resolve } from 'node:path';
import type { AppConfig } from '#app/core';
import { type RunningPostgres, startEmbeddedPostgres } from './embedded-postgres.js';

export interface EmbeddedMode {
  postgres: RunningPostgres;
  dataDir: string;
  /** The application is up: from now on its graceful shutdown stops the server. */
  booted(): void;
}

export function embeddedLog(line: string): void {
  console.log(`[embedded] ${line}`);
}

/**
 * `npm start` with neither DATABASE_URL nor REDIS_URL: starts the embedded PostgreSQL and points this
 * process at it, for the database and for the queues (QUEUE_BACKEND=postgres). Until the application is
 * up, a SIGINT/SIGTERM stops the server and exits; an exit of any kind signals it to stop, so a crash
 * leaves no PostgreSQL behind.
 */
export async function startEmbeddedMode(config: AppConfig): Promise<EmbeddedMode> {
  const dataDir = resolve(config.values.EMBEDDED_DATA_DIR);
  embeddedLog(`No DATABASE_URL or REDIS_URL: running on an embedded PostgreSQL with its data in ${dataDir}`);
  const postgres = await startEmbeddedPostgres({
    dataDir,
    port: config.values.EMBEDDED_PG_PORT,
    log: embeddedLog,
  });
  embeddedLog(`PostgreSQL on 127.0.0.1:${postgres.port} (pid ${postgres.pid})`);
  process.once('exit', () => postgres.signalStop());
  const abortStart = (signal: NodeJS.Signals) => {
    embeddedLog(`${signal} while starting: stopping PostgreSQL`);
    void postgres.stop().then(
      () => process.exit(1),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', abortStart);
  process.once('SIGTERM', abortStart);
  process.env.DATABASE_URL = postgres.url;
  process.env.QUEUE_BACKEND = 'postgres';
  return {
    postgres,
    dataDir,
    booted() {
      process.removeListener('SIGINT', abortStart);
      process.removeListener('SIGTERM', abortStart);
    },
  };
}
