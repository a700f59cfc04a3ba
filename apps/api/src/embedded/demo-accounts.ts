import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import pg from 'pg';
import { type DemoAccount, seedDemo } from '#app/demo';

const ACCOUNTS_FILE = 'demo-accounts.json';

async function hasBeneficiaries(databaseUrl: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ seeded: boolean }>(
      'SELECT EXISTS (SELECT 1 FROM beneficiaries) AS seeded',
    );
    return rows[0].seeded;
  } finally {
    await client.end();
  }
}

/**
 * Loads the demo into an embedded database that has no beneficiaries yet, and keeps its accounts beside
 * the data so every later start can print them again (passwords are stored only as hashes in the
 * database). A database with people in it is never seeded twice.
 */
export async function seedDemoOnFirstStart({
  databaseUrl,
  dataDir,
  size,
  log,
}: {
  databaseUrl: string;
  dataDir: string;
  size: number;
  log: (line: string) => void;
}): Promise<DemoAccount[]> {
  const file = join(dataDir, ACCOUNTS_FILE);
  if (await hasBeneficiaries(databaseUrl)) {
    const saved = await readFile(file, 'utf8').catch(() => null);
    return saved ? (JSON.parse(saved) as DemoAccount[]) : [];
  }
  log(`First start: loading the demo data set (${size} people)`);
  const { accounts } = await seedDemo({ databaseUrl, size, log });
  await writeFile(file, JSON.stringify(accounts, null, 2), { mode: 0o600 });
  return accounts;
}

/** One account per role for the banner, with how many more the file holds. */
export function accountLines(accounts: DemoAccount[], dataDir: string): string[] {
  if (accounts.length === 0) {
    return [
      `  (no demo accounts recorded in ${join(dataDir, ACCOUNTS_FILE)}; use ADMIN_EMAIL / ADMIN_PASSWORD)`,
    ];
  }
  const byRole = new Map<string, DemoAccount[]>();
  for (const account of accounts) byRole.set(account.role, [...(byRole.get(account.role) ?? []), account]);
  const firsts = [...byRole.values()].map(([first]) => first);
  const roleWidth = Math.max(...firsts.map((account) => account.role.length));
  const emailWidth = Math.max(...firsts.map((account) => account.email.length));
  const lines = [...byRole].map(([role, [first, ...others]]) => {
    const company = first.company ? `  (${first.company})` : '';
    const more = others.length ? `  +${others.length} more` : '';
    return `  ${role.padEnd(roleWidth)}  ${first.email.padEnd(emailWidth)}  password: ${first.password}${company}${more}`;
  });
  return [...lines, `  every demo account: ${join(dataDir, ACCOUNTS_FILE)}`];
}
