import { NestFactory } from '@nestjs/core';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { UsersService } from '#app/auth';
import { WorkflowEngineService } from '#app/cases';
import { AppConfig, Role } from '#app/core';
import { applyHistory } from './applying/apply-history.js';
import {
  DEMO_AS_OF,
  DEMO_COUNSELLORS,
  DEMO_DEFAULT_SEED,
  DEMO_DEFAULT_SIZE,
  DEMO_EMAIL_DOMAIN,
  DEMO_PASSWORD,
} from './demo.constant.js';
import { DemoSeedModule } from './demo-seed.module.js';
import { COMMON_MEN_NAMES, COMMON_WOMEN_NAMES } from './generation/catalogue/italian-names.constant.js';
import { DemoRandom } from './generation/random.js';
import type { StaffRef } from './generation/rows.js';
import { buildDemoWorld, HISTORY_START } from './generation/world.js';
import { writeWorld } from './writing/demo-writer.js';

/** Serialises seeders of one database: the second waits, then finds the data and refuses. */
const SEED_LOCK_KEY = 727_056;

export interface SeedDemoOptions {
  databaseUrl: string;
  /** People served, one case each. Default 3000. */
  size?: number;
  /** Same seed, same data. Default 1. */
  seed?: number;
  /** YYYY-MM-DD: the last day of the history. Default DEMO_AS_OF. */
  asOf?: string;
  log?: (line: string) => void;
}

export interface DemoAccount {
  role: Role;
  email: string;
  /** The demo password, or a note when the account existed before the seeder ran. */
  password: string;
  company?: string;
}

export interface DemoSummary {
  accounts: DemoAccount[];
  counts: {
    people: number;
    cases: number;
    placements: number;
    peoplePlaced: number;
    companies: number;
    events: number;
  };
}

/** The database already holds people: demo data is loaded only into an empty programme. */
export class DemoDataPresentError extends Error {
  constructor() {
    super(
      'The database already holds beneficiaries; the demo data set is loaded only into an empty database',
    );
    this.name = 'DemoDataPresentError';
  }
}

interface AccountSpec {
  email: string;
  role: Role;
  fullName: string;
  companyId?: string;
  company?: string;
}

async function hasBeneficiaries(dataSource: DataSource): Promise<boolean> {
  const [row] = await dataSource.query<Array<{ present: boolean }>>(
    'SELECT EXISTS (SELECT 1 FROM beneficiaries) AS present',
  );
  return row.present;
}

type CreatedAccount = DemoAccount & { id: string; fullName: string };

/**
 * Creates the demo accounts. The first goes through UsersService (argon2id with the product's
 * parameters, the same rules as POST /users); the others share its password, so they share its hash:
 * one argon2 computation (about half a second at 64 MB) instead of one per account. An email already
 * taken by an account of the same role (an admin created from ADMIN_EMAIL, an earlier attempt) keeps
 * that account as it is.
 */
class DemoAccounts {
  private passwordHash: string | null = null;

  constructor(
    private readonly users: UsersService,
    private readonly dataSource: DataSource,
  ) {}

  async ensure(specs: readonly AccountSpec[]): Promise<CreatedAccount[]> {
    const accounts: CreatedAccount[] = [];
    for (const spec of specs) accounts.push(await this.ensureOne(spec));
    return accounts;
  }

  private async ensureOne(spec: AccountSpec): Promise<CreatedAccount> {
    const account = {
      role: spec.role,
      email: spec.email,
      ...(spec.company ? { company: spec.company } : {}),
    };
    const [existing] = await this.dataSource.query<Array<{ id: string; full_name: string; role: Role }>>(
      'SELECT id, full_name, role FROM users WHERE lower(email) = lower($1)',
      [spec.email],
    );
    if (existing) {
      if (existing.role !== spec.role) {
        throw new Error(
          `${spec.email} already belongs to a ${existing.role} account; the demo needs it for a ${spec.role}`,
        );
      }
      return {
        ...account,
        id: existing.id,
        fullName: existing.full_name,
        password: '(existing account, unchanged)',
      };
    }
    const id = await this.create(spec);
    return { ...account, id, fullName: spec.fullName, password: DEMO_PASSWORD };
  }

  private async create(spec: AccountSpec): Promise<string> {
    if (!this.passwordHash) {
      const user = await this.users.create({
        email: spec.email,
        password: DEMO_PASSWORD,
        fullName: spec.fullName,
        role: spec.role,
        companyId: spec.companyId ?? null,
      });
      const [row] = await this.dataSource.query<Array<{ password_hash: string }>>(
        'SELECT password_hash FROM users WHERE id = $1',
        [user.id],
      );
      this.passwordHash = row.password_hash;
      return user.id;
    }
    const [row] = await this.dataSource.query<Array<{ id: string }>>(
      `INSERT INTO users (email, password_hash, full_name, role, company_id)
       VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [spec.email, this.passwordHash, spec.fullName, spec.role, spec.companyId ?? null],
    );
    return row.id;
  }
}

function staffSpecs(random: DemoRandom): AccountSpec[] {
  const name = () =>
    `${random.pick(random.chance(0.5) ? COMMON_WOMEN_NAMES : COMMON_MEN_NAMES)} ${random.faker.person.lastName()}`;
  return [
    { email: `admin@${DEMO_EMAIL_DOMAIN}`, role: Role.ADMIN, fullName: 'Amministrazione Demo' },
    { email: `coordinator@${DEMO_EMAIL_DOMAIN}`, role: Role.COORDINATOR, fullName: name() },
    { email: `coordinator2@${DEMO_EMAIL_DOMAIN}`, role: Role.COORDINATOR, fullName: name() },
    ...Array.from({ length: DEMO_COUNSELLORS }, (_, index) => ({
      email: `counsellor${index + 1}@${DEMO_EMAIL_DOMAIN}`,
      role: Role.COUNSELLOR,
      fullName: name(),
    })),
  ];
}

async function count(dataSource: DataSource, sql: string): Promise<number> {
  const [row] = await dataSource.query<Array<{ n: string }>>(sql);
  return Number(row.n);
}

/**
 * The engine stamps two facts with the time it applies an event (now), which for a history written
 * today would say everything happened today: date them from the event they came from instead.
 */
async function dateEngineStamps(dataSource: DataSource): Promise<void> {
  await dataSource.transaction(async (manager) => {
    await manager.query(
      `UPDATE milestones m SET reached_at = e.occurred_at FROM case_events e WHERE e.id = m.case_event_id`,
    );
    await manager.query(
      `UPDATE people_placed p SET first_placed_at = f.first
       FROM (SELECT c.beneficiary_id, min(e.occurred_at) AS first
               FROM case_events e JOIN cases c ON c.id = e.case_id
              WHERE e.type = 'placement.recorded'
              GROUP BY c.beneficiary_id) f
      WHERE f.beneficiary_id = p.beneficiary_id`,
    );
  });
}

/**
 * Loads the demo data set into an empty database: staff and company accounts, Board companies,
 * courses, openings, the funding line, and `size` people with several years of history written as
 * case events and applied by the real workflow engine (so states, counters and milestones are the
 * engine's own). Deterministic: the same seed gives the same people, companies and counts.
 */
export async function seedDemo(options: SeedDemoOptions): Promise<DemoSummary> {
  const size = options.size ?? DEMO_DEFAULT_SIZE;
  const seed = options.seed ?? DEMO_DEFAULT_SEED;
  const asOf = options.asOf ?? DEMO_AS_OF;
  const log = options.log ?? (() => undefined);
  if (!Number.isInteger(size) || size < 1) throw new RangeError('size must be a positive integer');
  if (!Number.isInteger(seed)) throw new RangeError('seed must be an integer');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf) || asOf <= HISTORY_START)
    throw new RangeError(`asOf must be a date YYYY-MM-DD after ${HISTORY_START}`);

  const app = await NestFactory.createApplicationContext(DemoSeedModule.forDatabase(options.databaseUrl), {
    logger: ['error', 'warn'],
    abortOnError: false,
  });
  try {
    const dataSource = app.get<DataSource>(getDataSourceToken());
    if (await hasBeneficiaries(dataSource)) throw new DemoDataPresentError();
    const accounts = new DemoAccounts(app.get(UsersService), dataSource);

    const accountsStarted = Date.now();
    const staff = await accounts.ensure(staffSpecs(new DemoRandom(seed + 1)));
    log(`Staff accounts ready (${Date.now() - accountsStarted} ms)`);
    const ref = (account: { id: string; fullName: string }): StaffRef => ({
      id: account.id,
      fullName: account.fullName,
    });
    const generating = Date.now();
    const world = buildDemoWorld({
      size,
      seed,
      asOf,
      coordinators: staff.filter((account) => account.role === Role.COORDINATOR).map(ref),
      counsellors: staff.filter((account) => account.role === Role.COUNSELLOR).map(ref),
    });
    log(`Generated ${size} people and ${world.events.length} events (${Date.now() - generating} ms)`);

    const writing = Date.now();
    await dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1)', [SEED_LOCK_KEY]);
      const [row] = await manager.query<Array<{ present: boolean }>>(
        'SELECT EXISTS (SELECT 1 FROM beneficiaries) AS present',
      );
      if (row.present) throw new DemoDataPresentError();
      await writeWorld(manager, world);
    });
    log(`Wrote the domain rows and the case events (${Date.now() - writing} ms)`);

    const companyAccounts = await accounts.ensure(
      world.showcaseCompanies.map((company, index) => ({
        email: `azienda${index + 1}@${DEMO_EMAIL_DOMAIN}`,
        role: Role.COMPANY,
        fullName: `Referente ${company.name}`,
        companyId: company.id,
        company: company.name,
      })),
    );

    const applying = Date.now();
    log('Applying the history with the workflow engine');
    const applied = await applyHistory(
      app.get(WorkflowEngineService),
      dataSource,
      world.events,
      app.get(AppConfig).milestoneThresholds,
      log,
    );
    if (applied !== world.events.length)
      throw new Error(`The engine applied ${applied} of ${world.events.length} events`);
    await dateEngineStamps(dataSource);
    log(`Applied (${Date.now() - applying} ms)`);

    return {
      accounts: [...staff, ...companyAccounts].map(({ role, email, password, company }) => ({
        role,
        email,
        password,
        ...(company ? { company } : {}),
      })),
      counts: {
        people: await count(dataSource, 'SELECT count(*) AS n FROM beneficiaries'),
        cases: await count(dataSource, 'SELECT count(*) AS n FROM cases'),
        placements: await count(dataSource, 'SELECT count(*) AS n FROM placements'),
        peoplePlaced: await count(dataSource, 'SELECT count(DISTINCT beneficiary_id) AS n FROM placements'),
        companies: await count(dataSource, 'SELECT count(*) AS n FROM companies'),
        events: await count(dataSource, 'SELECT count(*) AS n FROM case_events'),
      },
    };
  } finally {
    await app.close();
  }
}
