/** The roles of the HTTP API (issue 5). */
export const ROLES = ['viewer', 'auditor', 'ingest', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/**
 * What each role includes besides itself: an auditor can do what a viewer can, an admin
 * everything. `ingest` is a machine's role and includes nothing else.
 */
const INCLUDES: Record<Role, readonly Role[]> = {
  viewer: [],
  auditor: ['viewer'],
  ingest: [],
  admin: ['viewer', 'auditor', 'ingest'],
};

/** True when a holder of `held` may do what `required` allows. */
export function grants(held: readonly Role[], required: Role): boolean {
  return held.some((role) => role === required || INCLUDES[role].includes(required));
}
