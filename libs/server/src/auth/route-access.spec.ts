import { Controller, Get, Post } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Public, RequireRole } from './access-rule.decorators';
import { describeRouteAccess, routeAccess } from './route-access';

@Controller('api/v1/things')
@RequireRole('viewer')
class ThingsController {
  @Get()
  list(): void {}

  @Get(':id/secret')
  @RequireRole('admin')
  secret(): void {}

  helper(): void {}
}

@Controller()
@Public()
class OpenController {
  @Get(['healthz', 'livez'])
  health(): void {}
}

@Controller('/forgotten/')
class ForgottenController {
  @Post('/')
  create(): void {}

  @Get('x')
  @Public()
  open(): void {}
}

class EndpointBase {
  @Get('inherited')
  inherited(): void {}
}

@Controller('sub')
@RequireRole('ingest')
class SubController extends EndpointBase {}

describe('routeAccess', () => {
  const reflector = new Reflector();

  it('lists every route with the rule of its handler, or else of its controller', () => {
    const routes = routeAccess(
      [ThingsController, OpenController, ForgottenController, SubController],
      reflector,
    );
    expect(describeRouteAccess(routes)).toEqual({
      'GET /api/v1/things': 'viewer',
      'GET /api/v1/things/:id/secret': 'admin',
      'GET /healthz': 'public',
      'GET /livez': 'public',
      'POST /forgotten': 'undeclared',
      'GET /forgotten/x': 'public',
      'GET /sub/inherited': 'ingest',
    });
  });
});
