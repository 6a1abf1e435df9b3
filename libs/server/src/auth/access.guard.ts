import {
  type CanActivate,
  type ExecutionContext,
  ForbiddenException,
  type HttpException,
  Inject,
  Injectable,
  ServiceUnavailableException,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import { type AccessRule, decideAccess } from '@datashare/access';
import { LOGGER } from '../tokens';
import { ACCESS_RULE } from './access-rule.decorators';
import { BearerAuthenticator } from './bearer-authenticator';
import type { AuthenticatedRequest } from './current-principal.decorator';

/** The RFC 6750 challenge, so that a client knows what to send. */
const REALM = 'Bearer realm="datashare-monitor"';

/**
 * The global guard (APP_GUARD): every route is refused unless it declares @Public() or
 * @RequireRole(). Credentials are checked only for routes that need them, and never logged.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly authenticator: BearerAuthenticator,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const rule = this.ruleOf(context);
    if (rule.kind === 'public') return true;
    const request = context.switchToHttp().getRequest<Request & AuthenticatedRequest>();
    const credential = await this.authenticator.check(request.headers.authorization);
    const decision = decideAccess(rule, credential);
    if (decision.allow) {
      if (credential.kind === 'principal') request.principal = credential.principal;
      return true;
    }
    if (rule.kind === 'undeclared') {
      this.logger.error(
        { route: `${context.getClass().name}.${context.getHandler().name}` },
        'route refused: it declares neither @Public() nor @RequireRole()',
      );
    }
    if (credential.kind === 'unverifiable') {
      this.logger.warn({ reason: credential.reason }, 'credentials could not be checked');
    }
    const response = context.switchToHttp().getResponse<Response>();
    const challenge =
      decision.status === 401 && credential.kind === 'rejected'
        ? `${REALM}, error="invalid_token"`
        : decision.status === 401
          ? REALM
          : rule.kind === 'role'
            ? `${REALM}, error="insufficient_scope"`
            : null;
    if (challenge !== null) response.setHeader('WWW-Authenticate', challenge);
    throw refusal(decision.status, decision.message);
  }

  private ruleOf(context: ExecutionContext): AccessRule {
    return (
      this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_RULE, [
        context.getHandler(),
        context.getClass(),
      ]) ?? { kind: 'undeclared' }
    );
  }
}

/** `{ statusCode, error, message }`, as every error of the API. */
function refusal(status: 401 | 403 | 503, message: string): HttpException {
  switch (status) {
    case 401:
      return new UnauthorizedException(message);
    case 403:
      return new ForbiddenException(message);
    case 503:
      return new ServiceUnavailableException(message);
  }
}
