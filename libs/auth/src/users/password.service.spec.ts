import { beforeAll, describe, expect, it } from '@jest/globals';
import { PasswordService } from './password.service.js';

describe('PasswordService', () => {
  const passwords = new PasswordService();

  beforeAll(async () => {
    await passwords.onModuleInit();
  });

  it('hashes with argon2id and a fresh salt each time', async () => {
    const first = await passwords.hash('correct horse battery staple');
    const second = await passwords.hash('correct horse battery staple');
    expect(first).toMatch(/^\$argon2id\$/);
    expect(first).not.toBe(second);
  });

  it('verifies the right password and refuses a wrong one', async () => {
    const stored = await passwords.hash('correct horse battery staple');
    await expect(passwords.verify(stored, 'correct horse battery staple')).resolves.toBe(true);
    await expect(passwords.verify(stored, 'Correct horse battery staple')).resolves.toBe(false);
  });

  it('keeps every byte of a long password (no 72-byte truncation)', async () => {
    const long = 'x'.repeat(100);
    const stored = await passwords.hash(long);
    await expect(passwords.verify(stored, `${long.slice(0, 99)}y`)).resolves.toBe(false);
  });

  it('reads a malformed stored hash as a wrong password', async () => {
    await expect(passwords.verify('not-a-hash', 'anything')).resolves.toBe(false);
  });

  it('spends a verification on the dummy hash and refuses', async () => {
    await expect(passwords.spendVerificationTime('anything')).resolves.toBe(false);
  });
});
