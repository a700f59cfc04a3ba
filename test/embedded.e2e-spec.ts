import { type ChildProcess, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { freePort } from '#app/core';
import { beneficiaryBody } from './support/fixtures.js';
import { waitFor } from './support/wait-for.js';

const LAUNCHER = join(process.cwd(), 'dist/apps/api/src/start-all.js');
/** A start creates a cluster, migrates, seeds and boots Nest twice: about 13 s here, much more on a busy machine. */
const START_TIMEOUT = 120_000;
const children: ChildProcess[] = [];

interface Launched {
  child: ChildProcess;
  output(): string;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * `npm start` as a user runs it: the built launcher with neither DATABASE_URL nor REDIS_URL, so it
 * brings its own PostgreSQL. Only what the launcher needs is passed on, never the suite's own URLs.
 */
function launch(env: Record<string, string>): Launched {
  if (!existsSync(LAUNCHER))
    throw new Error('The embedded test runs the built launcher: run `npm run build` first');
  const child = spawn(process.execPath, [LAUNCHER], {
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'development',
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, output: () => output, exit };
}

function printedCounsellor(output: string): { email: string; password: string } {
  const printed = /^\s+counsellor\s+(\S+@\S+)\s+password: (\S+)/m.exec(output);
  if (!printed) throw new Error(`no demo counsellor account printed:\n${output}`);
  return { email: printed[1], password: printed[2] };
}

describe('npm start with neither DATABASE_URL nor REDIS_URL (embedded mode)', () => {
  let root: string;
  let dataDir: string;
  let clusterDir: string;
  let env: Record<string, string>;
  let http: () => ReturnType<typeof request>;
  let running: Launched | null = null;
  let counsellor: { email: string; password: string };
  let token: string;
  let caseId: string;
  let beneficiaries: number;

  const auth = () => ({ Authorization: `Bearer ${token}` });
  const postmasterPid = () => Number(readFileSync(join(clusterDir, 'postmaster.pid'), 'utf8').split('\n')[0]);

  async function startAndWaitUntilHealthy(): Promise<Launched> {
    const launched = launch(env);
    running = launched;
    await waitFor(
      async () => {
        if (launched.child.exitCode !== null) throw new Error(`launcher exited:\n${launched.output()}`);
        return (await http().get('/health')).status === 200;
      },
      { timeout: START_TIMEOUT - 10_000, interval: 250, message: 'the embedded start to answer /health' },
    );
    return launched;
  }

  async function stop(launched: Launched) {
    launched.child.kill('SIGTERM');
    const exit = await launched.exit;
    running = null;
    return exit;
  }

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'placement-embedded-'));
    // The server runs as the system user `postgres` when the suite runs as root: let it enter.
    chmodSync(root, 0o755);
    dataDir = join(root, 'data');
    clusterDir = join(dataDir, 'postgres');
    const port = await freePort();
    env = {
      PORT: String(port),
      EMBEDDED_DATA_DIR: dataDir,
      EMBEDDED_PG_PORT: String(await freePort()),
      DEMO_SIZE: '60',
    };
    http = () => request(`http://127.0.0.1:${port}`);
  });

  afterAll(async () => {
    for (const child of children.filter((one) => one.exitCode === null && one.signalCode === null)) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
    }
    // Only the server of this suite's own cluster, found by its pid file, is ever killed here.
    if (existsSync(join(clusterDir, 'postmaster.pid'))) {
      const pid = postmasterPid();
      if (isAlive(pid)) process.kill(pid, 'SIGKILL');
    }
    rmSync(root, { recursive: true, force: true });
  });

  it(
    'starts on a fresh data directory, seeds the demo once and prints an account per role',
    async () => {
      const launched = await startAndWaitUntilHealthy();

      const health = await http().get('/health');
      expect(health.body).toMatchObject({
        status: 'ok',
        info: { database: { status: 'up' }, queue: { status: 'up', backend: 'postgres' } },
      });
      expect(launched.output()).toContain('First start: loading the demo data set (60 people)');
      counsellor = printedCounsellor(launched.output());
      expect(launched.output()).toMatch(/^\s+admin\s+\S+@\S+\s+password: \S+/m);
      expect(existsSync(join(clusterDir, 'PG_VERSION'))).toBe(true);
    },
    START_TIMEOUT,
  );

  it(
    'logs in as the printed demo counsellor and drives a case through the engine on PostgreSQL queues',
    async () => {
      const login = await http().post('/api/auth/login').send(counsellor);
      expect(login.status).toBe(200);
      token = login.body.accessToken;
      const before = (await http().get('/api/metrics').set(auth())).body;

      const beneficiary = await http().post('/api/beneficiaries').set(auth()).send(beneficiaryBody());
      expect(beneficiary.status).toBe(201);
      const opened = await http().post('/api/cases').set(auth()).send({ beneficiaryId: beneficiary.body.id });
      expect(opened.status).toBe(201);
      caseId = opened.body.id;
      const scheduled = await http()
        .post(`/api/cases/${caseId}/interviews`)
        .set(auth())
        .send({ scheduledAt: '2026-01-10T09:00:00Z' });
      expect(scheduled.status).toBe(201);
      const held = await http()
        .patch(`/api/interviews/${scheduled.body.id}`)
        .set(auth())
        .send({ heldAt: '2026-01-10T09:45:00Z', triage: 'ready_for_placement' });
      expect(held.status).toBe(200);

      await waitFor(
        async () => (await http().get(`/api/cases/${caseId}`).set(auth())).body.status === 'orientation',
        {
          timeout: 20_000,
          message: 'the engine to move the case to orientation',
        },
      );
      const after = await waitFor(async () => {
        const now = (await http().get('/api/metrics').set(auth())).body;
        return now.interviewsHeld === before.interviewsHeld + 1 && now;
      });
      expect(after.interviewsHeld).toBe(before.interviewsHeld + 1);
      beneficiaries = (await http().get('/api/beneficiaries').set(auth())).body.total;
    },
    START_TIMEOUT,
  );

  it(
    'refuses a second start on a data directory already in use, leaving the first untouched',
    async () => {
      const second = launch({ ...env, PORT: String(await freePort()) });
      const { code } = await second.exit;

      expect(code).toBe(1);
      expect(second.output()).toMatch(/already running .*another `npm start` is using this data directory/s);
      expect((await http().get('/health')).status).toBe(200);
    },
    START_TIMEOUT,
  );

  it(
    'stops the application, then its PostgreSQL, on SIGTERM',
    async () => {
      const pid = postmasterPid();
      const launched = running!;

      const { code } = await stop(launched);

      expect(code).toBe(0);
      expect(launched.output()).toContain('Stopped cleanly after SIGTERM');
      expect(existsSync(join(clusterDir, 'postmaster.pid'))).toBe(false);
      // pg_ctl returns once the pid file is gone, the postmaster's last act before it exits.
      await waitFor(() => !isAlive(pid), { timeout: 5000, message: 'the postmaster to exit' });
    },
    START_TIMEOUT,
  );

  it(
    'starts again on the same data without seeding, past a stale postmaster.pid',
    async () => {
      // A server killed with its machine leaves its pid file; that pid may now be any live process.
      writeFileSync(
        join(clusterDir, 'postmaster.pid'),
        `${process.pid}\n${clusterDir}\n0\n${env.EMBEDDED_PG_PORT}\n\n127.0.0.1\n0 0\nready\n`,
      );

      const launched = await startAndWaitUntilHealthy();

      expect(launched.output()).toContain('Removing a stale postmaster.pid');
      expect(launched.output()).not.toContain('First start');
      expect(printedCounsellor(launched.output())).toEqual(counsellor);
      const login = await http().post('/api/auth/login').send(counsellor);
      expect(login.status).toBe(200);
      token = login.body.accessToken;
      const found = await http().get(`/api/cases/${caseId}`).set(auth());
      expect(found.body.status).toBe('orientation');
      expect((await http().get('/api/beneficiaries').set(auth())).body.total).toBe(beneficiaries);

      expect((await stop(launched)).code).toBe(0);
      expect(existsSync(join(clusterDir, 'postmaster.pid'))).toBe(false);
    },
    START_TIMEOUT,
  );
});
