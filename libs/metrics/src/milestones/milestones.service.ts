import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import pg from 'pg';
import { Observable, share } from 'rxjs';
import type { EntityManager, Repository } from 'typeorm';
import { AppConfig, type Page, type PaginationQueryDto, toPage } from '#app/core';
import { MilestoneEntity } from './milestone.entity.js';
import { MilestoneResponseDto } from './dto/milestone-response.dto.js';

export const MILESTONE_CHANNEL = 'milestones';

export interface Crossing {
  metric: string;
  before: number;
  after: number;
  placementId: string | null;
  caseEventId: string;
}

@Injectable()
export class MilestonesService implements OnModuleDestroy {
  private readonly logger = new Logger(MilestonesService.name);
  private listener: pg.Client | null = null;

  /**
   * New milestones reach every API replica through PostgreSQL NOTIFY (sent at commit by the engine),
   * so a coordinator connected to any replica hears of a milestone reached by any worker.
   */
  readonly live$: Observable<MilestoneResponseDto> = new Observable<MilestoneResponseDto>((subscriber) => {
    const client = new pg.Client({ connectionString: this.config.databaseUrl });
    this.listener = client;
    client.on('notification', (message) => {
      if (message.payload) subscriber.next(JSON.parse(message.payload) as MilestoneResponseDto);
    });
    client.on('error', (error) => subscriber.error(error));
    client
      .connect()
      .then(() => client.query(`LISTEN ${MILESTONE_CHANNEL}`))
      .catch((error: unknown) => subscriber.error(error));
    return () => {
      this.listener = null;
      client
        .end()
        .catch((error: unknown) => this.logger.warn({ err: error }, 'closing milestone listener failed'));
    };
  }).pipe(share());

  constructor(
    @InjectRepository(MilestoneEntity) private readonly milestones: Repository<MilestoneEntity>,
    private readonly config: AppConfig,
  ) {}

  async list(query: PaginationQueryDto): Promise<Page<MilestoneResponseDto>> {
    const [rows, total] = await this.milestones.findAndCount({
      order: { metric: 'ASC', threshold: 'ASC' },
      skip: query.offset,
      take: query.limit,
    });
    return toPage(
      rows.map((row) => MilestoneResponseDto.from(row)),
      total,
      query,
    );
  }

  /**
   * Records every configured threshold in (before, after]. Counter updates are serialised by the
   * counter's row lock, so only one transaction ever sees a given threshold inside its interval;
   * ON CONFLICT keeps a retried or duplicated event from recording it twice.
   */
  async recordCrossings(manager: EntityManager, crossing: Crossing): Promise<void> {
    const reached = this.config.milestoneThresholds.filter((t) => crossing.before < t && t <= crossing.after);
    for (const threshold of reached) {
      const rows: MilestoneEntity[] = await manager.query(
        `INSERT INTO milestones (metric, threshold, reached_at, placement_id, case_event_id)
         VALUES ($1, $2, now(), $3, $4)
         ON CONFLICT ON CONSTRAINT uq_milestones_metric_threshold DO NOTHING
         RETURNING id, metric, threshold, reached_at AS "reachedAt", placement_id AS "placementId"`,
        [crossing.metric, threshold, crossing.placementId, crossing.caseEventId],
      );
      if (rows.length) {
        await manager.query('SELECT pg_notify($1, $2)', [
          MILESTONE_CHANNEL,
          JSON.stringify(MilestoneResponseDto.from(rows[0])),
        ]);
      }
    }
  }

  async onModuleDestroy(): Promise<void> {
    await this.listener?.end().catch(() => undefined);
  }
}
