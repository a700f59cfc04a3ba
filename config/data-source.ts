import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { AppConfig, migrations, SnakeNamingStrategy } from '#app/core';

/** For the TypeORM CLI (`npx typeorm migration:generate -d dist/config/data-source.js`) when reviewing schema drift. */
export default new DataSource({
  type: 'postgres',
  url: new AppConfig(process.env).databaseUrl,
  namingStrategy: new SnakeNamingStrategy(),
  migrations,
  migrationsTableName: 'migrations',
});
