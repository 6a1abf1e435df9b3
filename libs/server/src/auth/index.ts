// Authentication and roles (issue 5): what other modules of libs/server put on their routes.
export { Public, RequireRole } from './access-rule.decorators';
export { CurrentPrincipal } from './current-principal.decorator';
export type { AuthenticatedPrincipal, Role } from '@datashare/access';
