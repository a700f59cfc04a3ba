import type { Server } from 'node:http';
import type { INestApplication } from '@nestjs/common';

export interface GracefulShutdownOptions {
  timeoutMs?: number;
  /** Runs once the application has closed, before the process exits (the embedded PostgreSQL stops here). */
  afterClose?: () => Promise<void>;
}

/**
 * SIGTERM/SIGINT: stop accepting connections and let in-flight requests finish, then close the
 * application (workers finish their jobs, pools close), then exit. Nest's own shutdown hooks would
 * close the database before the HTTP server, cutting in-flight requests short.
 */
export function shutdownGracefully(
  app: INestApplication,
  { timeoutMs = 25_000, afterClose }: GracefulShutdownOptions = {},
): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    const server = app.getHttpServer() as Server;
    const forceExit = setTimeout(() => process.exit(1), timeoutMs);
    forceExit.unref();
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeIdleConnections();
    })
      .then(() => app.close())
      .then(() => afterClose?.())
      .then(() => {
        console.log(`Stopped cleanly after ${signal}`);
        process.exit(0);
      })
      .catch((error: unknown) => {
        console.error('Shutdown failed', error);
        process.exit(1);
      });
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}
