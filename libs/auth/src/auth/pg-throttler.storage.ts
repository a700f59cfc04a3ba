import { Injectable } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';
import { DataSource } from 'typeorm';

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

interface CounterRow {
  hits: number;
  expires_in_s: string | number;
  blocked_in_s: string | number | null;
}

/** Expired counters are swept once in this many increments, so the table stays as small as the live window. */
const SWEEP_EVERY = 200;

/**
 * Rate-limit counters in PostgreSQL: every API replica draws on the same budget per client, which an
 * in-memory store cannot give. One upsert per attempt; the row lock of ON CONFLICT makes concurrent
 * attempts count one by one. Fixed window of `ttl`; once over the limit, blocked for `blockDuration`.
 */
@Injectable()
export class PgThrottlerStorage implements ThrottlerStorage {
  private increments = 0;

  constructor(private readonly dataSource: DataSource) {}

  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
  ): Promise<ThrottlerStorageRecord> {
    const rows: CounterRow[] = await this.dataSource.query(
      `INSERT INTO rate_limits AS r (key, hits, window_ends_at, blocked_until)
       VALUES ($1, 1, now() + make_interval(secs => $2::float8 / 1000),
               CASE WHEN 1 > $3::int THEN now() + make_interval(secs => $4::float8 / 1000) END)
       ON CONFLICT (key) DO UPDATE SET
         hits = CASE WHEN r.window_ends_at <= now() THEN 1 ELSE r.hits + 1 END,
         window_ends_at = CASE WHEN r.window_ends_at <= now() THEN EXCLUDED.window_ends_at ELSE r.window_ends_at END,
         blocked_until = CASE
           WHEN r.blocked_until > now() THEN r.blocked_until
           WHEN (CASE WHEN r.window_ends_at <= now() THEN 1 ELSE r.hits + 1 END) > $3::int
             THEN now() + make_interval(secs => $4::float8 / 1000)
         END
       RETURNING hits,
         extract(epoch FROM window_ends_at - now()) AS expires_in_s,
         extract(epoch FROM blocked_until - now()) AS blocked_in_s`,
      [key, ttl, limit, blockDuration],
    );
    if (++this.increments % SWEEP_EVERY === 0) await this.sweep();
    const row = rows[0];
    const blockedFor = row.blocked_in_s === null ? 0 : Math.max(0, Math.ceil(Number(row.blocked_in_s)));
    return {
      totalHits: row.hits,
      timeToExpire: Math.max(0, Math.ceil(Number(row.expires_in_s))),
      isBlocked: blockedFor > 0,
      timeToBlockExpire: blockedFor,
    };
  }

  private async sweep(): Promise<void> {
    await this.dataSource.query(
      `DELETE FROM rate_limits WHERE window_ends_at < now() AND (blocked_until IS NULL OR blocked_until < now())`,
    );
  }
}
