import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { AppConfig } from '#app/core';
import { UsersService } from './users.service.js';

/** SPEC section 3: ADMIN_EMAIL / ADMIN_PASSWORD name the first admin, created at start if no admin exists. */
@Injectable()
export class AdminBootstrapService implements OnApplicationBootstrap {
  private readonly logger = new Logger(AdminBootstrapService.name);

  constructor(
    private readonly config: AppConfig,
    private readonly users: UsersService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { ADMIN_EMAIL, ADMIN_PASSWORD } = this.config.values;
    if (!ADMIN_EMAIL || !ADMIN_PASSWORD) return;
    if (await this.users.ensureAdmin(ADMIN_EMAIL, ADMIN_PASSWORD)) {
      this.logger.log(`Created the first admin ${ADMIN_EMAIL}`);
    }
  }
}
