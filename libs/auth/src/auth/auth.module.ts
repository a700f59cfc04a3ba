import { createSecretKey } from 'node:crypto';
import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { ThrottlerModule } from '@nestjs/throttler';
import { DataSource } from 'typeorm';
import { AppConfig } from '#app/core';
import { AdminBootstrapService } from '../users/admin-bootstrap.service.js';
import { UsersModule } from '../users/users.module.js';
import { AuthController } from './auth.controller.js';
import { AuthService } from './auth.service.js';
import { JwtAuthGuard } from './jwt-auth.guard.js';
import { PgThrottlerStorage } from './pg-throttler.storage.js';
import { RolesGuard } from './roles.guard.js';

const LOGIN_WINDOW_MS = 60_000;

/**
 * Authentication for the HTTP API: login, the token guard and the role guard on every route
 * (in that order: the role guard needs the actor the token guard sets), and the first admin at start.
 */
@Module({
  imports: [
    UsersModule,
    JwtModule.registerAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        // A key object, not the string: jsonwebtoken first tries to parse a string as a PEM public key
        // on every verify, which cost about 0.9 ms of CPU per request (docs/DECISIONS.md).
        secret: createSecretKey(Buffer.from(config.jwtSecret)),
        signOptions: { algorithm: 'HS256', expiresIn: config.values.JWT_EXPIRES_IN_SECONDS },
        verifyOptions: { algorithms: ['HS256'] },
      }),
    }),
    ThrottlerModule.forRootAsync({
      inject: [AppConfig, DataSource],
      useFactory: (config: AppConfig, dataSource: DataSource) => ({
        // Unnamed: a named throttler suffixes its headers (Retry-After-login), which clients do not read.
        throttlers: [{ ttl: LOGIN_WINDOW_MS, limit: config.values.LOGIN_RATE_LIMIT }],
        storage: new PgThrottlerStorage(dataSource),
        errorMessage: 'Too many login attempts; try again later',
      }),
    }),
  ],
  controllers: [AuthController],
  providers: [
    AuthService,
    AdminBootstrapService,
    { provide: APP_GUARD, useClass: JwtAuthGuard },
    { provide: APP_GUARD, useClass: RolesGuard },
  ],
  exports: [UsersModule, AuthService],
})
export class AuthModule {}
