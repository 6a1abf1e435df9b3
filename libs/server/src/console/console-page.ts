import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import type { Response } from 'express';
import type { Logger } from 'pino';
import { APP_CONFIG, type AppConfig } from '@datashare/config';
import { LOGGER } from '../tokens';
import { type ConsoleBuild, type ConsoleFile, readConsoleBuild } from './console-files';

/** Where `npm run build` puts the page: dist/apps/console beside the compiled apps. */
export function consoleBuildDir(from = __dirname): string {
  let dir = from;
  while (!existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) {
    dir = path.dirname(dir);
  }
  return path.join(dir, 'dist', 'apps', 'console');
}

/** The operations console's files, read once at start and sent from memory. */
@Injectable()
export class ConsolePage {
  private readonly build: ConsoleBuild;

  constructor(@Inject(APP_CONFIG) config: AppConfig, @Inject(LOGGER) logger: Logger) {
    this.build = readConsoleBuild(consoleBuildDir(), {
      grafanaUrl: config.console.grafanaUrl,
      reportTimezone: config.reporting.timezone,
    });
    if (!this.build.built) logger.warn(this.build.reason);
  }

  sendIndex(response: Response): void {
    if (!this.build.built) throw new NotFoundException(this.build.reason);
    send(response, this.build.index);
  }

  sendAsset(name: string, response: Response): void {
    const file = this.build.built ? this.build.assets.get(name) : undefined;
    if (file === undefined) throw new NotFoundException('no such console asset');
    send(response, file);
  }
}

function send(response: Response, file: ConsoleFile): void {
  response.set(file.headers).send(file.body);
}
