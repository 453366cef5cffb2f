import type { JsonService } from '../service.js';

export const cognitoService: JsonService = {
  targetPrefix: 'AWSCognitoIdentityProviderService',
  operations: {},
  constraints: {},
  routePrefix: 'cognito',
  validationErrorCode: 'InvalidParameterException',
};
