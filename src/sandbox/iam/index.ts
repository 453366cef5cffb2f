// IAM over awsQuery: a form-encoded `POST /` whose SigV4 credential scope names `iam` (STS and SNS, the other awsQuery
// services, are told apart by theirs), the operation chosen by `Action`. Only what gtctl uses: roles, their inline
// policies and tags, and SimulatePrincipalPolicy. Input goes: the form read into the operation's shape -> the
// constraint table (ValidationError) -> the operation (IAM's own errors). IAM is global: the Region is ignored.
// Behaviour notes: BEHAVIOUR.md.
import { queryService, type QueryOperation } from '../server/query-wire.js';
import { iamConstraints, type IamOperationName } from './constraints.js';
import { rolePolicyOperations } from './role-policies.js';
import { roleOperations } from './roles.js';
import { simulateOperations } from './simulate.js';

/** The XML namespace of every IAM answer, errors included. */
export const IAM_NAMESPACE = 'https://iam.amazonaws.com/doc/2010-05-08/';

/** The operations served, by Action; `constraints.test.ts` checks each has a table entry. */
export const iamOperations: Readonly<Record<IamOperationName, QueryOperation>> = { ...roleOperations, ...rolePolicyOperations, ...simulateOperations };

export const handleIam = queryService(IAM_NAMESPACE, iamOperations, iamConstraints);
