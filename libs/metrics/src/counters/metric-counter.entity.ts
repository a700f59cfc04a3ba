import { Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintTransformer } from '#app/core';

/** One row per counter, bumped by the engine in the transaction that applies the event. */
@Entity('metric_counters')
export class MetricCounterEntity {
  @PrimaryColumn({ type: 'varchar', length: 80 })
  name: string;

  @Column({ type: 'bigint', default: 0, transformer: bigintTransformer })
  value: number;
}
