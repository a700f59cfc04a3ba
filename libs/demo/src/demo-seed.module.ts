import { type DynamicModule, Module } from '@nestjs/common';
import { CasesModule } from '#app/cases';
import { AppConfig, DatabaseModule } from '#app/core';

@Module({})
class DemoConfigModule {}

/**
 * What the seeder needs of the product, and nothing that talks to Redis: the database, users (for
 * argon2 hashes) and the workflow engine with its counters and milestones. The configuration is the
 * process's, pointed at the database being seeded.
 */
@Module({})
export class DemoSeedModule {
  static forDatabase(databaseUrl: string): DynamicModule {
    const config = new AppConfig({ ...process.env, DATABASE_URL: databaseUrl });
    return {
      module: DemoSeedModule,
      imports: [
        {
          module: DemoConfigModule,
          global: true,
          providers: [{ provide: AppConfig, useValue: config }],
          exports: [AppConfig],
        },
        DatabaseModule,
        CasesModule,
      ],
    };
  }
}
