import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../config/app-config.js';
import { SnakeNamingStrategy } from './snake-naming.strategy.js';

@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        type: 'postgres' as const,
        url: config.databaseUrl,
        autoLoadEntities: true,
        synchronize: false,
        migrationsRun: false,
        uuidExtension: 'pgcrypto' as const,
        namingStrategy: new SnakeNamingStrategy(),
        extra: { max: config.values.DATABASE_POOL_SIZE },
        // Failed queries surface through the exception filter (a 500 is logged with its cause once).
        logging: false,
      }),
    }),
  ],
})
export class DatabaseModule {}
