import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { Controller, Get, Header, Module } from '@nestjs/common';
import { Public } from '../auth';

/** docs/api/openapi.json, copied next to this file by `npm run build`. */
const DOCUMENT_FILE = path.join(__dirname, 'openapi.json');

@Controller('api/docs')
@Public()
export class ApiDocsController {
  private readonly document = readFileSync(DOCUMENT_FILE, 'utf8');

  @Get()
  @Header('Content-Type', 'application/json; charset=utf-8')
  openApi(): string {
    return this.document;
  }
}

/** The OpenAPI description of the HTTP API, served where the API is. */
@Module({ controllers: [ApiDocsController] })
export class ApiDocsModule {}
