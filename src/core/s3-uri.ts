// The `s3://bucket/key` URIs specs and plans carry, and the `bucket/key` form of object addresses.

/** Bucket and key (or prefix) of `s3://bucket/key`; undefined for anything else (an `https://` manifest URI). */
export function s3Location(uri: string): { bucket: string; key: string } | undefined {
  const match = /^s3:\/\/([^/]+)\/?(.*)$/.exec(uri);
  return match ? { bucket: match[1]!, key: match[2]! } : undefined;
}

/** For URIs the schemas already require to be `s3://` (job input and output): anything else is a bug. */
export function parseS3Uri(uri: string): { bucket: string; key: string } {
  const location = s3Location(uri);
  if (!location) throw new Error(`not an s3:// URI: ${uri}`);
  return location;
}

/** Bucket and key of `bucket/key` (ReadTargets.objects, ObjectChange addresses). */
export function splitObjectPath(path: string): { bucket: string; key: string } {
  const slash = path.indexOf('/');
  return slash < 0 ? { bucket: path, key: '' } : { bucket: path.slice(0, slash), key: path.slice(slash + 1) };
}
