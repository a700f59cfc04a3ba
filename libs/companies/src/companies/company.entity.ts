import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/**
 * A Board company. The name search uses the expression index idx_companies_name on
 * lower(name) text_pattern_ops, which only the migration can express.
 */
@Entity('companies')
export class CompanyEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  /** Unique (uq_companies_vat_number). */
  @Column({ type: 'char', length: 11 })
  vatNumber: string;

  @Column({ type: 'varchar', length: 8 })
  atecoCode: string;

  @Column({ type: 'varchar', length: 100 })
  municipality: string;

  @Column({ type: 'int' })
  employees: number;

  @Column({ type: 'date' })
  boardMemberSince: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
