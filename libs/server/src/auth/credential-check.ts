import type { AuthenticatedPrincipal, CheckedCredential } from '@datashare/access';

/** A checked credential whose principal also says how it was authenticated. */
export type CredentialCheck =
  | Exclude<CheckedCredential, { kind: 'principal' }>
  | { kind: 'principal'; principal: AuthenticatedPrincipal };
