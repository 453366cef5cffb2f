// SageMaker (awsJson1_1, `X-Amz-Target: SageMaker.<Operation>`): workforces, work teams (and subscribed vendor
// teams), labeling jobs, human task UIs and their tags, plus sandbox-only routes: the workers stand-in, vendor
// workforces and work teams, and propagating roles.
// Behaviour notes: BEHAVIOUR.md.
import type { JsonService } from '../service.js';
import { sageMakerConstraints } from './constraints.js';
import { humanTaskUiOperations } from './human-task-uis.js';
import { jobListOperations } from './job-lists.js';
import { jobOperations } from './jobs.js';
import { roleRoutes } from './roles.js';
import { tagOperations } from './tags.js';
import { vendorWorkforceRoutes } from './vendor-workforces.js';
import { subscribedWorkteamOperations, vendorWorkteamRoutes } from './vendor-workteams.js';
import { workerRoutes } from './workers.js';
import { workforceOperations } from './workforces.js';
import { workteamOperations } from './workteams.js';

export const sageMakerService: JsonService = {
  targetPrefix: 'SageMaker',
  operations: {
    ...workforceOperations,
    ...workteamOperations,
    ...subscribedWorkteamOperations,
    ...jobOperations,
    ...jobListOperations,
    ...humanTaskUiOperations,
    ...tagOperations,
  },
  constraints: sageMakerConstraints,
  validationErrorCode: 'ValidationException',
  adminRoutes: { ...workerRoutes, ...vendorWorkforceRoutes, ...vendorWorkteamRoutes, ...roleRoutes },
  routePrefix: 'sagemaker',
  // Its operations await the Cognito and S3 backends between checking the state and changing it.
  oneAtATime: true,
};
