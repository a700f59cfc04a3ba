import { Inject, Injectable, type OnApplicationShutdown, type Provider } from '@nestjs/common';
import { getDataSourceToken, InjectDataSource } from '@nestjs/typeorm';
import { DataSource, QueryFailedError } from 'typeorm';
import { AppConfig, SnakeNamingStrategy } from '#app/core';
import { REPORTS_CONNECTION } from './reports.constant.js';
import { ReportsException, ReportsExceptionCode } from './reports.exception.js';

export const REPORTS_DATA_SOURCE = getDataSourceToken(REPORTS_CONNECTION);

/**
 * The 'reports' connection: a read replica when REPORTS_DATABASE_URL is set (SPEC 2: heavy reads stay off
 * the primary), otherwise the default DataSource itself, so a single-database install opens no second pool.
 * Sessions on the replica connection are read-only, so a report can never write even by mistake.
 */
export const reportsDataSourceProvider: Provider = {
  provide: REPORTS_DATA_SOURCE,
  inject: [AppConfig, getDataSourceToken()],
  useFactory: async (config: AppConfig, primary: DataSource): Promise<DataSource> => {
    const url = config.values.REPORTS_DATABASE_URL;
    if (!url) return primary;
    return new DataSource({
      type: 'postgres',
      url,
      entities: [],
      synchronize: false,
      migrationsRun: false,
      namingStrategy: new SnakeNamingStrategy(),
      extra: { max: config.values.DATABASE_POOL_SIZE, options: '-c default_transaction_read_only=on' },
      logging: false,
    }).initialize();
  },
};

/** Longest a report may run before it is abandoned with a 503 instead of holding a connection. */
const REPORT_STATEMENT_TIMEOUT = '30s';

/** Runs report statements on the reports connection, and closes that connection when it is its own. */
@Injectable()
export class ReportsQueryRunner implements OnApplicationShutdown {
  constructor(
    @Inject(REPORTS_DATA_SOURCE) private readonly reports: DataSource,
    @InjectDataSource() private readonly primary: DataSource,
  ) {}

  /** True when reports read from REPORTS_DATABASE_URL rather than the primary database. */
  get usesReplica(): boolean {
    return this.reports !== this.primary;
  }

  /**
   * One read-only statement in its own transaction, with settings measured on a 10^6-case database
   * (docs/reports.md): JIT off, since compiling a report's expressions cost more than it saved; memoize
   * off, since every lookup key of these reports is distinct and the cache only added hashing; work_mem
   * raised for this transaction only, so the hash joins and the median's sort stay in memory.
   */
  async query<T>(sql: string, parameters: unknown[]): Promise<T[]> {
    const runner = this.reports.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      await runner.query(
        `SET TRANSACTION READ ONLY; SET LOCAL jit = off; SET LOCAL enable_memoize = off; ` +
          `SET LOCAL work_mem = '64MB'; SET LOCAL statement_timeout = '${REPORT_STATEMENT_TIMEOUT}'`,
      );
      const rows = (await runner.query(sql, parameters)) as T[];
      await runner.commitTransaction();
      return rows;
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      if (error instanceof QueryFailedError && (error.driverError as { code?: string }).code === '57014') {
        throw new ReportsException(
          ReportsExceptionCode.TIMEOUT,
          'The report took too long; try a shorter window',
        );
      }
      throw error;
    } finally {
      await runner.release();
    }
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.usesReplica && this.reports.isInitialized) await this.reports.destroy();
  }
}
