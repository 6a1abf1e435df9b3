import {
  type DynamicModule,
  Inject,
  Injectable,
  Module,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { APP_GUARD, DiscoveryModule, DiscoveryService, Reflector } from '@nestjs/core';
import type { Logger } from 'pino';
import type { ApiKeyEntry } from '@datashare/access';
import type { AppConfig } from '@datashare/config';
import { LOGGER } from '../tokens';
import { AccessGuard } from './access.guard';
import { announceBootstrapKey, readApiKeysFile, resolveBootstrapApiKey } from './api-key-files';
import { BearerAuthenticator } from './bearer-authenticator';
import { OidcTokenVerifier } from './oidc-token-verifier';
import { describeRouteAccess, routeAccess } from './route-access';

/**
 * The keys this process accepts: API_KEYS_FILE's, or outside production with neither keys nor
 * OIDC configured, the generated bootstrap key (printed once, when created).
 */
function acceptedApiKeys(config: AppConfig, logger: Logger, needsKeys: boolean): ApiKeyEntry[] {
  const { apiKeysFile, oidc } = config.auth;
  if (apiKeysFile !== null) {
    const entries = readApiKeysFile(apiKeysFile);
    logger.info({ file: apiKeysFile, keys: entries.map((e) => e.name) }, 'API keys loaded');
    return entries;
  }
  if (oidc !== null || !needsKeys || config.environment === 'production') return [];
  const bootstrap = resolveBootstrapApiKey(config.dataDir);
  if (bootstrap.key !== null) {
    process.stderr.write(announceBootstrapKey(bootstrap, config.http.port));
    logger.warn({ file: bootstrap.file }, 'generated an API key with every role (printed once)');
  } else {
    logger.info(
      { file: bootstrap.file },
      "using the generated API key 'bootstrap' (every role); delete its file and restart for a new one",
    );
  }
  return [bootstrap.entry];
}

/** Refuses to start when a route declares no access rule, and logs every route's rule. */
@Injectable()
class RouteAccessCheck implements OnApplicationBootstrap {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly reflector: Reflector,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    const controllers = this.discovery
      .getControllers()
      .map((wrapper) => wrapper.metatype)
      .filter((metatype): metatype is NonNullable<typeof metatype> => metatype != null);
    const routes = routeAccess(controllers, this.reflector);
    const undeclared = routes.filter((r) => r.rule.kind === 'undeclared').map((r) => r.route);
    if (undeclared.length > 0) {
      throw new Error(
        `routes without an access rule (add @Public() or @RequireRole()): ${undeclared.join(', ')}`,
      );
    }
    this.logger.info({ routes: describeRouteAccess(routes) }, 'access rules');
  }
}

/** Authentication and roles for every route (docs/api.md#authentication). */
@Module({})
export class AuthModule {
  static forRoot(config: AppConfig, logger: Logger, servesProtected: boolean): DynamicModule {
    return {
      module: AuthModule,
      imports: [DiscoveryModule],
      providers: [
        {
          provide: BearerAuthenticator,
          useFactory: () =>
            new BearerAuthenticator(
              acceptedApiKeys(config, logger, servesProtected),
              config.auth.oidc === null ? null : new OidcTokenVerifier(config.auth.oidc),
            ),
        },
        { provide: APP_GUARD, useClass: AccessGuard },
        RouteAccessCheck,
      ],
    };
  }
}
