import { type INestApplication, Module, RequestMethod } from '@nestjs/common';
import { INTERCEPTORS_METADATA, METHOD_METADATA } from '@nestjs/common/constants.js';
import { DiscoveryModule, DiscoveryService, MetadataScanner } from '@nestjs/core';
import { IdempotencyInterceptor } from './idempotency.interceptor.js';

const WRITE_ROUTES = new Set([
  RequestMethod.POST,
  RequestMethod.PUT,
  RequestMethod.PATCH,
  RequestMethod.DELETE,
]);

@Module({
  imports: [DiscoveryModule],
  providers: [IdempotencyInterceptor],
})
export class IdempotencyModule {}

/**
 * Puts the idempotency interceptor first on every write route (POST, PUT, PATCH, DELETE) of the app's
 * controllers, where a global interceptor would run. It is not a global interceptor because Nest runs
 * every request of a route that has any interceptor through an rxjs chain, which cost the GET requests
 * that the interceptor only passes on about a tenth of their CPU (docs/DECISIONS.md, "HTTP adapter:
 * Fastify"). Call before `init()`: a route takes its interceptors when it is registered.
 */
export function useIdempotencyKeys(app: INestApplication): void {
  const interceptor = app.get(IdempotencyInterceptor);
  const scanner = new MetadataScanner();
  for (const { metatype } of app.get(DiscoveryService).getControllers()) {
    const prototype = (metatype as { prototype?: object } | undefined)?.prototype;
    if (!prototype) continue;
    for (const name of scanner.getAllMethodNames(prototype)) {
      const handler = (prototype as Record<string, unknown>)[name] as object;
      if (!WRITE_ROUTES.has(Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod)) continue;
      // Class metadata outlives an app: another app of the same process (tests) replaces its instance.
      const others = (
        (Reflect.getMetadata(INTERCEPTORS_METADATA, handler) as unknown[] | undefined) ?? []
      ).filter((existing) => !(existing instanceof IdempotencyInterceptor));
      Reflect.defineMetadata(INTERCEPTORS_METADATA, [interceptor, ...others], handler);
    }
  }
}
