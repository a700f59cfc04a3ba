import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import pg from 'pg';
import { type Actor, AppConfig } from '#app/core';

/** Notified by a trigger on `users` with the id of every updated or deleted user, at commit. */
export const USER_CHANGED_CHANNEL = 'user_changed';
/** Bounds the memory of a process serving many users; the oldest entry goes first. */
const MAX_ENTRIES = 10_000;
const RELISTEN_AFTER_MS = 1_000;

interface Entry {
  actor: Actor;
  expiresAt: number;
}

/**
 * The enabled users behind tokens, so that the token guard does not read the users table on every
 * request. An entry is trusted only while this process listens for `user_changed`: the trigger notifies
 * whoever changed the row (this process, another replica, an operator's SQL), so disabling an account or
 * changing a role reaches every API process within the notification's delay, and the process that made
 * the change evicts its entry itself before answering. Without the listener nothing is cached; the TTL
 * only bounds what a notification lost in some unforeseen way could keep alive.
 */
@Injectable()
export class EnabledUserCache implements OnModuleDestroy {
  private readonly logger = new Logger(EnabledUserCache.name);
  private readonly entries = new Map<string, Entry>();
  private listener: pg.Client | null = null;
  private listening = false;
  private relistenAt = 0;
  private closed = false;
  /** Bumped by every eviction: a read of the users table that began before one must not be stored. */
  private generation = 0;

  constructor(private readonly config: AppConfig) {}

  /** The actor for user `id`: from the cache, else from `load` (null: unknown or disabled, never cached). */
  async resolve(id: string, load: (id: string) => Promise<Actor | null>): Promise<Actor | null> {
    const ttl = this.config.values.AUTH_CACHE_TTL_MS;
    if (ttl === 0) return load(id);
    this.listen();
    const entry = this.listening ? this.entries.get(id) : undefined;
    if (entry && entry.expiresAt > Date.now()) return entry.actor;
    const generation = this.generation;
    const actor = await load(id);
    if (actor && this.listening && generation === this.generation) {
      this.entries.delete(id);
      if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
      // Shared by the requests of this user until evicted: frozen, so no request can change another's.
      this.entries.set(id, { actor: Object.freeze(actor), expiresAt: Date.now() + ttl });
    }
    return actor;
  }

  evict(id: string): void {
    this.generation++;
    this.entries.delete(id);
  }

  async onModuleDestroy(): Promise<void> {
    this.closed = true;
    const listener = this.listener;
    this.forget();
    await listener?.end().catch(() => undefined);
  }

  /** Started by the first authenticated request, so processes that serve none hold no connection. */
  private listen(): void {
    if (this.listener || this.closed || Date.now() < this.relistenAt) return;
    const client = new pg.Client({ connectionString: this.config.databaseUrl });
    this.listener = client;
    client.on('notification', (message) => {
      if (message.payload) this.evict(message.payload);
    });
    client.on('error', (error) => this.lose(client, error));
    client.on('end', () => this.lose(client));
    client
      .connect()
      .then(() => client.query(`LISTEN ${USER_CHANGED_CHANNEL}`))
      .then(() => {
        if (this.listener === client) this.listening = true;
      })
      .catch((error: unknown) => this.lose(client, error));
  }

  /** Changes made while not listening are unknown: drop everything and read the table until back. */
  private lose(client: pg.Client, error?: unknown): void {
    if (this.listener !== client) return;
    this.forget();
    this.relistenAt = Date.now() + RELISTEN_AFTER_MS;
    if (error !== undefined && !this.closed) {
      this.logger.warn(
        { err: error },
        'user change listener lost; tokens read the users table until it is back',
      );
    }
    client.end().catch(() => undefined);
  }

  private forget(): void {
    this.listener = null;
    this.listening = false;
    this.generation++;
    this.entries.clear();
  }
}
