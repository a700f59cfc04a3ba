import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { ContractType, PlacementKind, PlacementSource } from './placement.constant.js';

/** numeric(4,1) comes back from pg as a string; one decimal is exact in a double. */
const hoursTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};

@Entity('placements')
@Index('uq_placements_new_per_case', ['caseId'], { unique: true, where: `kind = 'new'` })
@Index('idx_placements_case_starts_on', ['caseId', 'startsOn'])
@Index('idx_placements_beneficiary_id', ['beneficiaryId'])
@Index('idx_placements_company_id', ['companyId'])
@Index('idx_placements_opening_id', ['openingId'])
@Index('idx_placements_extends_placement_id', ['extendsPlacementId'])
@Index('idx_placements_starts_on', ['startsOn'])
@Index('idx_placements_created_by_id', ['createdById'])
export class PlacementEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  caseId: string;

  /** Copied from the case so reports count people without joining through cases. */
  @Column('uuid')
  beneficiaryId: string;

  /** Null only for self-employment. */
  @Column({ type: 'uuid', nullable: true })
  companyId: string | null;

  @Column({ type: 'uuid', nullable: true })
  openingId: string | null;

  @Column({ type: 'enum', enum: ContractType, enumName: 'placement_contract_type' })
  contractType: ContractType;

  @Column({ type: 'enum', enum: PlacementKind, enumName: 'placement_kind', default: PlacementKind.NEW })
  kind: PlacementKind;

  @Column({ type: 'uuid', nullable: true })
  extendsPlacementId: string | null;

  @Column({ type: 'date' })
  startsOn: string;

  @Column({ type: 'numeric', precision: 4, scale: 1, nullable: true, transformer: hoursTransformer })
  hoursPerWeek: number | null;

  @Column({
    type: 'enum',
    enum: PlacementSource,
    enumName: 'placement_source',
    default: PlacementSource.DIRECT,
  })
  source: PlacementSource;

  /** The proposal or grant the placement came from. */
  @Column({ type: 'uuid', nullable: true })
  sourceId: string | null;

  @Column({ type: 'uuid', nullable: true })
  createdById: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
