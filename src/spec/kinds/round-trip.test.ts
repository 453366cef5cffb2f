// Each kind's writer is the inverse of its normalizer on the documents import writes: a document, through the
// loader's schema and normalize steps and back through the writer, is the same document.
import { describe, expect, it } from 'vitest';
import { bucketDoc, jobDoc, projectDoc, specTree, teamDoc, workforceDoc, type SpecDoc } from '../../../test/helpers/specs.js';
import type { SpecTree } from '../loaded.js';
import { writeBucket } from './bucket.js';
import { writeLabelingJob } from './labeling-job.js';
import { writeProject } from './project.js';
import { writeTeam } from './team.js';
import { writeWorkforce } from './workforce.js';

interface Case {
  what: string;
  doc: SpecDoc;
  /** Teams: which member field the writer keeps (the workforce's identity decides it on import). */
  identity?: 'cognito' | 'oidc';
}

/** The one value of the document's kind in the tree, written back. */
const WRITE: Record<string, (tree: SpecTree, c: Case) => unknown> = {
  Project: (tree) => writeProject(tree.projects[0]!.value),
  Workforce: (tree) => writeWorkforce(tree.workforces[0]!.value),
  Team: (tree, c) => writeTeam({ ...tree.teams[0]!.value, ...(c.identity ? { identity: c.identity } : {}) }),
  Bucket: (tree) => writeBucket(tree.buckets[0]!.value),
  LabelingJob: (tree) => writeLabelingJob(tree.jobs[0]!.value),
};

const adopted = (doc: SpecDoc): SpecDoc => ({ ...doc, metadata: { ...doc.metadata, adopt: true } });

const OIDC = {
  clientId: 'c',
  clientSecretEnv: 'OIDC_CLIENT_SECRET',
  issuer: 'https://idp.example.com',
  authorizationEndpoint: 'https://idp.example.com/a',
  tokenEndpoint: 'https://idp.example.com/t',
  userInfoEndpoint: 'https://idp.example.com/u',
  logoutEndpoint: 'https://idp.example.com/l',
  jwksUri: 'https://idp.example.com/j',
};
/** As import writes a bucket: every setting, defaults included. */
const BUCKET = { region: 'us-east-1', cors: 'ground-truth', encryption: 'sse-s3', blockPublicAccess: true, objectOwnership: 'BucketOwnerEnforced', versioning: false };
/** As import writes a job: from a manifest, with the workers' count and times. */
const JOB = { input: { fromPrefix: undefined, manifest: 's3://gtctl-data/in.manifest' }, workers: { perObject: 1, taskTimeLimit: '5m', taskAvailability: '10d' } };
const CUSTOM_TASK = {
  type: 'custom',
  labels: undefined,
  templateUri: 's3://gtctl-data/ui/task.liquid.html',
  preAnnotationLambdaArn: 'arn:aws:lambda:us-east-1:000000000000:function:pre',
  consolidationLambdaArn: 'arn:aws:lambda:us-east-1:000000000000:function:acs',
};

const CASES: Case[] = [
  { what: 'project, as imported', doc: projectDoc({ spec: { accountId: '000000000000' } }) },
  { what: 'project with policies, tags and a lock', doc: projectDoc({ spec: { policies: { unlistedUsers: 'disable' }, tags: { cost: 'labeling' }, lock: 's3://gtctl-data/locks/labeling' } }) },

  { what: 'workforce on an existing pool', doc: adopted(workforceDoc({ spec: { cognito: { userPool: 'us-east-1_AbC123', domain: undefined, clientId: 'client' } } })) },
  { what: 'workforce on an existing pool without a client id', doc: workforceDoc({ spec: { cognito: { userPool: 'us-east-1_AbC123', domain: undefined } } }) },
  { what: 'OIDC workforce', doc: adopted(workforceDoc({ spec: { cognito: undefined, oidc: OIDC, sourceIpCidrs: ['10.0.0.0/8'], tags: { a: 'b' } } })) },
  { what: 'OIDC workforce with scope and extra parameters', doc: workforceDoc({ spec: { cognito: undefined, oidc: { ...OIDC, scope: 'openid email', authenticationRequestExtraParams: { prompt: 'login' } } } }) },
  {
    what: 'managed workforce, its invitation as resolved',
    doc: workforceDoc({ spec: { cognito: { poolName: 'workers' }, invitation: { subject: 'Join us', message: 'Hi {username}, your password is {####}' }, email: { sesSourceArn: 'arn:aws:ses:us-east-1:000000000000:identity/example.com', from: 'labeling@example.com' } } }),
  },

  { what: 'Cognito team', identity: 'cognito', doc: adopted(teamDoc({ spec: { description: 'Labelers', tags: { owner: 'ops' } } })) },
  { what: 'Cognito team with no members and its own group', identity: 'cognito', doc: teamDoc({ spec: { description: 'x', members: [], userGroup: 'console-group', notificationTopicArn: 'arn:aws:sns:us-east-1:000000000000:t', presignedUrlSourceIp: true } }) },
  { what: 'OIDC team with its groups', identity: 'oidc', doc: teamDoc({ spec: { description: 'x', members: undefined, oidcGroups: ['a', 'b'] } }) },
  { what: 'OIDC team of the group named after it', identity: 'oidc', doc: teamDoc({ spec: { description: 'x', members: undefined } }) },

  { what: 'bucket, as imported', doc: adopted(bucketDoc({ spec: BUCKET })) },
  { what: 'bucket for video tasks, open, versioned', doc: bucketDoc({ spec: { ...BUCKET, cors: 'ground-truth-video', blockPublicAccess: false, objectOwnership: 'ObjectWriter', versioning: true } }) },
  {
    what: 'bucket with its own CORS rules, a KMS key and some public access blocked',
    doc: bucketDoc({
      spec: {
        ...BUCKET,
        cors: [{ id: 'upload', allowedMethods: ['PUT'], allowedOrigins: ['https://example.com'], allowedHeaders: ['*'], maxAgeSeconds: 60 }, { allowedMethods: ['GET'], allowedOrigins: ['*'], exposeHeaders: ['ETag'] }],
        encryption: { kmsKeyId: 'alias/labeling', bucketKey: false },
        blockPublicAccess: { blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: false, restrictPublicBuckets: true },
        tags: { cost: 'labeling' },
      },
    }),
  },

  { what: 'text-classification job, as imported', doc: adopted(jobDoc({ spec: { ...JOB, task: { templateUri: 's3://gtctl-data/ui/t.liquid', labelCategoryUri: 's3://gtctl-data/ui/labels.json' } } })) },
  { what: 'named-entity-recognition job with instructions', doc: jobDoc({ spec: { ...JOB, task: { type: 'named-entity-recognition', labels: ['Person'], instructions: { short: 'Mark people', full: '<p>All people</p>' } } } }) },
  { what: 'semantic-segmentation job, its label attribute the default -ref', doc: jobDoc({ spec: { ...JOB, task: { type: 'semantic-segmentation', labels: ['Road'] } } }) },
  { what: 'semantic-segmentation job with its own label attribute', doc: jobDoc({ spec: { ...JOB, labelAttributeName: 'roads-ref', task: { type: 'semantic-segmentation', labels: ['Road'] } } }) },
  { what: 'bounding-box job from a prefix', doc: jobDoc({ spec: { ...JOB, input: { fromPrefix: 's3://gtctl-data/images/' }, task: { type: 'bounding-box', labels: ['Car', 'Bus'] } } }) },
  { what: 'custom job with its own Lambda functions and no labels', doc: jobDoc({ spec: { ...JOB, task: CUSTOM_TASK } }) },
  { what: 'stopped job with auto-labeling, an output key and tags', doc: jobDoc({ spec: { ...JOB, state: 'stopped', autoLabeling: true, outputKmsKeyId: 'alias/out', tags: { team: 'ml' } } }) },
  { what: 'job with keywords and examples', doc: jobDoc({ spec: { ...JOB, task: { keywords: ['numbers'], instructions: { examples: { good: ['19 is odd'], bad: ['19 is even'] } } } } }) },
  {
    what: 'job with its own workers, limits and stopping conditions',
    doc: jobDoc({ spec: { ...JOB, workers: { perObject: 3, taskTimeLimit: '1h30m', taskAvailability: '1h', maxConcurrentTasks: 200 }, stoppingConditions: { maxHumanLabeledObjects: 10, maxPercentageLabeled: 50 } } }),
  },
  {
    what: 'public job with its price and content classifiers',
    doc: jobDoc({ spec: { ...JOB, workforce: 'public', team: undefined, workers: { ...JOB.workers, taskAvailability: '6h', pricePerTask: 0.036, contentClassifiers: ['freeOfAdultContent', 'freeOfPersonallyIdentifiableInformation'] } } }),
  },
  { what: 'public bounding-box job at $1.08', doc: jobDoc({ spec: { ...JOB, workforce: 'public', team: undefined, task: { type: 'bounding-box', labels: ['Car'] }, workers: { ...JOB.workers, taskAvailability: '12h', pricePerTask: 1.08 } } }) },
  { what: 'vendor job by name', doc: jobDoc({ spec: { ...JOB, workforce: 'vendor', team: 'acme-labeling' } }) },
  { what: 'chained job', doc: jobDoc({ spec: { ...JOB, input: { fromPrefix: undefined, fromJob: 'odd-even-first' } } }) },
  { what: 'streaming job with an output topic', doc: jobDoc({ spec: { ...JOB, input: { fromPrefix: undefined, stream: { snsTopicArn: 'arn:aws:sns:us-east-1:000000000000:numbers-in' } }, outputTopicArn: 'arn:aws:sns:us-east-1:000000000000:numbers-out' } }) },
  {
    what: 'video-object-tracking job with label, category and frame attributes',
    doc: jobDoc({
      spec: {
        ...JOB,
        task: {
          type: 'video-object-tracking',
          labels: ['Car', { label: 'Person', categoryAttributes: [{ name: 'pose', enum: ['standing', 'sitting'], required: true }] }],
          categoryAttributes: [{ name: 'size', description: 'How big is it?', minimum: 1, maximum: 5 }, { name: 'note' }],
          frameAttributes: [{ name: 'weather', description: 'What is the weather?', enum: ['sun', 'rain'] }],
          annotationType: 'polygon',
        },
        workers: { ...JOB.workers, taskTimeLimit: '2d' },
      },
    }),
  },
  {
    what: 'point-cloud-object-detection-adjustment job with its audited labels and edit rules',
    doc: jobDoc({
      spec: {
        ...JOB,
        task: { type: 'point-cloud-object-detection-adjustment', labels: [{ label: 'Car', editsAllowed: 'none' }, 'Bus'], auditLabelAttributeName: 'cars', frameAttributes: [{ name: 'count', type: 'number', description: 'How many?', editsAllowed: 'any' }] },
      },
    }),
  },
  { what: 'video-classification job', doc: jobDoc({ spec: { ...JOB, task: { type: 'video-classification', labels: ['Goal', 'Miss'] } } }) },
  { what: 'vendor job by ARN, as imported', doc: adopted(jobDoc({ spec: { ...JOB, workforce: 'vendor', team: 'arn:aws:sagemaker:us-east-1:111122223333:workteam/vendor-crowd/acme-labeling' } })) },
];

describe('write* after normalize*', () => {
  it.each(CASES.map((c) => [`${c.doc.kind}: ${c.what}`, c] as const))('%s', (_, c) => {
    const { tree } = specTree([c.doc]);
    expect(WRITE[c.doc.kind]!(tree, c)).toStrictEqual(c.doc);
  });
});
