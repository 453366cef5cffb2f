// The role pre-flight over a fake IAM port: denials block their jobs; what IAM cannot answer is a warning.
import { describe, expect, it } from 'vitest';
import type { IamPort } from '../aws/ports.js';
import { GtctlError } from '../core/errors.js';
import { emptySummary, type JobChange, type Plan } from '../core/plan.js';
import { checkJobRoles } from './role-preflight.js';

const MANAGED = 'arn:aws:iam::1:role/gtctl/gtctl-p-labeling';
const job = (name: string, role: string): JobChange =>
  ({
    address: `job/${name}`,
    kind: 'job',
    name,
    action: 'create',
    diff: [],
    reasons: [],
    dependsOn: [],
    uploads: [],
    request: {
      LabelingJobName: name,
      RoleArn: role,
      InputConfig: { DataSource: { S3DataSource: { ManifestS3Uri: `s3://b/${name}.manifest` } } },
      OutputConfig: { S3OutputPath: 's3://b/out/' },
      HumanTaskConfig: { UiConfig: {} },
    },
  }) as unknown as JobChange;

const planOf = (...changes: JobChange[]) => ({ region: 'us-east-1', account: '1', changes, summary: { ...emptySummary(), create: changes.length } }) as unknown as Plan;
const awsError = (awsCode: string) => new GtctlError('aws-error', `iam SimulatePrincipalPolicy: ${awsCode}`, 'aws', undefined, { awsCode });

function iam(answers: Record<string, Error | Array<{ action: string; resource: string }>>): IamPort & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    deniedActions: async (role: string) => {
      asked.push(role);
      const answer = answers[role]!;
      if (answer instanceof Error) throw answer;
      return answer;
    },
  } as unknown as IamPort & { asked: string[] };
}

describe('checkJobRoles', () => {
  it('blocks the jobs whose role is denied something, warns for roles IAM cannot answer, and never asks about the managed role', async () => {
    const port = iam({
      'arn:aws:iam::1:role/weak': [{ action: 's3:GetObject', resource: 'arn:aws:s3:::b/a.manifest' }],
      'arn:aws:iam::1:role/gone': awsError('NoSuchEntityException'),
      'arn:aws:iam::2:role/elsewhere': awsError('InvalidInputException'),
    });
    const { plan, warnings } = await checkJobRoles(planOf(job('a', 'arn:aws:iam::1:role/weak'), job('b', 'arn:aws:iam::1:role/gone'), job('c', 'arn:aws:iam::2:role/elsewhere'), job('d', MANAGED)), port, MANAGED, 'specs');
    expect(plan.changes.map((c) => `${c.address} ${c.action}`)).toEqual(['job/a blocked', 'job/b create', 'job/c create', 'job/d create']);
    expect(plan.summary).toMatchObject({ create: 3, blocked: 1 });
    expect(warnings.map((w) => w.code)).toEqual(['role-not-found', 'role-not-checked']);
    expect(port.asked).not.toContain(MANAGED);
  });

  it('stops asking once gtctl may not simulate, with one warning', async () => {
    const port = iam({ 'arn:aws:iam::1:role/a': awsError('AccessDenied'), 'arn:aws:iam::1:role/b': [] });
    const { warnings } = await checkJobRoles(planOf(job('a', 'arn:aws:iam::1:role/a'), job('b', 'arn:aws:iam::1:role/b')), port, MANAGED, 'specs');
    expect(warnings.map((w) => w.code)).toEqual(['role-not-checked']);
    expect(port.asked).toEqual(['arn:aws:iam::1:role/a']);
  });
});
