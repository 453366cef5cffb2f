// Operation selection as the request log and fault injection see it, before anything runs.
import { describe, expect, it } from 'vitest';
import type { HttpRequest } from '../service.js';
import { s3OperationName, targetOf } from './router.js';

function request(method: string, url: string, headers: Record<string, string> = {}): HttpRequest {
  const parsed = new URL(url, 'http://sandbox');
  return { method, path: decodeURIComponent(parsed.pathname), query: parsed.searchParams, headers, body: Buffer.alloc(0) };
}

describe('s3OperationName', () => {
  it.each([
    ['GET', '/?x-id=ListBuckets', 'ListBuckets'],
    ['PUT', '/b', 'CreateBucket'],
    ['PUT', '/b/', 'CreateBucket'],
    ['HEAD', '/b', 'HeadBucket'],
    ['DELETE', '/b', 'DeleteBucket'],
    ['GET', '/b/?location=', 'GetBucketLocation'],
    ['GET', '/b?list-type=2&prefix=in%2F&max-keys=2', 'ListObjectsV2'],
    ['GET', '/b?versions&key-marker=k&max-keys=1', 'ListObjectVersions'],
    ['PUT', '/b/?cors=', 'PutBucketCors'],
    ['GET', '/b/?cors', 'GetBucketCors'],
    ['DELETE', '/b/?cors', 'DeleteBucketCors'],
    ['PUT', '/b?encryption', 'PutBucketEncryption'],
    ['GET', '/b?encryption', 'GetBucketEncryption'],
    ['DELETE', '/b?encryption', 'DeleteBucketEncryption'],
    ['PUT', '/b?publicAccessBlock', 'PutPublicAccessBlock'],
    ['GET', '/b?publicAccessBlock', 'GetPublicAccessBlock'],
    ['DELETE', '/b?publicAccessBlock', 'DeletePublicAccessBlock'],
    ['PUT', '/b?ownershipControls', 'PutBucketOwnershipControls'],
    ['GET', '/b?ownershipControls', 'GetBucketOwnershipControls'],
    ['PUT', '/b?tagging', 'PutBucketTagging'],
    ['GET', '/b?tagging', 'GetBucketTagging'],
    ['DELETE', '/b?tagging', 'DeleteBucketTagging'],
    ['PUT', '/b?versioning', 'PutBucketVersioning'],
    ['GET', '/b?versioning', 'GetBucketVersioning'],
    ['POST', '/b/?delete=', 'DeleteObjects'],
    ['PUT', '/b/in/1.txt?x-id=PutObject', 'PutObject'],
    ['GET', '/b/in/1.txt?x-id=GetObject&response-content-type=text%2Fplain', 'GetObject'],
    ['HEAD', '/b/in/1.txt', 'HeadObject'],
    ['DELETE', '/b/in/1.txt?x-id=DeleteObject&versionId=v1', 'DeleteObject'],
  ])('%s %s is %s', (method, url, name) => {
    expect(s3OperationName(request(method, url))).toBe(name);
  });

  it.each([
    ['GET', '/b', 'ListObjects (version 1)'],
    ['PUT', '/b?policy', 'PutBucketPolicy'],
    ['PUT', '/b?acl', 'PutBucketAcl'],
    ['POST', '/b/k?uploads', 'CreateMultipartUpload'],
    ['PUT', '/b/k?partNumber=1&uploadId=u', 'UploadPart'],
    ['GET', '/b/k?tagging', 'GetObjectTagging'],
    ['DELETE', '/', 'a DELETE of the service'],
    ['PATCH', '/b/k', 'an unknown method'],
  ])('%s %s (%s) is Unsupported', (method, url) => {
    expect(s3OperationName(request(method, url))).toBe('Unsupported');
  });

  it('calls a PUT with a copy source CopyObject, which is Unsupported', () => {
    expect(s3OperationName(request('PUT', '/b/k', { 'x-amz-copy-source': '/a/k' }))).toBe('Unsupported');
  });
});

describe('targetOf', () => {
  it('splits the bucket from a key that may hold slashes of its own', () => {
    expect(targetOf('/b/a//c/')).toEqual({ bucket: 'b', key: 'a//c/' });
    expect(targetOf('/b')).toEqual({ bucket: 'b', key: '' });
    expect(targetOf('/')).toEqual({ bucket: '', key: '' });
  });
});
