import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import pg from 'pg';
import { Observable, share } from 'rxjs';
import type { Repository } from 'typeorm';
import { AppConfig, type Page, type PaginationQueryDto, toPage } from '#app/core';
import { Metric } from '../counters/metric.constant.js';
import { MilestoneEntity } from './milestone.entity.js';
import { MilestoneResponseDto } from './dto/milestone-response.dto.js';

export const MILESTONE_CHANNEL = 'milestones';

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
   * The statement recording the milestones of the placements counter that a change crossed, for a caller
   * that folds it into a statement of its own as a CTE (the engine's single write). `counted` names a CTE
   * yielding (name, value) after the change, written under the counter's row lock: increments are
   * serialised by that lock, so only one transaction ever sees a given threshold inside its (before,
   * after] interval. `placementIds` and `caseEventIds` are uuid[] expressions with one entry per
   * placement of the change, in order: the k-th crosses the thresholds at before + k, as if applied
   * alone. ON CONFLICT keeps a retried or duplicated event from recording a threshold twice.
   */
  recordCrossingsSql(counted: string, placementIds: string, caseEventIds: string): string {
    const thresholds = `'{${this.config.milestoneThresholds.join(',')}}'::int[]`;
    const rank = `t - (c.value - cardinality(${caseEventIds}))`;
    return `INSERT INTO milestones (metric, threshold, reached_at, placement_id, case_event_id)
      SELECT c.name, t, now(), (${placementIds})[${rank}], (${caseEventIds})[${rank}]
      FROM ${counted} c, unnest(${thresholds}) AS t
      WHERE c.name = '${Metric.PLACEMENTS}' AND t > c.value - cardinality(${caseEventIds}) AND t <= c.value
      ON CONFLICT ON CONSTRAINT uq_milestones_metric_threshold DO NOTHING
      RETURNING id, metric, threshold, reached_at, placement_id`;
  }

  /**
   * An expression announcing the milestones of `recorded` (a CTE of `recordCrossingsSql`) in threshold
   * order, sent at commit; its value is how many. The payload is the JSON of `MilestoneResponseDto`.
   */
  announceSql(recorded: string): string {
    const payload = `json_build_object('id', id, 'metric', metric, 'threshold', threshold,
      'reachedAt', to_char(reached_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
      'placementId', placement_id)::text`;
    return `(SELECT count(*)::int FROM (
      SELECT pg_notify('${MILESTONE_CHANNEL}', ${payload}) FROM ${recorded} ORDER BY threshold) AS sent)`;
  }

  async onModuleDestroy(): Promise<void> {
    await this.listener?.end().catch(() => undefined);
  }
}
