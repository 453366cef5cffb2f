// The Plan: a value. plan() produces it from desired and live state; apply() carries it out and never re-diffs.
import type { LabelingJobRequest } from './jobs/request.js';
import type { Bucket, Member, Team, Workforce } from './model.js';

/**
 * What a change does. For each action, `before` / `after` (in `diff`) hold:
 *
 * | action    | before (live, normalized) | after (desired)    | apply                                   |
 * |-----------|---------------------------|--------------------|-----------------------------------------|
 * | create    | absent                    | the new object     | creates it                              |
 * | update    | the fields that differ    | their new values   | changes those fields in place           |
 * | delete    | the object                | absent             | deletes it (or removes the membership)  |
 * | stop      | running                   | stopped            | stops a labeling job (irreversible)     |
 * | blocked   | what is live              | what specs ask for | nothing: the plan cannot be applied     |
 * | no-op     | equal                     | equal              | nothing (counted, not listed)           |
 *
 * A labeling job's update changes its tags only (AWS allows nothing else); adopting an unmanaged object is an
 * update that adds the ownership tag.
 */
export type Action = 'create' | 'update' | 'delete' | 'stop' | 'blocked' | 'no-op';

export const ACTIONS: readonly Action[] = ['create', 'update', 'delete', 'stop', 'blocked', 'no-op'];

export interface FieldDiff {
  /** Dotted path inside the object, e.g. `description`, `tags.team`, `sourceIpCidrs`. */
  path: string;
  before?: unknown;
  after?: unknown;
}

/**
 * Why a change is blocked, stable as diagnostics' codes are (scripts and the Action match on it; `reasons` say it
 * in words):
 *
 * | code                   | what blocks                                                                 |
 * |------------------------|-----------------------------------------------------------------------------|
 * | not-managed            | a same-named object exists that gtctl does not manage (and no adopt)        |
 * | other-project          | a same-named object belongs to another gtctl project                        |
 * | workforce-exists       | the Region has another workforce (one per Region)                           |
 * | no-workforce           | teams or people, and no workforce live or in the specs                      |
 * | immutable              | a field AWS cannot change in place (pool, identity, team group, region)     |
 * | oidc-teams-exist       | OIDC settings change while the workforce has teams                          |
 * | user-pool-not-ready    | an existing pool lacks its client, secret or domain                         |
 * | job-name-taken         | a job name used before (never reusable)                                     |
 * | job-changed            | an existing job's spec changed (jobs cannot be updated)                     |
 * | job-input              | the job's input would make it fail (manifest, CORS, Region)                 |
 * | vendor-not-subscribed  | a vendor job's team is not one the account subscribed to                    |
 * | bucket-not-empty       | a bucket gone from the specs still holds objects                            |
 * | policy-too-large       | the managed role's policy would exceed IAM's inline policy quota             |
 * | role-denied            | the job's execution role may not do what the job needs (SimulatePrincipalPolicy) |
 */
export type BlockedCode =
  | 'not-managed'
  | 'other-project'
  | 'workforce-exists'
  | 'no-workforce'
  | 'immutable'
  | 'oidc-teams-exist'
  | 'user-pool-not-ready'
  | 'job-name-taken'
  | 'job-changed'
  | 'job-input'
  | 'vendor-not-subscribed'
  | 'bucket-not-empty'
  | 'policy-too-large'
  | 'role-denied';

interface ChangeBase {
  address: string;
  action: Exclude<Action, 'no-op'>;
  diff: FieldDiff[];
  /** Why, in words a reviewer understands at a glance ("description changed", "not in any spec"). */
  reasons: string[];
  /** Set on blocked changes only, and always there: what blocks them. */
  blockedBy?: BlockedCode;
  /** Addresses that must be applied first. Apply reads it; a failed dependency skips this change. */
  dependsOn: string[];
}

/** Which parts of the workforce an update touches; apply must not touch the others. */
export type WorkforcePart = 'sourceIpCidrs' | 'oidc' | 'invitation' | 'email' | 'portalUrls' | 'managedAttribute' | 'tags';

export interface WorkforceChange extends ChangeBase {
  kind: 'workforce';
  workforce: Workforce;
  /** For update: the parts to change. */
  parts: WorkforcePart[];
  /**
   * Tags the workforce's user pool should carry (ownership included: a workforce takes no tags itself, A1); for
   * update, apply adds these and removes `removeTags`.
   */
  tags: Record<string, string>;
  removeTags: string[];
}

export interface TeamChange extends ChangeBase {
  kind: 'team';
  /** The desired team (absent for delete). */
  team?: Team;
  /** Live identifiers apply needs (absent for create). */
  live?: { arn: string; userGroup?: string };
  tags: Record<string, string>;
  removeTags: string[];
}

/** One thing to do to a user; an update may carry several. */
export type MemberStep = 'invite' | 'adopt' | 'set-display-name' | 'disable' | 'enable' | 'resend-invitation' | 'delete';

export interface MemberChange extends ChangeBase {
  kind: 'member';
  email: string;
  member?: Member;
  /** The live username (a generated id in e-mail pools); absent for create. */
  username?: string;
  steps: MemberStep[];
}

export interface MembershipChange extends ChangeBase {
  kind: 'membership';
  team: string;
  email: string;
  userGroup: string;
  /** The live username when the user exists; the e-mail alias works too. */
  username?: string;
}

/** Which bucket settings an update touches; apply must not touch the others. */
export type BucketPart = 'cors' | 'encryption' | 'publicAccessBlock' | 'objectOwnership' | 'versioning' | 'tags';

export interface BucketChange extends ChangeBase {
  kind: 'bucket';
  name: string;
  /** The desired bucket (absent for delete). */
  bucket?: Bucket;
  /** Where the bucket is (or will be) created. */
  region: string;
  /** For update: the settings to change. Create sets them all. */
  parts: BucketPart[];
  /** The bucket's whole tag set (S3 replaces tags as a set), ownership tag included. */
  tags: Record<string, string>;
}

export interface ObjectChange extends ChangeBase {
  kind: 'object';
  bucket: string;
  key: string;
  bodyBase64: string;
  sha256: string;
  contentType: string;
}

/** A file gtctl writes for a job before creating it: template, label category file, built manifest. */
export interface JobUpload {
  uri: string;
  bodyBase64: string;
  contentType: string;
}

/**
 * What a public job costs: every object of its manifest, times the workers per object, times the price per task
 * (AWS's Mechanical Turk fees come on top). In USD, computed in tenths of a cent (AWS's unit) so that it is exact.
 */
export interface JobCost {
  objects: number;
  workersPerObject: number;
  pricePerTaskUsd: number;
  totalUsd: number;
}

export interface JobChange extends ChangeBase {
  kind: 'job';
  name: string;
  /** create of a public job: what its tasks cost. */
  cost?: JobCost;
  /** create: the request apply sends, as is, after the uploads. */
  request?: LabelingJobRequest;
  uploads: JobUpload[];
  /** update (tags only: nothing else of a job can change) and stop: the live job, when tags are to change. */
  arn?: string;
  /** Tags to add or overwrite (the ownership tag, when adopting); apply sends them with AddTags. */
  tags?: Record<string, string>;
  /** Tag keys to remove. */
  removeTags?: string[];
}

/** A chained job that the first apply after its source job finishes creates. */
export interface WaitingJob {
  address: string;
  /** The source job's address. */
  waitsFor: string;
  /** The source job's status now (`not created` before the first apply). */
  status: string;
}

/**
 * The project's managed execution role (core/execution-role.ts). create: the role with its trust policy, tags and
 * inline policy; update: the inline policy (and trust policy, tags) now wanted; delete: the policy, then the role.
 */
export interface RoleChange extends ChangeBase {
  kind: 'role';
  name: string;
  path: string;
  arn: string;
  /** JSON texts as sent to IAM (absent for delete). */
  trustPolicy?: string;
  policyName: string;
  policy?: string;
  tags: Record<string, string>;
}

export type Change = WorkforceChange | TeamChange | MemberChange | MembershipChange | BucketChange | ObjectChange | RoleChange | JobChange;

export type Summary = Record<Action, number>;

/** Which Cognito objects a plan reads besides the account-wide lists (workforces, teams). */
export interface ReadTargets {
  /** The name of the pool gtctl manages, found by name (and ownership tag) while no workforce points at it. */
  managedPoolName?: string;
  /** An existing pool named by the Workforce spec. */
  userPoolId?: string;
  /** Its app client, named by the spec: read (and checked) before a workforce points at it. */
  clientId?: string;
  /** Cognito group -> team, for the groups of desired teams (their members are read). */
  groupTeams: Record<string, string>;
  /** Buckets the specs declare (their settings are read; managed buckets are found by tag besides). */
  buckets: string[];
  /** `bucket/key` of every object the specs declare (HEAD: does it exist, what hash). */
  objects: string[];
  /**
   * Job `fromPrefix` URIs, with whether the objects' text is needed (text tasks inline it) and the jobs built from
   * them: once those jobs exist their manifest is fixed, so the prefix need not be read again.
   */
  prefixes: Array<{ uri: string; withText: boolean; jobs: string[] }>;
  /** Job input manifest URIs the specs do not declare as objects: read for the pre-flight. */
  manifests: string[];
  /**
   * Buckets the specs do not declare that hold images of built-in image jobs, as far as the specs tell: their CORS is
   * read for the pre-flight. The `source-ref` buckets of `manifests` are added at read time. Absent in plans saved
   * before gtctl read them.
   */
  imageBuckets?: string[];
  /** Jobs the specs name. */
  jobs: string[];
  /** Chained jobs and their source jobs: a source's output manifest is read while its chain is still to create. */
  chains?: Array<{ job: string; from: string }>;
  /** Whether a job goes to a vendor team: the account's subscriptions are read. Absent in older saved plans. */
  vendorTeams?: boolean;
  /** The name of the managed execution role, read when the specs use one (or the Project says `executionRole`). */
  executionRole?: string;
}

/** Live identifiers the plan resolved, for changes that reference them (a created workforce fills them in at apply). */
export interface PlanContext {
  /** What to read again when a saved plan is applied (the same objects the plan read). */
  read: ReadTargets;
  userPoolId?: string;
  clientId?: string;
  workforceName?: string;
  /** Teams' Cognito groups, and whether the workforce is OIDC: what member definitions need. */
  identity?: 'cognito' | 'oidc';
  /** The Project's apply lock (`spec.lock`): a saved plan is applied under the same lock. */
  lock?: { bucket: string; key: string };
}

export interface Plan {
  formatVersion: 1;
  project: string;
  region: string;
  account: string;
  /** Ordered by dependency level, then kind, then address. No-ops are counted in `summary`, not listed. */
  changes: Change[];
  summary: Summary;
  context: PlanContext;
  /** Hash of every live object read, by address ("absent" for addresses a change expects not to exist). */
  fingerprints: Record<string, string>;
  /** Chained jobs whose source job has not finished yet: no change, and nothing blocked (absent when none). */
  waiting?: WaitingJob[];
  /** The public jobs this plan creates, and their tasks' total cost in USD (absent when there are none). */
  cost?: { jobs: number; totalUsd: number };
}

export function emptySummary(): Summary {
  return { create: 0, update: 0, delete: 0, stop: 0, blocked: 0, 'no-op': 0 };
}

export function hasChanges(plan: Pick<Plan, 'summary'>): boolean {
  const { create, update, delete: deletes, stop, blocked } = plan.summary;
  return create + update + deletes + stop + blocked > 0;
}
