import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type {
  DataSource,
  EntityManager,
  EntitySubscriberInterface,
  QueryRunner,
  TransactionCommitEvent,
  TransactionRollbackEvent,
} from 'typeorm';

/** The channel the outbox relays listen on. */
export const OUTBOX_CHANNEL = 'case_events';

/** Set on a transaction's query runner once it has written an outbox event. */
const WROTE_EVENTS = 'outboxEventsWritten';

/**
 * Wakes the outbox relays (NOTIFY) after a transaction that wrote events has committed, instead of
 * inside it. A NOTIFY inside a transaction takes a database-wide lock at commit and holds it through the
 * commit's WAL flush, so every writer of events queued behind every other one's disk write
 * (docs/DECISIONS.md). Wake-ups are coalesced: while one is on its way, later commits only ask for one
 * more, since a relay pass publishes everything due. A lost wake-up costs latency, not events: the
 * relays also poll.
 */
@Injectable()
export class OutboxWakerService implements EntitySubscriberInterface {
  private readonly logger = new Logger(OutboxWakerService.name);
  private sending = false;
  private again = false;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    dataSource.subscribers.push(this);
  }

  /** Called by the writer of an event: wakes the relays when the writer's transaction commits. */
  eventsWritten(manager: EntityManager): void {
    const runner = manager.queryRunner;
    if (runner?.isTransactionActive) runner.data[WROTE_EVENTS] = true;
    else this.wake();
  }

  afterTransactionCommit({ queryRunner }: TransactionCommitEvent): void {
    if (this.takeMark(queryRunner)) this.wake();
  }

  afterTransactionRollback({ queryRunner }: TransactionRollbackEvent): void {
    this.takeMark(queryRunner);
  }

  /** Whether the transaction that just ended wrote events; savepoints releasing inside it do not count. */
  private takeMark(runner: QueryRunner): boolean {
    if (runner.isTransactionActive || !runner.data[WROTE_EVENTS]) return false;
    delete runner.data[WROTE_EVENTS];
    return true;
  }

  private wake(): void {
    if (this.sending) {
      this.again = true;
      return;
    }
    this.sending = true;
    this.dataSource
      .query('SELECT pg_notify($1, $2)', [OUTBOX_CHANNEL, ''])
      .catch((error: unknown) => this.logger.warn({ err: error }, 'could not wake the outbox relays'))
      .finally(() => {
        this.sending = false;
        if (this.again) {
          this.again = false;
          this.wake();
        }
      });
  }
}
