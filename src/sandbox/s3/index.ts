// S3 over REST-XML, path style. A request goes: select the operation (router) -> undo aws-chunked framing -> verify
// the body against its digests -> read the XML payload and the constrained headers into the model's shape -> check
// the constraint table -> run the operation (CreateBucket and configuration writes through `in-flight.ts`, which
// plays their processing time and conflicts). See BEHAVIOUR.md for what each operation does and what is not modelled.
import { errorResponse } from '../server/errors.js';
import { ServiceError, type HttpRequest, type HttpResponse, type RequestContext } from '../service.js';
import { bucketConfigOperations } from './bucket-config.js';
import { bucketOperations } from './buckets.js';
import { ErrorWithHeaders, type S3Operation } from './call.js';
import { verifyBody } from './checksums.js';
import { decodeAwsChunked, isAwsChunked } from './chunked.js';
import { corsOperations } from './cors.js';
import { runInFlight } from './in-flight.js';
import { listOperations } from './list.js';
import { listVersionsOperations } from './list-versions.js';
import { objectOperations } from './object-operations.js';
import { s3OperationName, targetOf, UNSUPPORTED, type S3OperationName } from './router.js';
import { taggingOperations } from './tagging.js';
import { checkInput, inputOf } from './validation.js';

export { s3Constraints } from './constraints.js';
export { s3OperationName } from './router.js';

const OPERATIONS: Readonly<Record<S3OperationName, S3Operation>> = {
  ...bucketOperations,
  ...bucketConfigOperations,
  ...corsOperations,
  ...taggingOperations,
  ...listOperations,
  ...listVersionsOperations,
  ...objectOperations,
};

/** S3 REST-XML, path style: `/<bucket>[/<key>]` plus query flags select the operation. */
export async function handleS3(request: HttpRequest, ctx: RequestContext): Promise<HttpResponse> {
  const name = s3OperationName(request);
  if (name === UNSUPPORTED) {
    const flags = [...request.query.keys()].filter((k) => k !== 'x-id').join('&');
    throw new ServiceError('NotImplemented', `The sandbox does not serve ${request.method} ${request.path}${flags ? `?${flags}` : ''}`, 501);
  }
  try {
    return await run(name, request, ctx);
  } catch (error) {
    if (!(error instanceof ServiceError)) throw error;
    // A HEAD answer has no body, so the SDK can only call a 404 NotFound; the request log says the same.
    const answered = request.method === 'HEAD' && error.status === 404 ? new ServiceError('NotFound', error.message, 404) : error;
    if (error instanceof ErrorWithHeaders) {
      const response = errorResponse('xml', answered, ctx.requestId);
      return { ...response, headers: { ...response.headers, ...error.headers } };
    }
    throw answered;
  }
}

function run(name: S3OperationName, request: HttpRequest, ctx: RequestContext): HttpResponse | Promise<HttpResponse> {
  const operation = OPERATIONS[name];
  const target = targetOf(request.path);
  let { headers, body } = request;
  if (isAwsChunked(headers)) {
    const unchunked = decodeAwsChunked(body, headers['x-amz-decoded-content-length']);
    body = unchunked.body;
    headers = { ...headers, ...unchunked.trailers };
  }
  const checksum = verifyBody(headers, body);
  if (operation.checksumRequired && headers['content-md5'] === undefined && checksum === undefined) {
    throw new ServiceError('InvalidRequest', 'Missing required header for this request: Content-MD5');
  }
  const input = inputOf(name, operation, { target, query: request.query, headers, body });
  checkInput(name, input);
  const call = { ...target, query: request.query, headers, body, input, signedRegion: signedRegion(request, ctx), checksum };
  return operation.inFlight ? runInFlight(operation.inFlight, operation.run, call, ctx) : operation.run(call, ctx);
}

// The context's region falls back to us-east-1 for unsigned requests; those have no endpoint region to check.
function signedRegion(request: HttpRequest, ctx: RequestContext): string | undefined {
  const signed = request.headers['authorization'] !== undefined || request.query.has('X-Amz-Credential');
  return signed ? ctx.region : undefined;
}
