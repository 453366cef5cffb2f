// The error codes SageMaker answers with. Modelled errors (ResourceInUse, ResourceNotFound, ResourceLimitExceeded,
// ConflictException) reach the SDK as typed exceptions; ValidationException is unmodelled and arrives by name.
import { ServiceError } from '../service.js';

export const validation = (message: string) => new ServiceError('ValidationException', message);
export const resourceInUse = (message: string) => new ServiceError('ResourceInUse', message);
export const resourceNotFound = (message: string) => new ServiceError('ResourceNotFound', message);
export const resourceLimitExceeded = (message: string) => new ServiceError('ResourceLimitExceeded', message);
export const conflict = (message: string) => new ServiceError('ConflictException', message);
