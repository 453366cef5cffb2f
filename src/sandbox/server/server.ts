// The sandbox's HTTP server: one loopback port, requests routed by wire protocol (and, between the two awsQuery
// services, by the SigV4 signing name) to the service implementations.
// Every AWS call passes, in order: fault injection (latency, then a seeded fail/throttle decision), the Cognito quota,
// the constraint table, the operation. Anything refused before the operation leaves the state untouched.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { cognitoService } from '../cognito/index.js';
import { firstViolation } from '../constraints.js';
import { faultError, Faults, type FaultSettings } from '../faults.js';
import { loadState, StateFile } from '../persistence.js';
import { quotaExceeded, Quotas, type QuotaSettings } from '../quotas.js';
import { Realism, type RealismUpdate } from '../realism.js';
import { handleS3, s3OperationName } from '../s3/index.js';
import { externalAccount, externalBackends, type ExternalEndpoints } from '../sagemaker/backends/external.js';
import { localBackends } from '../sagemaker/backends/local.js';
import { sageMakerService } from '../sagemaker/index.js';
import {
  SANDBOX_ACCOUNT,
  ServiceError,
  type AdminRouteSet,
  type AwsServiceName,
  type HttpRequest,
  type HttpResponse,
  type JsonService,
  type RequestContext,
  type SandboxState,
} from '../service.js';
import { handleIam, IAM_NAMESPACE } from '../iam/index.js';
import { handleSns, SNS_NAMESPACE, snsService } from '../sns/index.js';
import { handleSts, STS_NAMESPACE } from '../sts/index.js';
import { ADMIN_PREFIX, serveAdmin } from './admin.js';
import { asServiceError, errorResponse, type Protocol } from './errors.js';
import { credentialScope, lowerCaseHeaders, parseJsonObject, readBody, send, sleep } from './http.js';
import { RequestLog } from './request-log.js';
import { Turns, type InTurn } from './turns.js';
import { emptySandboxState } from './state.js';

export interface SandboxOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Loopback only: the sandbox is never reachable from another machine. */
  host?: string;
  /** The state to start from when `statePath` names no existing file. */
  state?: SandboxState;
  /** `--state FILE`: loaded at start if it exists, saved ~50 ms after each change and on close. */
  statePath?: string;
  faults?: FaultSettings;
  /** Cognito quota throttling: on at AWS's rates unless `enabled: false`; `scale` multiplies every rate. */
  quotas?: Partial<QuotaSettings>;
  /**
   * Real AWS's roughness (design §6.1): on unless `ideal: true`; `seed`, `consistencyMs` and `variants` as
   * `POST /_sandbox/realism` takes them.
   */
  realism?: RealismUpdate;
  /** The awsJson1_1 services served (SageMaker and Cognito unless given); the server's own tests pass stand-ins. */
  services?: readonly JsonService[];
  /**
   * SageMaker over another endpoint's Cognito and/or S3 (design §6.2): the account is then that endpoint's (STS
   * GetCallerIdentity, the Cognito endpoint's if both are given).
   */
  external?: ExternalEndpoints;
}

export interface Sandbox {
  /** The realism settings in force (the same object `/_sandbox/realism` reads and changes). */
  realism: Realism;
  /** The account every ARN names: `000000000000`, or the external endpoint's. */
  account: string;
  /** e.g. `http://127.0.0.1:41233`: pass as `endpoint` to SDK clients or as AWS_ENDPOINT_URL. */
  url: string;
  port: number;
  state: SandboxState;
  /** Stops listening and, with `statePath`, saves the state (throws if it cannot). */
  close(): Promise<void>;
}

/** One AWS call, identified before anything runs, so faults and quotas can be decided by operation. */
interface Call {
  /** `unknown`: an X-Amz-Target naming no service the sandbox serves. */
  service: AwsServiceName | 'unknown';
  operation: string;
  protocol: Protocol;
  run(ctx: RequestContext): HttpResponse | Promise<HttpResponse>;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const state = (options.statePath !== undefined ? loadState(options.statePath) : undefined) ?? options.state ?? emptySandboxState();
  const services = options.services ?? [sageMakerService, cognitoService];
  const log = new RequestLog();
  const faults = new Faults(options.faults);
  const quotas = new Quotas(options.quotas);
  const realism = new Realism(options.realism);
  const stateFile = options.statePath !== undefined ? new StateFile(options.statePath, () => state) : undefined;
  const now = () => new Date(Date.now() + state.clockOffsetMs);
  const local = localBackends(state, now, realism);
  const externalEndpoint = options.external?.cognitoEndpoint ?? options.external?.s3Endpoint;
  const account = externalEndpoint ? await externalAccount(externalEndpoint) : SANDBOX_ACCOUNT;
  const external = options.external && (await externalBackends(options.external, local));
  const backends = external?.backends ?? local;
  const context = (region: string): RequestContext => ({ region, account, requestId: randomUUID(), now, state, realism, backends });
  const turns = new Map<AdminRouteSet, Turns>(services.filter((s) => s.oneAtATime).map((s) => [s, new Turns()]));
  const inTurn = <T>(service: AdminRouteSet, work: () => T | Promise<T>): Promise<T> => turns.get(service)?.run(work) ?? Promise.resolve().then(work);
  const adminHost = { state, log, faults, quotas, realism, services: [...services, snsService], context, inTurn, stateChanged: () => stateFile?.schedule() };

  async function serve(req: http.IncomingMessage): Promise<HttpResponse> {
    const method = req.method ?? 'GET';
    const body = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://sandbox');
    if (url.pathname.startsWith(ADMIN_PREFIX)) return serveAdmin(method, url, body, adminHost);
    const headers = lowerCaseHeaders(req.headers);
    const scope = credentialScope(headers, url.searchParams);
    const ctx = context(scope?.region ?? 'us-east-1');
    // Keys may hold `.` and `..` segments, which URL parsing would collapse: S3 paths come from the raw target.
    const rawPath = (req.url ?? '/').split('?')[0] ?? '/';
    const call = identify(method, url, rawPath, headers, body, services, inTurn, scope?.service);
    let reachedOperation = false;
    let response: HttpResponse;
    let errorCode: string | undefined;
    try {
      if (call.service !== 'unknown') {
        const fault = faults.decide(call.service, call.operation);
        if (fault.latencyMs > 0) await sleep(fault.latencyMs);
        if (fault.outcome !== 'none') throw faultError(call.service, fault.outcome);
        if (call.service === 'cognito-idp' && !quotas.take(ctx.region, call.operation)) throw quotaExceeded();
        // SageMaker publishes no rates but throttles bursts (aws-evidence E9): played only when realistic.
        if (call.service === 'sagemaker' && realism.on && !quotas.takeSageMaker(ctx.region)) throw faultError('sagemaker', 'throttle');
      }
      reachedOperation = true;
      response = await call.run(ctx);
    } catch (error) {
      const e = asServiceError(error, call.protocol);
      errorCode = e.code;
      response = errorResponse(call.protocol, e, ctx.requestId);
    }
    response.headers = { ...response.headers, 'x-amzn-requestid': ctx.requestId, 'x-amz-request-id': ctx.requestId };
    log.record({
      time: ctx.now().toISOString(),
      service: call.service,
      operation: call.operation,
      status: response.status,
      ...(errorCode !== undefined && { error: errorCode }),
    });
    // Reads may also settle time-based transitions into the state, so any call that ran may have changed it;
    // the writer skips writes that would not change the file.
    if (reachedOperation) stateFile?.schedule();
    return response;
  }

  const server = http.createServer((req, res) => {
    // AWS's `Date` header tells clients the server's time; here it is the simulated clock, so that a client deciding
    // by AWS's time (gtctl: has a temporary password expired?) sees `/_sandbox/clock` moves.
    res.setHeader('date', new Date(Date.now() + state.clockOffsetMs).toUTCString());
    void serve(req).then(
      (response) => send(res, req.method ?? 'GET', response),
      (error: unknown) => send(res, req.method ?? 'GET', { status: 500, body: String(error) }),
    );
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { address, port } = server.address() as AddressInfo;
  return {
    url: `http://${address.includes(':') ? `[${address}]` : address}:${port}`,
    port,
    state,
    realism,
    account,
    close: async () => {
      await new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      });
      await stateFile?.flush();
      external?.close();
    },
  };
}

function identify(
  method: string,
  url: URL,
  rawPath: string,
  headers: Readonly<Record<string, string>>,
  body: Buffer,
  services: readonly JsonService[],
  inTurn: InTurn,
  signingName: string | undefined,
): Call {
  const target = headers['x-amz-target'];
  if (target) return jsonCall(target, body, services, inTurn);
  if (method === 'POST' && url.pathname === '/' && headers['content-type']?.startsWith('application/x-www-form-urlencoded')) {
    const form = new URLSearchParams(body.toString('utf8'));
    const operation = form.get('Action') ?? '';
    // The awsQuery services post the same kind of form to `/`; only the signature says which one was meant (the SDK
    // signs SNS calls for `sns`, IAM calls for `iam`). Unsigned forms stay STS's, as before SNS was served.
    if (signingName === 'sns') return { service: 'sns', operation, protocol: { query: SNS_NAMESPACE }, run: (ctx) => handleSns(form, ctx) };
    if (signingName === 'iam') return { service: 'iam', operation, protocol: { query: IAM_NAMESPACE }, run: (ctx) => handleIam(form, ctx) };
    return { service: 'sts', operation, protocol: { query: STS_NAMESPACE }, run: (ctx) => handleSts(form, ctx) };
  }
  let path: string;
  try {
    path = decodeURIComponent(rawPath);
  } catch {
    return {
      service: 's3',
      operation: `${method} ${url.pathname}`,
      protocol: 'xml',
      run: () => {
        throw new ServiceError('InvalidURI', "Couldn't parse the specified URI.");
      },
    };
  }
  const request: HttpRequest = { method, path, query: url.searchParams, headers, body };
  return { service: 's3', operation: s3OperationName(request), protocol: 'xml', run: (ctx) => handleS3(request, ctx) };
}

// The request log and fault rules name services by their SigV4 signing names.
const SIGNING_NAME_OF_TARGET: Readonly<Record<string, AwsServiceName>> = {
  SageMaker: 'sagemaker',
  AWSCognitoIdentityProviderService: 'cognito-idp',
};

function jsonCall(target: string, body: Buffer, services: readonly JsonService[], inTurn: InTurn): Call {
  const dot = target.lastIndexOf('.');
  const service = services.find((s) => s.targetPrefix === target.slice(0, dot));
  const signingName = service && SIGNING_NAME_OF_TARGET[service.targetPrefix];
  const name = target.slice(dot + 1);
  if (!service || !signingName) {
    return {
      service: 'unknown',
      operation: target,
      protocol: 'json',
      run: () => {
        throw new ServiceError('UnknownOperationException', `Operation ${target} is not served by the sandbox`);
      },
    };
  }
  return {
    service: signingName,
    operation: name,
    protocol: 'json',
    run: async (ctx) => {
      const operation = service.operations[name];
      if (!operation) throw new ServiceError('UnknownOperationException', `Operation ${target} is not served by the sandbox`);
      const input = parseJsonObject(body);
      const shape = service.constraints[name];
      const problem = shape && firstViolation(shape, input);
      if (problem) throw new ServiceError(service.validationErrorCode, problem);
      const output = (await inTurn(service, () => operation(input, ctx))) ?? {};
      return {
        status: 200,
        headers: { 'content-type': 'application/x-amz-json-1.1' },
        body: JSON.stringify(output, epochSeconds),
      };
    },
  };
}

// awsJson1_1 timestamps are epoch seconds; an ISO string makes the SDK fail to deserialize.
function epochSeconds(this: Record<string, unknown>, key: string, value: unknown): unknown {
  const raw = this[key];
  return raw instanceof Date ? raw.getTime() / 1000 : value;
}
