// HTTP plumbing shared by every route: reading bodies, headers, the SigV4 region, writing answers.
import type http from 'node:http';
import { ServiceError, type HttpResponse } from '../service.js';

export function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export function lowerCaseHeaders(headers: http.IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

/**
 * The SigV4 credential scope `AKID/20250101/us-west-2/sagemaker/aws4_request`, from the `authorization` header or,
 * for presigned URLs, the `X-Amz-Credential` query parameter.
 */
export function credentialScope(
  headers: Readonly<Record<string, string>>,
  query: URLSearchParams,
): { region: string; service: string } | undefined {
  const credential = /Credential=([^,\s]+)/.exec(headers['authorization'] ?? '')?.[1] ?? query.get('X-Amz-Credential') ?? '';
  const match = /^[^/]+\/\d{8}\/([^/]+)\/([^/]+)\//.exec(credential);
  return match ? { region: match[1]!, service: match[2]! } : undefined;
}

export function send(res: http.ServerResponse, method: string, response: HttpResponse): void {
  const headers = { ...response.headers };
  const declared = Object.keys(headers).find((name) => name.toLowerCase() === 'content-length');
  // HEAD answers carry the length of the body a GET would return (HeadObject); every other answer its own body's.
  const length = method === 'HEAD' && declared !== undefined ? headers[declared]! : String(response.body === undefined ? 0 : Buffer.byteLength(response.body));
  if (declared !== undefined) delete headers[declared];
  res.writeHead(response.status, { ...headers, 'content-length': length });
  res.end(method === 'HEAD' ? undefined : response.body);
}

export function jsonResponse(status: number, value: unknown): HttpResponse {
  return { status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(value) };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A request body that must be a JSON object (awsJson1_1 inputs, admin routes). */
export function parseJsonObject(body: Buffer): Record<string, unknown> {
  let value: unknown;
  try {
    value = body.length ? JSON.parse(body.toString('utf8')) : {};
  } catch {
    throw new ServiceError('SerializationException', 'Request body is not valid JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new ServiceError('SerializationException', 'Request body must be a JSON object');
  return value as Record<string, unknown>;
}
