import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';

export enum Role {
  ADMIN = 'admin',
  COORDINATOR = 'coordinator',
  COUNSELLOR = 'counsellor',
  COMPANY = 'company',
}

export const ALL_ROLES = Object.values(Role);

/** Who is calling: taken from the verified token, passed to services for object-level checks. */
export interface Actor {
  id: string;
  role: Role;
  companyId: string | null;
}

export const ROLES_KEY = 'roles';
export const PUBLIC_KEY = 'public';

/** The roles that may ever call the handler; others get 403. Object-level rules (404) live in services. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

export const Public = () => SetMetadata(PUBLIC_KEY, true);

export const CurrentActor = createParamDecorator((_data: unknown, context: ExecutionContext): Actor => {
  const request = context.switchToHttp().getRequest<{ user: Actor }>();
  return request.user;
});

/** Coordinators and admins read everything; the other roles see only what is theirs. */
export function seesEverything(actor: Actor): boolean {
  return actor.role === Role.ADMIN || actor.role === Role.COORDINATOR;
}
