import { Controller, Get, Module, Param, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Public } from '../auth';
import { ConsolePage } from './console-page';

/**
 * The operations console (docs/console.md): the page at `/` and its bundled assets. They are
 * public; the figures are not: the page asks for a key and sends it with every API call.
 */
@Public()
@Controller()
export class ConsoleController {
  constructor(private readonly page: ConsolePage) {}

  @Get()
  index(@Res() response: Response): void {
    this.page.sendIndex(response);
  }

  @Get('assets/:name')
  asset(@Param('name') name: string, @Res() response: Response): void {
    this.page.sendAsset(name, response);
  }
}

@Module({ controllers: [ConsoleController], providers: [ConsolePage] })
export class ConsoleModule {}
