export { composeApp } from './compose-app';
export type { AppParts } from './compose-app';
export { runApp } from './run-app';
export { startHttpApp } from './http-app';
// For tests and benchmarks that assemble the health and growth pieces without an app.
export { ConnectionHealthEvaluator } from './connections/connection-health-evaluator';
export { ConnectionFiguresReader } from './connections/connection-figures-reader';
export { ConnectionsService } from './connections/connections.service';
export { AgencyService } from './connections/agency.service';
export { ConnectionSeriesService } from './connections/connection-series.service';
export { connectionSeriesQuery } from './connections/connection-queries';
export { HealthEventPublisher } from './connections/health-event-publisher';
export { GrowthService } from './growth/growth.service';
// For tests of the credentials path without an app.
export { BearerAuthenticator } from './auth/bearer-authenticator';
export { OidcTokenVerifier } from './auth/oidc-token-verifier';
