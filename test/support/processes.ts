import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { freePort } from '#app/core';
import { waitFor } from './wait-for.js';

export interface ThrowawayRedis {
  port: number;
  url: string;
  process: ChildProcess;
  /** Kills this Redis (never the machine's shared one): its data is gone. */
  kill(): Promise<void>;
  /** Starts an empty Redis on the same port. */
  restart(): Promise<void>;
}

async function ping(url: string): Promise<boolean> {
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

/** A Redis of the test's own, on a free port, keeping nothing on disk. */
export async function startRedis(): Promise<ThrowawayRedis> {
  const port = await freePort();
  const url = `redis://127.0.0.1:${port}`;
  const launch = async () => {
    const child = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      {
        stdio: 'ignore',
      },
    );
    await waitFor(() => ping(url), { timeout: 10_000, message: `redis on ${port}` });
    return child;
  };
  const redis: ThrowawayRedis = {
    port,
    url,
    process: await launch(),
    async kill() {
      const exited = new Promise((resolve) => redis.process.once('exit', resolve));
      redis.process.kill('SIGKILL');
      await exited;
    },
    async restart() {
      redis.process = await launch();
    },
  };
  return redis;
}

const WORKER_ENTRY = join(process.cwd(), 'dist/apps/worker/src/main.js');

export interface WorkerProcess {
  process: ChildProcess;
  kill(signal?: NodeJS.Signals): Promise<number | null>;
}

/** A real worker process (built code) on the test's database, Redis and queue prefix. */
export function startWorker(env: Record<string, string>): WorkerProcess {
  if (!existsSync(WORKER_ENTRY))
    throw new Error('Fault tests run the built worker: run `npm run build` first');
  const child = spawn(process.execPath, [WORKER_ENTRY], {
    env: { PATH: process.env.PATH, NODE_ENV: 'test', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return {
    process: child,
    kill(signal: NodeJS.Signals = 'SIGKILL') {
      return new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve(child.exitCode);
        child.once('exit', (code) => resolve(code));
        child.kill(signal);
      });
    },
  };
}
