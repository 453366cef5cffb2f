// Every cross-document rule, in the order they run. Each is a small named function; see rule.ts.
import { bucketNamesValid, objectsHaveOneSource } from './buckets.js';
import { jobChainsValid } from './chains.js';
import { adjustmentNamesAuditedLabels, frameFieldsMatchType, frameInputSupported, frameInstructionsWithinQuotas, frameJobsNotPublic, frameLabelFileWithinQuotas } from './frames.js';
import {
  autoLabelingSupported,
  concurrentTasksWithinDefaultQuota,
  labelAttributeNameValid,
  labelCountWithinLimits,
  publicDataDeclaredFree,
  jobHasRole,
  publicPriceOnGrid,
  roleInProjectAccount,
  taskFieldsMatchType,
  templateUriNotWithTemplate,
  workerDurationsInRange,
} from './jobs.js';
import { noDuplicateNames, noEmailCaseClashes } from './names.js';
import { atMost25Teams, jobTeamCanLabel, jobTeamExists, memberTeamsExist, noSharedUserGroups } from './references.js';
import { jobBucketsInJobRegion, regionHasGroundTruth } from './regions.js';
import type { Rule } from './rule.js';
import { atMostOneProject, atMostOneWorkforce } from './singletons.js';
import { noReservedTagKeys } from './tags.js';
import {
  cognitoSettingsComplete,
  emailOnlyForManagedPool,
  invitationTemplateUsable,
  noCognitoMembersWithOidc,
  teamGroupsMatchWorkforce,
  userPoolInRegion,
  workforceHasOneIdentityProvider,
} from './workforce.js';

export type { Rule, RuleContext } from './rule.js';

export const RULES: readonly Rule[] = [
  atMostOneProject,
  atMostOneWorkforce,
  noDuplicateNames,
  noEmailCaseClashes,
  memberTeamsExist,
  jobTeamExists,
  jobTeamCanLabel,
  jobChainsValid,
  atMost25Teams,
  noSharedUserGroups,
  workforceHasOneIdentityProvider,
  cognitoSettingsComplete,
  userPoolInRegion,
  invitationTemplateUsable,
  emailOnlyForManagedPool,
  teamGroupsMatchWorkforce,
  noCognitoMembersWithOidc,
  regionHasGroundTruth,
  jobBucketsInJobRegion,
  bucketNamesValid,
  objectsHaveOneSource,
  noReservedTagKeys,
  labelCountWithinLimits,
  labelAttributeNameValid,
  workerDurationsInRange,
  publicPriceOnGrid,
  frameFieldsMatchType,
  frameLabelFileWithinQuotas,
  frameInstructionsWithinQuotas,
  adjustmentNamesAuditedLabels,
  frameJobsNotPublic,
  frameInputSupported,
  publicDataDeclaredFree,
  taskFieldsMatchType,
  templateUriNotWithTemplate,
  autoLabelingSupported,
  concurrentTasksWithinDefaultQuota,
  jobHasRole,
  roleInProjectAccount,
];
