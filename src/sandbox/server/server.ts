// The sandbox's HTTP server: one loopback port, requests routed by wire protocol to the service implementations.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { cognitoService } from '../cognito/index.js';
import { emptyCognitoState } from '../cognito/state.js';
import { firstViolation } from '../constraints.js';
import { handleS3 } from '../s3/index.js';
import { emptyS3State } from '../s3/state.js';
import { sageMakerService } from '../sagemaker/index.js';
import { emptySageMakerState } from '../sagemaker/state.js';
import {
  SANDBOX_ACCOUNT,
  ServiceError,
  type HttpRequest,
  type HttpResponse,
  type JsonService,
  type RequestContext,
  type SandboxState,
} from '../service.js';
import { handleSts } from '../sts/index.js';

export interface SandboxOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Loopback only: the sandbox is never reachable from another machine. */
  host?: string;
  state?: SandboxState;
}

export interface Sandbox {
  /** e.g. `http://127.0.0.1:41233`: pass as `endpoint` to SDK clients or as AWS_ENDPOINT_URL. */
  url: string;
  port: number;
  state: SandboxState;
  close(): Promise<void>;
}

export function emptySandboxState(): SandboxState {
  return { cognito: emptyCognitoState(), sagemaker: emptySageMakerState(), s3: emptyS3State(), clockOffsetMs: 0 };
}

const jsonServices: readonly JsonService[] = [sageMakerService, cognitoService];

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const state = options.state ?? emptySandboxState();
  const server = http.createServer((req, res) => {
    void serve(req, state).then(
      (response) => send(res, req.method ?? 'GET', response),
      (error: unknown) => send(res, req.method ?? 'GET', { status: 500, body: String(error) }),
    );
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    state,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

async function serve(req: http.IncomingMessage, state: SandboxState): Promise<HttpResponse> {
  const body = await readBody(req);
  const url = new URL(req.url ?? '/', 'http://sandbox');
  const headers = lowerCaseHeaders(req.headers);
  const ctx: RequestContext = {
    region: regionOf(headers['authorization']),
    account: SANDBOX_ACCOUNT,
    requestId: randomUUID(),
    now: () => new Date(Date.now() + state.clockOffsetMs),
    state,
  };
  const target = headers['x-amz-target'];
  if (target) return serveJson(target, body, ctx);
  if (req.method === 'POST' && url.pathname === '/' && headers['content-type']?.startsWith('application/x-www-form-urlencoded')) {
    return guard(ctx, 'xml', () => handleSts(new URLSearchParams(body.toString('utf8')), ctx));
  }
  const request: HttpRequest = {
    method: req.method ?? 'GET',
    path: decodeURIComponent(url.pathname),
    query: url.searchParams,
    headers,
    body,
  };
  return guard(ctx, 'xml', () => handleS3(request, ctx));
}

async function serveJson(target: string, body: Buffer, ctx: RequestContext): Promise<HttpResponse> {
  return guard(ctx, 'json', async () => {
    const dot = target.lastIndexOf('.');
    const service = jsonServices.find((s) => s.targetPrefix === target.slice(0, dot));
    const name = target.slice(dot + 1);
    const operation = service?.operations[name];
    if (!service || !operation) throw new ServiceError('UnknownOperationException', `Operation ${target} is not served by the sandbox`);
    let input: unknown;
    try {
      input = body.length ? JSON.parse(body.toString('utf8')) : {};
    } catch {
      throw new ServiceError('SerializationException', 'Request body is not valid JSON');
    }
    const shape = service.constraints[name];
    const problem = shape && firstViolation(shape, input);
    if (problem) throw new ServiceError(service.validationErrorCode, problem);
    const output = (await operation(input, ctx)) ?? {};
    return {
      status: 200,
      headers: { 'content-type': 'application/x-amz-json-1.1' },
      body: JSON.stringify(output, epochSeconds),
    };
  });
}

// awsJson1_1 timestamps are epoch seconds; an ISO string makes the SDK fail to deserialize.
function epochSeconds(this: Record<string, unknown>, key: string, value: unknown): unknown {
  const raw = this[key];
  return raw instanceof Date ? raw.getTime() / 1000 : value;
}

async function guard(ctx: RequestContext, protocol: 'json' | 'xml', run: () => HttpResponse | Promise<HttpResponse>): Promise<HttpResponse> {
  let response: HttpResponse;
  try {
    response = await run();
  } catch (error) {
    const e = error instanceof ServiceError ? error : new ServiceError('InternalFailure', String(error), 500);
    response =
      protocol === 'json'
        ? { status: e.status, headers: { 'content-type': 'application/x-amz-json-1.1' }, body: JSON.stringify({ __type: e.code, message: e.message }) }
        : {
            status: e.status,
            headers: { 'content-type': 'application/xml' },
            body: `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${e.code}</Code><Message>${escapeXml(e.message)}</Message><RequestId>${ctx.requestId}</RequestId></Error>`,
          };
  }
  response.headers = { ...response.headers, 'x-amzn-requestid': ctx.requestId, 'x-amz-request-id': ctx.requestId };
  return response;
}

export function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c] ?? c);
}

// SigV4: `Credential=AKID/20250101/us-west-2/sagemaker/aws4_request`; the region is the third scope part.
function regionOf(authorization: string | undefined): string {
  return /Credential=[^/]+\/\d{8}\/([^/]+)\//.exec(authorization ?? '')?.[1] ?? 'us-east-1';
}

function lowerCaseHeaders(headers: http.IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function send(res: http.ServerResponse, method: string, response: HttpResponse): void {
  const body = method === 'HEAD' || response.body === undefined ? undefined : response.body;
  res.writeHead(response.status, {
    ...response.headers,
    'content-length': String(body === undefined ? 0 : Buffer.byteLength(body)),
  });
  res.end(body);
}
