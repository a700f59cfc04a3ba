import { ViewColumn, ViewEntity } from 'typeorm';
import { bigintTransformer } from '#app/core';

/**
 * One row per counter: the view `metric_counters` sums the shards the engine adds to
 * (`metric_counter_shards`), in the transaction that applies the event.
 */
@ViewEntity('metric_counters')
export class MetricCounterEntity {
  @ViewColumn()
  name: string;

  @ViewColumn({ transformer: bigintTransformer })
  value: number;
}
