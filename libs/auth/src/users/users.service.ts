import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { isUUID } from 'class-validator';
import { QueryFailedError, Repository } from 'typeorm';
import { type Actor, type Page, Role, toPage } from '#app/core';
import { assertCompanyRule } from './company-rule.js';
import type { CreateUserDto } from './dto/create-user.dto.js';
import type { ListUsersQueryDto } from './dto/list-users-query.dto.js';
import type { UpdateUserDto } from './dto/update-user.dto.js';
import { EnabledUserCache } from './enabled-user.cache.js';
import { PasswordService } from './password.service.js';
import { User } from './user.entity.js';
import { UsersException, UsersExceptionCode } from './users.exception.js';

const EMAIL_UNIQUE_INDEX = 'uq_users_email';

function isEmailTaken(error: unknown): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const driverError = error.driverError as { code?: string; constraint?: string };
  return driverError.code === '23505' && driverError.constraint === EMAIL_UNIQUE_INDEX;
}

@Injectable()
export class UsersService {
  private readonly logger = new Logger(UsersService.name);

  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly passwords: PasswordService,
    private readonly enabledUsers: EnabledUserCache,
  ) {}

  async create(dto: CreateUserDto): Promise<User> {
    const companyId = dto.companyId ?? null;
    assertCompanyRule(dto.role, companyId);
    const user = this.users.create({
      email: dto.email,
      passwordHash: await this.passwords.hash(dto.password),
      fullName: dto.fullName,
      role: dto.role,
      companyId,
    });
    try {
      // The unique index decides, not a prior SELECT: two concurrent creates cannot both win.
      await this.users.insert(user);
    } catch (error) {
      if (isEmailTaken(error)) {
        throw new UsersException(UsersExceptionCode.EMAIL_TAKEN, 'A user with this email already exists', {
          field: 'email',
        });
      }
      throw error;
    }
    return this.findById(user.id);
  }

  async list(query: ListUsersQueryDto): Promise<Page<User>> {
    const [items, total] = await this.users.findAndCount({
      where: query.role ? { role: query.role } : {},
      order: { createdAt: 'ASC', id: 'ASC' },
      skip: query.offset,
      take: query.limit,
    });
    return toPage(items, total, query);
  }

  async findById(id: string): Promise<User> {
    const user = isUUID(id) ? await this.users.findOneBy({ id }) : null;
    if (!user) throw new UsersException(UsersExceptionCode.NOT_FOUND, `User ${id} not found`);
    return user;
  }

  /** Who a token speaks for, or null when the user no longer exists or was disabled. */
  async findActor(id: string): Promise<Actor | null> {
    if (!isUUID(id)) return null;
    return this.enabledUsers.resolve(id, async (userId) => {
      const [actor] = await this.users.query<Actor[]>(
        `SELECT id, role, company_id AS "companyId" FROM users WHERE id = $1 AND NOT disabled`,
        [userId],
      );
      return actor ?? null;
    });
  }

  /** For other features that assign work to a counsellor (cases, reassignment). */
  async assertCounsellor(id: string): Promise<User> {
    const user = isUUID(id) ? await this.users.findOneBy({ id }) : null;
    if (!user || user.role !== Role.COUNSELLOR || user.disabled) {
      throw new UsersException(
        UsersExceptionCode.NOT_A_COUNSELLOR,
        `User ${id} is not an active counsellor`,
        {
          field: 'counsellorId',
        },
      );
    }
    return user;
  }

  async update(id: string, dto: UpdateUserDto, actor: Actor): Promise<User> {
    const user = await this.findById(id);
    const role = dto.role ?? user.role;
    // Leaving the company role drops the company link unless the caller says otherwise.
    const companyId =
      dto.companyId !== undefined ? dto.companyId : role === Role.COMPANY ? user.companyId : null;
    assertCompanyRule(role, companyId);
    if (user.id === actor.id && (dto.disabled === true || role !== user.role)) {
      throw new UsersException(
        UsersExceptionCode.SELF_LOCKOUT,
        'You cannot disable your own account or change your own role',
      );
    }
    const changes: Partial<User> = { role, companyId };
    if (dto.fullName !== undefined) changes.fullName = dto.fullName;
    if (dto.disabled !== undefined) changes.disabled = dto.disabled;
    if (dto.password !== undefined) changes.passwordHash = await this.passwords.hash(dto.password);
    await this.users.update({ id }, changes);
    // Before answering, so this process refuses a disabled account's very next request.
    this.enabledUsers.evict(id);
    return this.findById(id);
  }

  /**
   * The user whose credentials these are, or null. An unknown email costs the same time as a wrong
   * password; a disabled user is refused only after the check, for the same reason.
   */
  async verifyCredentials(email: string, password: string): Promise<User | null> {
    const user = await this.users
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('lower(u.email) = lower(:email)', { email: email.trim() })
      .getOne();
    if (!user) return this.passwords.spendVerificationTime(password).then(() => null);
    const valid = await this.passwords.verify(user.passwordHash, password);
    return valid && !user.disabled ? user : null;
  }

  /**
   * Creates the first admin when there is no enabled admin. Several processes may start together:
   * ON CONFLICT DO NOTHING on the email index lets exactly one insert win and the others pass quietly.
   */
  async ensureAdmin(email: string, password: string): Promise<boolean> {
    const hasAdmin = await this.users.exists({ where: { role: Role.ADMIN, disabled: false } });
    if (hasAdmin) return false;
    const normalised = email.trim().toLowerCase();
    const result = await this.users
      .createQueryBuilder()
      .insert()
      .values({
        email: normalised,
        passwordHash: await this.passwords.hash(password),
        fullName: 'Administrator',
        role: Role.ADMIN,
        companyId: null,
      })
      .orIgnore()
      .returning(['id'])
      .execute();
    if ((result.raw as unknown[]).length > 0) return true;
    const existing = await this.users.findOneBy({ email: normalised });
    if (existing?.role !== Role.ADMIN || existing.disabled) {
      this.logger.warn(
        `No enabled admin exists and ${normalised} belongs to another account: no admin was created`,
      );
    }
    return false;
  }
}
