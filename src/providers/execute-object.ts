// Carrying out an object change: upload the body with its content type and gtctl's hash in the metadata (what the
// next plan compares). Objects are never deleted.
import { GtctlError } from '../core/errors.js';
import type { ObjectChange } from '../core/plan.js';
import { SHA256_METADATA } from './names.js';
import type { ApplyRuntime } from './runtime.js';

export async function executeObject(change: ObjectChange, runtime: ApplyRuntime): Promise<void> {
  switch (change.action) {
    case 'create':
    case 'update':
      await runtime.ports.s3.putObject(change.bucket, change.key, Buffer.from(change.bodyBase64, 'base64'), {
        contentType: change.contentType,
        metadata: { [SHA256_METADATA]: change.sha256 },
      });
      return;
    case 'delete':
    case 'stop':
    case 'blocked':
      throw new GtctlError('unsupported-change', `cannot ${change.action} ${change.address}`, 'internal');
  }
}
