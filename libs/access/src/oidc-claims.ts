import type { Principal } from './api-keys';
import { ROLES, type Role } from './roles';

/**
 * The roles an identity provider's token grants, read from the claim named by `claimPath`.
 * The path is first taken whole (namespaced claims such as `https://example.gov.vn/roles`
 * contain dots), then as a dotted path into nested objects (`realm_access.roles`). The value
 * may be a list of strings or one space-separated string; names that are not roles of this
 * API (the provider's other roles) are ignored.
 */
export function rolesFromClaims(claims: Record<string, unknown>, claimPath: string): Role[] {
  const value = claimPath in claims ? claims[claimPath] : valueAtPath(claims, claimPath);
  const names = Array.isArray(value) ? value : typeof value === 'string' ? value.split(' ') : [];
  return ROLES.filter((role) => names.includes(role));
}

function valueAtPath(claims: Record<string, unknown>, claimPath: string): unknown {
  let value: unknown = claims;
  for (const step of claimPath.split('.')) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
    if (!Object.hasOwn(value, step)) return undefined;
    value = (value as Record<string, unknown>)[step];
  }
  return value;
}

export interface OidcClaimNames {
  /** Where the roles are (see rolesFromClaims). */
  roles: string;
  /** The claim that names the principal in logs and the access trail (`sub` by default). */
  name: string;
}

const MAX_NAME_LENGTH = 256;

/** Who a verified token names, and what it may do; or why it names no one. */
export function principalFromClaims(
  claims: Record<string, unknown>,
  names: OidcClaimNames,
): { ok: true; principal: Principal } | { ok: false; reason: string } {
  const name = claims[names.name] ?? (names.name === 'sub' ? undefined : claims.sub);
  if (typeof name !== 'string' || name.length === 0 || name.length > MAX_NAME_LENGTH) {
    return { ok: false, reason: `the token has no usable '${names.name}' claim` };
  }
  return { ok: true, principal: { name, roles: rolesFromClaims(claims, names.roles) } };
}
