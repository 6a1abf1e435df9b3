import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import type { Reflector } from '@nestjs/core';
import type { AccessRule } from '@datashare/access';
import { ACCESS_RULE } from './access-rule.decorators';

export interface RouteAccess {
  /** `GET /api/v1/growth` */
  route: string;
  rule: AccessRule;
}

/** Every route of these controllers with the rule it declares (or 'undeclared'). */
export function routeAccess(controllers: readonly object[], reflector: Reflector): RouteAccess[] {
  return controllers.flatMap((controller) => {
    const base = pathsOf(Reflect.getMetadata(PATH_METADATA, controller));
    const prototype = (controller as { prototype: Record<string, unknown> }).prototype;
    return methodNames(prototype).flatMap((name) => {
      const handler = prototype[name];
      if (typeof handler !== 'function') return [];
      const paths = Reflect.getMetadata(PATH_METADATA, handler) as unknown;
      if (paths === undefined) return [];
      const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number];
      const rule = reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_RULE, [
        handler as () => unknown,
        controller as new () => unknown,
      ]) ?? { kind: 'undeclared' };
      return base.flatMap((prefix) =>
        pathsOf(paths).map((suffix) => ({ route: `${method} ${join(prefix, suffix)}`, rule })),
      );
    });
  });
}

/** `{ route: 'public' | role | 'undeclared' }`, for the start-up log line. */
export function describeRouteAccess(routes: readonly RouteAccess[]): Record<string, string> {
  return Object.fromEntries(
    routes.map(({ route, rule }) => [route, rule.kind === 'role' ? rule.role : rule.kind]),
  );
}

function methodNames(prototype: object): string[] {
  const names = new Set<string>();
  // Inherited handlers count too (a controller may extend a class that declares the routes).
  let p: object | null = prototype;
  while (p !== null && p !== Object.prototype) {
    for (const name of Object.getOwnPropertyNames(p)) if (name !== 'constructor') names.add(name);
    p = Object.getPrototypeOf(p) as object | null;
  }
  return [...names];
}

function pathsOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  return [typeof value === 'string' ? value : ''];
}

function join(prefix: string, suffix: string): string {
  const path = [prefix, suffix]
    .map((part) => part.replace(/^\/+|\/+$/g, ''))
    .filter((part) => part !== '')
    .join('/');
  return `/${path}`;
}
