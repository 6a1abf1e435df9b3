import { type ExecutionContext, createParamDecorator } from '@nestjs/common';
import type { AuthenticatedPrincipal } from '@datashare/access';

/** Where the guard leaves the principal of an authenticated request. */
export interface AuthenticatedRequest {
  principal?: AuthenticatedPrincipal;
}

/**
 * The caller of a route that requires a role: `{ name, roles, via }`. Using it on a public
 * route is a programming error (nobody was authenticated) and fails the request.
 */
export const CurrentPrincipal = createParamDecorator(
  (_data: unknown, context: ExecutionContext): AuthenticatedPrincipal => {
    const { principal } = context.switchToHttp().getRequest<AuthenticatedRequest>();
    if (principal === undefined) {
      throw new Error('@CurrentPrincipal() is only for routes with @RequireRole()');
    }
    return principal;
  },
);

/** The principal's name for the request log line; nothing else of the credentials. */
export function principalLogFields(req: object): { principal?: string } {
  const { principal } = req as AuthenticatedRequest;
  return principal === undefined ? {} : { principal: principal.name };
}
