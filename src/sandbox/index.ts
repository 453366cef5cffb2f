export { startSandbox, emptySandboxState, type Sandbox, type SandboxOptions } from './server/server.js';
export type { SandboxState, LabelRequest, PendingTask } from './service.js';
