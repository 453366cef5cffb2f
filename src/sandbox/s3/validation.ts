// From an HTTP request to the model-shaped input the constraint table speaks of, and from a violation to the error S3
// answers with. S3 does not phrase validation errors as the JSON services do: a bad XML payload is `MalformedXML`,
// a bad header or query value `InvalidArgument`, and a few members have codes of their own.
import { firstViolation, type Shape } from '../constraints.js';
import { ServiceError } from '../service.js';
import type { S3Operation } from './call.js';
import { servedConstraints } from './constraints.js';
import type { S3OperationName, S3Target } from './router.js';
import { malformedXml, readXml } from './xml.js';

type Binding = { header: string; list?: true } | { query: string; integer?: true };

// Where each constrained header or query member travels (the model's httpHeader / httpQuery traits).
// Bucket and Key come from the path; each operation's XML payload is read by the operation's own reader.
const BINDINGS: Readonly<Record<string, Binding>> = {
  ACL: { header: 'x-amz-acl' },
  ObjectOwnership: { header: 'x-amz-object-ownership' },
  RequestPayer: { header: 'x-amz-request-payer' },
  ChecksumAlgorithm: { header: 'x-amz-sdk-checksum-algorithm' },
  ChecksumMode: { header: 'x-amz-checksum-mode' },
  ServerSideEncryption: { header: 'x-amz-server-side-encryption' },
  StorageClass: { header: 'x-amz-storage-class' },
  ObjectLockMode: { header: 'x-amz-object-lock-mode' },
  ObjectLockLegalHoldStatus: { header: 'x-amz-object-lock-legal-hold' },
  OptionalObjectAttributes: { header: 'x-amz-optional-object-attributes', list: true },
  EncodingType: { query: 'encoding-type' },
  MaxBuckets: { query: 'max-buckets', integer: true },
};

// Members whose bad values S3 reports under their own code or words, checked before the generic pass.
const OWN_ERRORS: ReadonlyArray<{ path: readonly string[]; code: string; message: string }> = [
  { path: ['CreateBucketConfiguration', 'LocationConstraint'], code: 'InvalidLocationConstraint', message: 'The specified location-constraint is not valid' },
  { path: ['StorageClass'], code: 'InvalidStorageClass', message: 'The storage class you specified is not valid' },
  { path: ['ServerSideEncryption'], code: 'InvalidArgument', message: 'The encryption method specified is not supported' },
  { path: ['EncodingType'], code: 'InvalidArgument', message: 'Invalid Encoding Method specified in Request' },
];

export interface RawRequest {
  target: S3Target;
  query: URLSearchParams;
  headers: Readonly<Record<string, string>>;
  body: Buffer;
}

/** The request's constrained members in the model's names; the payload read into the model's shape. */
export function inputOf(name: S3OperationName, operation: S3Operation, request: RawRequest): Record<string, unknown> {
  const shape = servedConstraints[name];
  const input: Record<string, unknown> = {};
  if (request.target.bucket !== '') input['Bucket'] = request.target.bucket;
  if (request.target.key !== '') input['Key'] = request.target.key;
  for (const member of Object.keys(shape.members)) {
    const binding = BINDINGS[member];
    if (binding === undefined) continue;
    const raw = 'header' in binding ? request.headers[binding.header] : (request.query.get(binding.query) ?? undefined);
    if (raw !== undefined) input[member] = parseBound(binding, raw);
  }
  const payload = operation.payload;
  if (payload !== undefined) {
    if (request.body.length > 0) input[payload.member] = payload.read(readXml(request.body, payload.root));
    else if (shape.required?.includes(payload.member)) throw new ServiceError('MissingRequestBodyError', 'Request Body is empty');
  }
  return input;
}

function parseBound(binding: Binding, raw: string): unknown {
  if ('header' in binding) return binding.list ? raw.split(',').map((v) => v.trim()) : raw;
  if (!binding.integer) return raw;
  if (!/^-?\d+$/.test(raw.trim())) throw new ServiceError('InvalidArgument', `Provided ${binding.query} not an integer or within integer range`);
  return Number(raw);
}

/**
 * Throws the S3 error for the first constraint the input breaks. Required members need no check here: the router
 * only selects an operation when its path has the bucket (and key), and `inputOf` refuses a missing payload.
 */
export function checkInput(name: S3OperationName, input: Readonly<Record<string, unknown>>): void {
  const shape = servedConstraints[name];
  for (const own of OWN_ERRORS) {
    const memberShape = shapeAt(shape, own.path);
    if (memberShape && firstViolation(memberShape, valueAt(input, own.path)) !== undefined) throw new ServiceError(own.code, own.message);
  }
  for (const [member, memberShape] of Object.entries(shape.members)) {
    if (firstViolation(memberShape, input[member], member) === undefined) continue;
    const binding = BINDINGS[member];
    if (binding === undefined) throw malformedXml();
    const where = 'header' in binding ? `header ${binding.header}` : `query parameter ${binding.query}`;
    throw new ServiceError('InvalidArgument', `The value '${String(input[member])}' of the ${where} is not valid`);
  }
}

function shapeAt(shape: Shape, path: readonly string[]): Shape | undefined {
  let at: Shape | undefined = shape;
  for (const name of path) at = at?.type === 'structure' ? at.members[name] : undefined;
  return at;
}

function valueAt(input: unknown, path: readonly string[]): unknown {
  let at = input;
  for (const name of path) at = typeof at === 'object' && at !== null ? (at as Record<string, unknown>)[name] : undefined;
  return at;
}
