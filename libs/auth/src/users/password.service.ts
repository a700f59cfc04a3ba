import { randomBytes } from 'node:crypto';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { argon2id, hash, verify } from 'argon2';

/** argon2id, as OWASP recommends; bcrypt would silently ignore everything past 72 bytes. */
const HASH_OPTIONS = { type: argon2id, memoryCost: 65_536, timeCost: 3, parallelism: 4 } as const;

@Injectable()
export class PasswordService implements OnModuleInit {
  private dummyHash: string;

  async onModuleInit(): Promise<void> {
    // A hash of nothing anyone knows, with the real parameters: checking it costs what a real check costs.
    this.dummyHash = await hash(randomBytes(32).toString('hex'), HASH_OPTIONS);
  }

  hash(password: string): Promise<string> {
    return hash(password, HASH_OPTIONS);
  }

  async verify(passwordHash: string, password: string): Promise<boolean> {
    try {
      return await verify(passwordHash, password);
    } catch {
      // A malformed stored hash must read as a wrong password, not a server error.
      return false;
    }
  }

  /**
   * Spends the time of one verification and answers false, so an unknown email cannot be told from a
   * wrong password by how long the answer takes.
   */
  async spendVerificationTime(password: string): Promise<false> {
    await this.verify(this.dummyHash, password);
    return false;
  }
}
