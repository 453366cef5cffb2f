// Sandbox-only routes under /_sandbox/: the request log, fault rules, quota settings, realism (design §6.1), the clock, the whole state, and
// each JSON service's own routes (`POST /_sandbox/<routePrefix>/<name>`). JSON in, JSON out; errors as
// `{ "__type": code, "message": ... }`. These requests are not AWS calls: they are not logged, faulted or throttled.
import { parseFaultSettings, type Faults } from '../faults.js';
import type { Quotas } from '../quotas.js';
import { parseRealismUpdate, type Realism } from '../realism.js';
import { ServiceError, type AdminRouteSet, type HttpResponse, type RequestContext, type SandboxState } from '../service.js';
import { asServiceError } from './errors.js';
import { jsonResponse, parseJsonObject } from './http.js';
import type { RequestLog } from './request-log.js';
import { emptySandboxState } from './state.js';
import type { InTurn } from './turns.js';

export const ADMIN_PREFIX = '/_sandbox/';

export interface AdminHost {
  state: SandboxState;
  log: RequestLog;
  faults: Faults;
  quotas: Quotas;
  realism: Realism;
  /** The services with sandbox-only routes: the awsJson1_1 services and SNS. */
  services: readonly AdminRouteSet[];
  /** A context for service routes; `region` comes from the `?region=` query parameter. */
  context(region: string): RequestContext;
  inTurn: InTurn;
  /** Called after a route that may have changed the state, so `--state` saves it. */
  stateChanged(): void;
}

export async function serveAdmin(method: string, url: URL, body: Buffer, host: AdminHost): Promise<HttpResponse> {
  try {
    return jsonResponse(200, await route(method, url, body, host));
  } catch (error) {
    const e = asServiceError(error);
    return jsonResponse(e.status, { __type: e.code, message: e.message });
  }
}

async function route(method: string, url: URL, body: Buffer, host: AdminHost): Promise<unknown> {
  const path = url.pathname.slice(ADMIN_PREFIX.length);
  const only = (...allowed: string[]) => {
    if (!allowed.includes(method)) throw new ServiceError('MethodNotAllowed', `${method} /_sandbox/${path}: use ${allowed.join(' or ')}`, 405);
  };
  switch (path) {
    case 'requests':
      only('GET', 'DELETE');
      return method === 'GET' ? host.log.entries() : { cleared: host.log.clear() };
    case 'faults':
      only('GET', 'POST', 'DELETE');
      if (method === 'POST') host.faults.set(parseFaultSettings(parseJsonObject(body)));
      if (method === 'DELETE') host.faults.set({ rules: [] });
      return host.faults.get();
    case 'quotas':
      only('GET', 'POST');
      if (method === 'POST') host.quotas.update(quotaSettings(parseJsonObject(body)));
      return host.quotas.get();
    case 'realism':
      only('GET', 'POST');
      if (method === 'POST') host.realism.update(parseRealismUpdate(parseJsonObject(body)));
      return host.realism.view();
    case 'clock': {
      only('GET', 'POST');
      if (method === 'POST') {
        const advanceMs = (parseJsonObject(body) as { advanceMs?: unknown }).advanceMs;
        if (typeof advanceMs !== 'number' || !Number.isFinite(advanceMs) || advanceMs < 0)
          throw new ServiceError('ValidationException', 'Expected { advanceMs: number of milliseconds >= 0 }');
        host.state.clockOffsetMs += advanceMs;
        host.stateChanged();
      }
      return { clockOffsetMs: host.state.clockOffsetMs, now: new Date(Date.now() + host.state.clockOffsetMs).toISOString() };
    }
    case 'state':
      only('GET');
      return host.state;
    case 'reset':
      only('POST');
      // In place: the Sandbox object and in-flight requests hold this very state object.
      Object.assign(host.state, emptySandboxState());
      host.stateChanged();
      return {};
  }
  const [prefix, name, ...rest] = path.split('/');
  const service = host.services.find((s) => s.routePrefix === prefix);
  const serviceRoute = name !== undefined && rest.length === 0 ? service?.adminRoutes?.[name] : undefined;
  if (!serviceRoute) throw new ServiceError('NotFound', `No sandbox route /_sandbox/${path}`, 404);
  only('POST');
  try {
    const ctx = host.context(url.searchParams.get('region') ?? 'us-east-1');
    return (await host.inTurn(service!, () => serviceRoute(parseJsonObject(body), ctx))) ?? {};
  } finally {
    host.stateChanged();
  }
}


function quotaSettings(body: Record<string, unknown>): { enabled?: boolean; scale?: number } {
  const { enabled, scale } = body;
  if (enabled !== undefined && typeof enabled !== 'boolean') throw new ServiceError('ValidationException', 'enabled must be a boolean');
  if (scale !== undefined && typeof scale !== 'number') throw new ServiceError('ValidationException', 'scale must be a positive number');
  return { ...(enabled !== undefined && { enabled }), ...(scale !== undefined && { scale }) };
}
