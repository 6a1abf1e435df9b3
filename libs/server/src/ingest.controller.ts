import {
  BadRequestException,
  Controller,
  Headers,
  HttpCode,
  Injectable,
  Module,
  Post,
  Req,
  ServiceUnavailableException,
} from '@nestjs/common';
import type { Request } from 'express';
import {
  IngestOverloadedError,
  type IntakeResult,
  TransactionIntake,
  parseIngestBody,
} from '@datashare/ingestion';
import { RequireRole } from './auth';

/** Turns an HTTP ingest request into intake calls and intake outcomes into HTTP answers. */
@Injectable()
export class IngestRequestHandler {
  constructor(private readonly intake: TransactionIntake) {}

  async handle(
    body: unknown,
    contentType: string | undefined,
    requestId: string,
  ): Promise<IntakeResult> {
    // Bodies of other media types are not read at all: say why, not that the body is empty.
    const parsed = parseIngestBody(Buffer.isBuffer(body) ? body : Buffer.alloc(0), contentType);
    if (parsed.ok && (!Buffer.isBuffer(body) || body.length === 0)) {
      throw new BadRequestException('the body is empty; send events as NDJSON or a JSON array');
    }
    if (!parsed.ok) throw new BadRequestException(parsed.error);
    if (parsed.items.length === 0) throw new BadRequestException('the body holds no events');
    try {
      return await this.intake.ingest(parsed.items, requestId);
    } catch (error) {
      if (error instanceof IngestOverloadedError)
        throw new ServiceUnavailableException(error.message);
      throw error;
    }
  }
}

@Controller('api/v1/transactions')
@RequireRole('ingest')
export class IngestController {
  constructor(private readonly handler: IngestRequestHandler) {}

  @Post()
  @HttpCode(200)
  ingest(
    @Req() req: Request,
    @Headers('content-type') contentType?: string,
  ): Promise<IntakeResult> {
    return this.handler.handle(req.body, contentType, typeof req.id === 'string' ? req.id : 'http');
  }
}

@Module({ controllers: [IngestController], providers: [IngestRequestHandler] })
export class IngestModule {}
