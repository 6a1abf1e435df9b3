import type { Principal } from './api-keys';
import { type Role, grants } from './roles';

/** What a route declares: open to all, or a role. A route that declares nothing is refused. */
export type AccessRule = { kind: 'public' } | { kind: 'role'; role: Role } | { kind: 'undeclared' };

/** What the request's credentials turned out to be, once checked. */
export type CheckedCredential =
  | { kind: 'none' }
  | { kind: 'rejected'; reason: string }
  /** The credentials could not be checked (the identity provider is unreachable). */
  | { kind: 'unverifiable'; reason: string }
  | { kind: 'principal'; principal: Principal };

export type AccessDecision =
  { allow: true } | { allow: false; status: 401 | 403 | 503; message: string };

/**
 * Whether a request may go on: 401 without valid credentials, 403 when the principal's roles
 * do not include the route's, and 403 for a route that declares no rule (deny by default).
 */
export function decideAccess(rule: AccessRule, credential: CheckedCredential): AccessDecision {
  switch (rule.kind) {
    case 'public':
      return { allow: true };
    case 'undeclared':
      return { allow: false, status: 403, message: 'this route declares no access rule' };
    case 'role':
      break;
  }
  switch (credential.kind) {
    case 'none':
      return {
        allow: false,
        status: 401,
        message: "authentication required: send 'Authorization: Bearer <API key or token>'",
      };
    case 'rejected':
      return { allow: false, status: 401, message: credential.reason };
    case 'unverifiable':
      return { allow: false, status: 503, message: credential.reason };
    case 'principal': {
      const { principal } = credential;
      if (grants(principal.roles, rule.role)) return { allow: true };
      const held = principal.roles.length === 0 ? 'no role' : principal.roles.join(', ');
      return {
        allow: false,
        status: 403,
        message: `this needs the role '${rule.role}' (or one that includes it); '${principal.name}' has ${held}`,
      };
    }
  }
}
