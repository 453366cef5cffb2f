// Bucket CORS: the rules a labeling portal needs to fetch images from the bucket. PutBucketCors replaces the whole
// configuration. The model types AllowedMethod as a plain string; S3 itself takes only the five methods below.
import { ServiceError, type RequestContext } from '../service.js';
import { requireBucket } from './buckets.js';
import type { S3Call, S3Operation } from './call.js';
import type { CorsRule } from './state.js';
import { element, emptyResponse, int, list, text, texts, xmlResponse, type XmlElement } from './xml.js';

const CORS_METHODS = ['GET', 'PUT', 'HEAD', 'POST', 'DELETE'];

function readCors(root: XmlElement) {
  return {
    CORSRules: list(root['CORSRule'])?.map((value) => {
      const rule = element(value);
      return {
        ID: text(rule['ID']),
        AllowedHeaders: texts(rule['AllowedHeader']),
        AllowedMethods: texts(rule['AllowedMethod']),
        AllowedOrigins: texts(rule['AllowedOrigin']),
        ExposeHeaders: texts(rule['ExposeHeader']),
        MaxAgeSeconds: int(rule['MaxAgeSeconds']),
      };
    }),
  };
}

function putBucketCors(call: S3Call, ctx: RequestContext) {
  const bucket = requireBucket(call, ctx);
  const { CORSRules } = call.input['CORSConfiguration'] as { CORSRules: CorsRule[] };
  for (const rule of CORSRules) checkRule(rule);
  // Stored without the members the request left out, so the state file holds no undefined.
  bucket.cors = CORSRules.map((rule) => JSON.parse(JSON.stringify(rule)) as CorsRule);
  return emptyResponse(200);
}

// The messages are S3's own words.
function checkRule(rule: CorsRule): void {
  const method = rule.AllowedMethods.find((m) => !CORS_METHODS.includes(m));
  if (method !== undefined) {
    throw new ServiceError('InvalidRequest', `Found unsupported HTTP method in CORS config. Unsupported method is ${method}`);
  }
  for (const [name, values] of [['AllowedOrigin', rule.AllowedOrigins], ['AllowedHeader', rule.AllowedHeaders ?? []]] as const) {
    const wild = values.find((v) => v.split('*').length > 2);
    if (wild !== undefined) throw new ServiceError('InvalidRequest', `${name} "${wild}" can not have more than one wildcard.`);
  }
}

function getBucketCors(call: S3Call, ctx: RequestContext) {
  const rules = requireBucket(call, ctx).cors;
  if (!rules) throw new ServiceError('NoSuchCORSConfiguration', 'The CORS configuration does not exist', 404);
  return xmlResponse('CORSConfiguration', {
    CORSRule: rules.map((rule) => ({
      ID: rule.ID,
      AllowedHeader: rule.AllowedHeaders,
      AllowedMethod: rule.AllowedMethods,
      AllowedOrigin: rule.AllowedOrigins,
      ExposeHeader: rule.ExposeHeaders,
      MaxAgeSeconds: rule.MaxAgeSeconds,
    })),
  });
}

function deleteBucketCors(call: S3Call, ctx: RequestContext) {
  delete requireBucket(call, ctx).cors;
  return emptyResponse(204);
}

export const corsOperations = {
  PutBucketCors: { inFlight: 'configure', checksumRequired: true, run: putBucketCors, payload: { member: 'CORSConfiguration', root: 'CORSConfiguration', read: readCors } },
  GetBucketCors: { run: getBucketCors },
  DeleteBucketCors: { inFlight: 'configure', run: deleteBucketCors },
} satisfies Record<string, S3Operation>;
