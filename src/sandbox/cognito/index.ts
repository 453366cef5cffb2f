// Cognito Identity Provider (user pools) over awsJson1_1: the operations gtctl uses, with AWS's constraints, errors,
// defaults and pagination. Behaviour notes per API: BEHAVIOUR.md.
import type { JsonService } from '../service.js';
import { cognitoAdminRoutes } from './admin.js';
import { clientOperations } from './clients.js';
import { cognitoConstraints } from './constraints.js';
import { createUserOperations } from './create-user.js';
import { domainOperations } from './domains.js';
import { groupOperations } from './groups.js';
import { poolOperations } from './pools.js';
import { tagOperations } from './tags.js';
import { userOperations } from './users.js';

export const cognitoService: JsonService = {
  targetPrefix: 'AWSCognitoIdentityProviderService',
  operations: {
    ...poolOperations,
    ...clientOperations,
    ...domainOperations,
    ...groupOperations,
    ...createUserOperations,
    ...userOperations,
    ...tagOperations,
  },
  constraints: cognitoConstraints,
  validationErrorCode: 'InvalidParameterException',
  adminRoutes: cognitoAdminRoutes,
  routePrefix: 'cognito',
};
