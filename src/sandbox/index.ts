// What the rest of gtctl (the `sandbox` command, tests, benchmarks) uses of the sandbox.
export { startSandbox, type Sandbox, type SandboxOptions } from './server/server.js';
export { emptySandboxState } from './server/state.js';
export { StateFileError } from './persistence.js';
export type { RequestLogEntry } from './server/request-log.js';
export type { FaultRule, FaultSettings } from './faults.js';
export type { QuotaSettings } from './quotas.js';
export type { SandboxState, LabelRequest, PendingTask, AwsServiceName } from './service.js';
export { Realism, VARIANTS, type RealismUpdate, type RealismView, type VariantName } from './realism.js';
