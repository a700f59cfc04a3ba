import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role, vatNumberCheckDigit } from '#app/core';
import pkg from 'codice-fiscale-js';
import { stringify } from 'csv-stringify/sync';
import { beneficiaryBody, person } from './support/fixtures.js';
import { createTestApp, type TestApp, type TestUser } from './support/test-app.js';

const { CodiceFiscale } = pkg as unknown as { CodiceFiscale: typeof pkg.default };

const HEADER = [
  'firstName',
  'lastName',
  'fiscalCode',
  'birthDate',
  'gender',
  'email',
  'municipality',
  'citizenship',
  'educationLevel',
  'employmentStatus',
  'disability',
  'vulnerabilities',
  'skills',
  'languages',
  'referralSource',
  'privacyConsentAt',
];

const CONSENT = '2026-01-10T09:00:00Z';

interface ImportAnswer {
  created: number;
  createdIds: string[];
  rejected: Array<{ line: number; reasons: Array<{ field: string; problems: string[] }> }>;
}

/** A CSV row in HEADER order: a person's identity, the rest defaulted, then overrides. */
function row(who = person(), overrides: Partial<Record<string, string>> = {}): string[] {
  const cells: Record<string, string> = {
    firstName: who.firstName,
    lastName: who.lastName,
    fiscalCode: who.fiscalCode,
    birthDate: who.birthDate,
    gender: who.gender,
    email: 'someone@example.org',
    municipality: 'Bologna',
    citizenship: 'IT',
    educationLevel: '3',
    employmentStatus: 'unemployed',
    disability: 'false',
    vulnerabilities: '',
    skills: 'warehouse',
    languages: 'it',
    referralSource: 'caritas',
    privacyConsentAt: CONSENT,
    ...overrides,
  };
  return HEADER.map((column) => cells[column]);
}

const csv = (rows: string[][], header: string[] = HEADER) => stringify([header, ...rows]);

/** Distinct people: every birth date differs, so every fiscal code does. */
function manyPeople(count: number, surname: string): string[][] {
  return Array.from({ length: count }, (_, index) => {
    const year = 1950 + Math.floor(index / 336);
    const month = 1 + (Math.floor(index / 28) % 12);
    const day = 1 + (index % 28);
    const gender = index % 2 ? 'F' : 'M';
    const fiscalCode = CodiceFiscale.compute({
      name: 'Bulk',
      surname,
      gender,
      day,
      month,
      year,
      birthplace: 'Bologna',
      birthplaceProvincia: 'BO',
    });
    const birthDate = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    return row({ firstName: 'Bulk', lastName: surname, fiscalCode, birthDate, gender });
  });
}

describe('CSV import of beneficiaries', () => {
  let t: TestApp;
  let counsellor: TestUser;
  let coordinator: TestUser;
  let company: TestUser;

  const auth = (user: TestUser) => ({ Authorization: `Bearer ${user.token}` });

  const upload = (text: string, user: TestUser = counsellor) =>
    t.http().post('/api/beneficiaries/import').set(auth(user)).set('Content-Type', 'text/csv').send(text);

  async function stored(fiscalCodes: string[]): Promise<number> {
    const [{ count }] = await t.dataSource.query<Array<{ count: string }>>(
      'SELECT count(*) AS count FROM beneficiaries WHERE fiscal_code = ANY($1)',
      [fiscalCodes],
    );
    return Number(count);
  }

  async function total(): Promise<number> {
    const [{ count }] = await t.dataSource.query<Array<{ count: string }>>(
      'SELECT count(*) AS count FROM beneficiaries',
    );
    return Number(count);
  }

  beforeAll(async () => {
    t = await createTestApp({ worker: false });
    const [{ id: companyId }] = await t.dataSource.query<Array<{ id: string }>>(
      `INSERT INTO companies (name, vat_number, ateco_code, municipality, employees, board_member_since)
       VALUES ('Officine Import', $1, '25.11', 'Bologna', 40, '2020-01-01') RETURNING id`,
      [`0123456789${vatNumberCheckDigit('0123456789')}`],
    );
    counsellor = await t.userToken(Role.COUNSELLOR);
    coordinator = await t.userToken(Role.COORDINATOR);
    company = await t.userToken(Role.COMPANY, { companyId });
  });

  afterAll(async () => {
    await t.close();
  });

  it('registers the valid rows and reports every bad row by its line with the reasons', async () => {
    const [valid, multiLine, badCheck, manyFaults, mismatch, registered, shortRow, notBoolean] = [
      person(),
      person(),
      person(),
      person(),
      person({ gender: 'M', birthDate: '1980-05-20' }),
      person(),
      person(),
      person(),
    ];
    const before = await t
      .http()
      .post('/api/beneficiaries')
      .set(auth(coordinator))
      .send(beneficiaryBody(registered));
    expect(before.status).toBe(201);
    const wrongCheck = badCheck.fiscalCode.slice(0, 15) + (badCheck.fiscalCode.endsWith('A') ? 'B' : 'A');

    const text = csv([
      // line 2: lists, a boolean and an integer typed from text
      row(valid, {
        disability: 'true',
        vulnerabilities: 'migrant;single_parent',
        skills: 'forklift; HACCP',
        languages: 'it;ar',
        educationLevel: '4',
      }),
      // lines 3-4: a quoted field over two lines
      row(multiLine, { municipality: 'San Lazzaro\ndi Savena', email: '' }),
      // line 5
      row(badCheck, { fiscalCode: wrongCheck }),
      // line 6
      row(manyFaults, { email: 'not-an-email', vulnerabilities: 'migrant;rich', privacyConsentAt: '' }),
      // line 7
      row(mismatch, { birthDate: '1980-05-21' }),
      // line 8: the person of line 2 again
      row(valid),
      // line 9: registered before the import
      row(registered),
      // line 10
      row(shortRow).slice(0, 5),
      // line 11
      row(notBoolean, { disability: 'yes' }),
    ]);
    const answer = await upload(text);
    expect(answer.status).toBe(200);
    const body = answer.body as ImportAnswer;
    expect(body.created).toBe(2);
    expect(body.createdIds).toHaveLength(2);
    expect(body.rejected.map((rejected) => rejected.line)).toEqual([5, 6, 7, 8, 9, 10, 11]);
    const reasonsOf = (line: number) => body.rejected.find((rejected) => rejected.line === line)?.reasons;
    expect(reasonsOf(5)).toEqual([
      { field: 'fiscalCode', problems: ['fiscalCode has a wrong check character'] },
    ]);
    expect(
      reasonsOf(6)
        ?.map((reason) => reason.field)
        .sort(),
    ).toEqual(['email', 'privacyConsentAt', 'vulnerabilities']);
    expect(reasonsOf(7)).toEqual([
      { field: 'fiscalCode', problems: [expect.stringContaining('birthDate 1980-05-21 does not agree')] },
    ]);
    expect(reasonsOf(8)).toEqual([
      { field: 'fiscalCode', problems: ['is repeated: it first appears on line 2'] },
    ]);
    expect(reasonsOf(9)).toEqual([{ field: 'fiscalCode', problems: ['is already registered'] }]);
    expect(reasonsOf(10)).toEqual([
      { field: 'row', problems: ['the row has 5 cells but the header has 16 columns'] },
    ]);
    expect(reasonsOf(11)).toEqual([
      { field: 'disability', problems: ['disability must be a boolean value'] },
    ]);

    const [first, second] = await Promise.all(
      body.createdIds.map(
        async (id) => (await t.http().get(`/api/beneficiaries/${id}`).set(auth(counsellor))).body,
      ),
    );
    expect(first).toMatchObject({
      fiscalCode: valid.fiscalCode,
      firstName: valid.firstName,
      disability: true,
      educationLevel: 4,
      vulnerabilities: ['migrant', 'single_parent'],
      skills: ['forklift', 'HACCP'],
      languages: ['it', 'ar'],
      privacyConsentAt: '2026-01-10T09:00:00.000Z',
      createdById: counsellor.user.id,
    });
    expect(second).toMatchObject({
      fiscalCode: multiLine.fiscalCode,
      municipality: 'San Lazzaro\ndi Savena',
      email: null,
    });

    expect(await stored([wrongCheck, manyFaults.fiscalCode, mismatch.fiscalCode, shortRow.fiscalCode])).toBe(
      0,
    );
    expect(await stored([notBoolean.fiscalCode])).toBe(0);
    expect(await stored([valid.fiscalCode])).toBe(1);
    expect(await stored([registered.fiscalCode])).toBe(1);
  });

  it('refuses a row for exactly the reasons POST /beneficiaries gives for the same fields', async () => {
    const who = person();
    const cells = row(who, { email: 'nope', educationLevel: '9', gender: 'Q', citizenship: 'XX' });
    const imported = await upload(csv([cells]));
    expect(imported.status).toBe(200);
    const json = await t
      .http()
      .post('/api/beneficiaries')
      .set(auth(counsellor))
      .send({
        ...beneficiaryBody(who),
        email: 'nope',
        educationLevel: 9,
        gender: 'Q',
        citizenship: 'XX',
        phone: undefined,
        skills: ['warehouse'],
        languages: ['it'],
        vulnerabilities: undefined,
        employmentStatus: 'unemployed',
        privacyConsentAt: CONSENT,
      });
    expect(json.status).toBe(400);
    expect((imported.body as ImportAnswer).rejected).toEqual([{ line: 2, reasons: json.body.details }]);
    expect(await stored([who.fiscalCode])).toBe(0);
  });

  it('accepts the file as multipart/form-data in the field "file"', async () => {
    const who = person();
    const answer = await t
      .http()
      .post('/api/beneficiaries/import')
      .set(auth(coordinator))
      .attach('file', Buffer.from(csv([row(who)])), { filename: 'people.csv', contentType: 'text/csv' });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ created: 1, rejected: [] });
    expect(await stored([who.fiscalCode])).toBe(1);
  });

  it('logs the import with its counts, and each person it registered', async () => {
    const people = [person(), person()];
    const answer = await upload(csv([row(people[0]), row(people[1]), row(people[0])]));
    expect(answer.status).toBe(200);
    const [summary] = await t.dataSource.query<
      Array<{ actor_id: string; details: object; beneficiary_id: null }>
    >(
      `SELECT actor_id, details, beneficiary_id FROM audit_log WHERE action = 'import' ORDER BY id DESC LIMIT 1`,
    );
    expect(summary).toEqual({
      actor_id: counsellor.user.id,
      details: { created: 2, rejected: 1 },
      beneficiary_id: null,
    });
    const audit = await t
      .http()
      .get('/api/audit')
      .query({ beneficiaryId: (answer.body as ImportAnswer).createdIds[0] })
      .set(auth(coordinator));
    expect(audit.body.items).toMatchObject([
      { action: 'create', actorId: counsellor.user.id, details: { via: 'import' } },
    ]);
  });

  describe('refuses the whole file, storing nothing', () => {
    it('with 400 naming an unknown column', async () => {
      const who = person();
      const before = await total();
      const answer = await upload(csv([[...row(who), 'x']], [...HEADER, 'nickname']));
      expect(answer.status).toBe(400);
      expect(answer.body).toMatchObject({
        statusCode: 400,
        code: 'BENEFICIARY_IMPORT_BAD_HEADER',
        message: expect.stringContaining('"nickname"'),
        details: { unknownColumns: ['nickname'] },
      });
      expect(await total()).toBe(before);
    });

    it('with 400 for a file without a header line', async () => {
      const answer = await upload(stringify([row()]));
      expect(answer.status).toBe(400);
      expect(answer.body.code).toBe('BENEFICIARY_IMPORT_BAD_HEADER');
    });

    it.each([
      ['an empty body', ''],
      ['a header alone', `${HEADER.join(',')}\n`],
    ])('with 400 for %s', async (_label, text) => {
      const before = await total();
      const answer = await upload(text);
      expect(answer.status).toBe(400);
      expect(answer.body.code).toBe('BENEFICIARY_IMPORT_EMPTY');
      expect(await total()).toBe(before);
    });

    it('with 400 for an empty uploaded file, and for a form without the file', async () => {
      const empty = await t
        .http()
        .post('/api/beneficiaries/import')
        .set(auth(counsellor))
        .attach('file', Buffer.alloc(0), 'people.csv');
      expect(empty.status).toBe(400);
      expect(empty.body.code).toBe('BENEFICIARY_IMPORT_EMPTY');
      const noFile = await t
        .http()
        .post('/api/beneficiaries/import')
        .set(auth(counsellor))
        .field('note', 'forgot the file');
      expect(noFile.status).toBe(400);
      expect(noFile.body.code).toBe('BENEFICIARY_IMPORT_NO_FILE');
    });

    it('with 400 for a JSON body', async () => {
      const answer = await t
        .http()
        .post('/api/beneficiaries/import')
        .set(auth(counsellor))
        .send([beneficiaryBody()]);
      expect(answer.status).toBe(400);
      expect(answer.body.code).toBe('BENEFICIARY_IMPORT_NO_FILE');
    });

    it('with 400 for malformed CSV', async () => {
      const before = await total();
      const answer = await upload(`${HEADER.join(',')}\n${row().join(',')}\n"unclosed,quote\n`);
      expect(answer.status).toBe(400);
      expect(answer.body.code).toBe('BENEFICIARY_IMPORT_MALFORMED');
      expect(await total()).toBe(before);
    });

    it('with 413 past the row limit (IMPORT_MAX_ROWS, 100,000 by default)', async () => {
      const before = await total();
      const answer = await upload(`firstName\n${'x\n'.repeat(100_001)}`);
      expect(answer.status).toBe(413);
      expect(answer.body).toMatchObject({
        code: 'BENEFICIARY_IMPORT_TOO_MANY_ROWS',
        details: { rows: 100_001, maxRows: 100_000 },
      });
      expect(await total()).toBe(before);
    });

    it('with 413 for an uploaded file over IMPORT_LIMIT', async () => {
      const answer = await t
        .http()
        .post('/api/beneficiaries/import')
        .set(auth(counsellor))
        .attach('file', Buffer.alloc(20 * 1024 * 1024 + 1, 'x'), 'people.csv');
      expect(answer.status).toBe(413);
    });

    it('with 403 for a company user', async () => {
      const who = person();
      const answer = await upload(csv([row(who)]), company);
      expect(answer.status).toBe(403);
      expect(await stored([who.fiscalCode])).toBe(0);
    });
  });

  it('registers a fiscal code once when two imports of it race, and reports it in the other', async () => {
    const rows = manyPeople(200, 'Concorrenti');
    const codes = rows.map((cells) => cells[HEADER.indexOf('fiscalCode')]);
    const answers = await Promise.all([upload(csv(rows)), upload(csv([...rows].reverse()), coordinator)]);
    expect(answers.map((answer) => answer.status)).toEqual([200, 200]);
    const bodies = answers.map((answer) => answer.body as ImportAnswer);
    expect(bodies[0].created + bodies[1].created).toBe(200);
    expect(bodies[0].rejected.length + bodies[1].rejected.length).toBe(200);
    for (const body of bodies) {
      for (const rejected of body.rejected) {
        expect(rejected.reasons).toEqual([{ field: 'fiscalCode', problems: ['is already registered'] }]);
      }
    }
    expect(await stored(codes)).toBe(200);
  });

  it('imports 10,000 rows in one request', async () => {
    const rows = manyPeople(10_000, 'Caricati');
    const answer = await upload(csv(rows));
    expect(answer.status).toBe(200);
    const body = answer.body as ImportAnswer;
    expect(body.rejected).toEqual([]);
    expect(body.created).toBe(10_000);
    expect(new Set(body.createdIds).size).toBe(10_000);
    expect(await stored(rows.map((cells) => cells[HEADER.indexOf('fiscalCode')]))).toBe(10_000);
    const [{ count }] = await t.dataSource.query<Array<{ count: string }>>(
      `SELECT count(*) AS count FROM audit_log WHERE action = 'create' AND details->>'via' = 'import'
        AND beneficiary_id = ANY($1)`,
      [body.createdIds],
    );
    expect(Number(count)).toBe(10_000);
  }, 120_000);
});
