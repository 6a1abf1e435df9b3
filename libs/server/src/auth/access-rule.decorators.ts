import { SetMetadata } from '@nestjs/common';
import type { AccessRule, Role } from '@datashare/access';

export const ACCESS_RULE = Symbol('ACCESS_RULE');

/**
 * The route (or every route of the controller) needs this role, or one that includes it
 * (libs/access roles.ts). On a handler it overrides its controller's rule.
 */
export const RequireRole = (role: Role): MethodDecorator & ClassDecorator =>
  SetMetadata<symbol, AccessRule>(ACCESS_RULE, { kind: 'role', role });

/** The route is open to anyone, credentials or not. */
export const Public = (): MethodDecorator & ClassDecorator =>
  SetMetadata<symbol, AccessRule>(ACCESS_RULE, { kind: 'public' });
