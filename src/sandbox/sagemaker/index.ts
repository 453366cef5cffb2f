import type { JsonService } from '../service.js';

export const sageMakerService: JsonService = {
  targetPrefix: 'SageMaker',
  operations: {},
  constraints: {},
  routePrefix: 'sagemaker',
  validationErrorCode: 'ValidationException',
};
