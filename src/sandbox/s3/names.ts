// Naming rules S3 enforces beyond the model (which types Bucket and Key as plain strings):
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html and the object key size limit.

const RESERVED_PREFIXES = ['xn--', 'sthree-', 'amzn-s3-demo-'];
// `--table-s3` (S3 Tables, December 2024) is from memory, not the reference: UNCONFIRMED.
const RESERVED_SUFFIXES = ['-s3alias', '--ol-s3', '.mrap', '--x-s3', '--table-s3'];

/** Why a general purpose bucket cannot have this name, or undefined when it can. */
export function bucketNameProblem(name: string): string | undefined {
  if (name.length < 3 || name.length > 63) return 'must be 3 to 63 characters long';
  if (!/^[a-z0-9.-]+$/.test(name)) return 'may hold only lower-case letters, digits, dots and hyphens';
  if (!/^[a-z0-9]/.test(name) || !/[a-z0-9]$/.test(name)) return 'must begin and end with a letter or digit';
  if (name.includes('..')) return 'must not hold two adjacent dots';
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(name)) return 'must not be formatted as an IP address';
  const prefix = RESERVED_PREFIXES.find((p) => name.startsWith(p));
  if (prefix) return `must not begin with the reserved prefix ${prefix}`;
  const suffix = RESERVED_SUFFIXES.find((s) => name.endsWith(s));
  if (suffix) return `must not end with the reserved suffix ${suffix}`;
  return undefined;
}

/** Object keys are at most 1024 bytes of UTF-8. */
export const MAX_KEY_BYTES = 1024;
