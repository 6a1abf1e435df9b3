import { randomUUID } from 'node:crypto';
import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException } from '@nestjs/common';
import type { Response } from 'express';
import type { Logger } from 'pino';

/**
 * Unexpected errors get a 500 with an id that is also in the log record, so a user's report
 * leads to the stack trace without the answer revealing anything of it.
 */
@Catch()
export class ErrorIdFilter implements ExceptionFilter {
  constructor(private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    if (exception instanceof HttpException) {
      const body = exception.getResponse();
      response
        .status(exception.getStatus())
        .json(
          typeof body === 'string' ? { statusCode: exception.getStatus(), message: body } : body,
        );
      return;
    }
    const status = httpStatusOf(exception);
    if (status !== null) {
      response.status(status).json({ statusCode: status, message: (exception as Error).message });
      return;
    }
    const errorId = randomUUID();
    this.logger.error({ err: exception, errorId }, 'unhandled error');
    response.status(500).json({ statusCode: 500, message: 'internal error', errorId });
  }
}

/** Errors raised by Express middleware (body too large, say) carry their own 4xx status. */
function httpStatusOf(exception: unknown): number | null {
  const status = (exception as { status?: unknown; expose?: unknown } | null)?.status;
  const expose = (exception as { expose?: unknown } | null)?.expose;
  return typeof status === 'number' && status >= 400 && status < 500 && expose === true
    ? status
    : null;
}
