import type { IncomingMessage } from 'node:http';

const MAX_TEMPLATE_LENGTH = 200;

type RoutedRequest = IncomingMessage & { baseUrl?: unknown; route?: unknown };

function templateOf(baseUrl: unknown, route: unknown): string | undefined {
  const path = (route as { path?: unknown } | undefined)?.path;
  if (path === undefined || path === null) return undefined;
  const base = typeof baseUrl === 'string' ? baseUrl : '';
  // A route path is a string or a RegExp (an array of them above): both stringify as written.
  // eslint-disable-next-line @typescript-eslint/no-base-to-string
  const own = Array.isArray(path) ? path.map(String).join('|') : String(path);
  const template = base !== '' && own === '/' ? base : `${base}${own}`;
  return template.slice(0, MAX_TEMPLATE_LENGTH);
}

/**
 * Watches `req.route` and returns a reader of the route template that matched (`/users/:id`,
 * mount path included), or `undefined` when no route matched.
 *
 * Express assigns `req.route` when it enters a route, while `req.baseUrl` still holds the mount
 * path; by the time the response finishes an error may have unwound the routers and reset
 * `baseUrl`, so the template is taken at assignment.
 */
export function watchRouteTemplate(req: IncomingMessage): () => string | undefined {
  const request = req as RoutedRequest;
  let route: unknown = request.route;
  let template = templateOf(request.baseUrl, route);
  try {
    Object.defineProperty(request, 'route', {
      configurable: true,
      enumerable: true,
      get: () => route,
      set(value: unknown) {
        route = value;
        template = templateOf(request.baseUrl, value) ?? template;
      },
    });
  } catch {
    // A frozen or exotic request: fall back to reading the route when the response ends.
    return () => templateOf(request.baseUrl, request.route);
  }
  return () => template;
}
