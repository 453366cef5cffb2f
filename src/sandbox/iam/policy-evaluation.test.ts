// Pins the sandbox IAM evaluator to AWS's documented evaluation logic for identity policies, and policyProblems to the
// MalformedPolicyDocument cases IAM rejects. Each table row states only what differs from a one-statement Allow policy.
import { describe, expect, it } from 'vitest';
import { evaluate, policyProblems, type Decision, type EvaluationRequest } from './policy-evaluation.js';

type Context = NonNullable<EvaluationRequest['context']>;

const BUCKET = 'arn:aws:s3:::gt-data';
const OBJECT = `${BUCKET}/input/manifest.json`;
const KEY = 'test:key';

function statement(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { Effect: 'Allow', Action: 's3:GetObject', Resource: OBJECT, ...overrides };
}

function policy(...statements: Array<Record<string, unknown>>): object {
  return { Version: '2012-10-17', Statement: statements };
}

function decision(statements: Array<Record<string, unknown>>, request: Partial<EvaluationRequest> = {}): Decision {
  return evaluate([{ name: 'p', document: policy(...statements) }], { action: 's3:GetObject', resource: OBJECT, ...request }).decision;
}

describe('decision', () => {
  it('explicit Deny in one policy wins over Allow in another, and both statements are reported', () => {
    const result = evaluate(
      [
        { name: 'read', document: JSON.stringify(policy(statement({ Sid: 'Read', Action: 's3:*' }))) },
        { name: 'guard', document: policy(statement({ Effect: 'Deny', Resource: `${BUCKET}/input/*` })) },
      ],
      { action: 's3:GetObject', resource: OBJECT },
    );
    expect(result).toEqual({
      decision: 'explicitDeny',
      matchedStatements: [
        { policy: 'read', sid: 'Read', effect: 'Allow' },
        { policy: 'guard', effect: 'Deny' },
      ],
    });
  });

  it.each<[string, Array<Record<string, unknown>>, Decision]>([
    ['a matching Allow', [statement()], 'allowed'],
    ['no statement for the action', [statement({ Action: 's3:PutObject' })], 'implicitDeny'],
    ['a Deny for another resource', [statement(), statement({ Effect: 'Deny', Resource: `${BUCKET}/output/*` })], 'allowed'],
  ])('%s → %s', (_, statements, expected) => {
    expect(decision(statements)).toBe(expected);
  });

  it('no policies at all is an implicit deny', () => {
    expect(evaluate([], { action: 's3:GetObject', resource: OBJECT }).decision).toBe('implicitDeny');
  });
});

describe('Action matching is case-insensitive with * and ?', () => {
  it.each<[string, string, boolean]>([
    ['S3:GETOBJECT', 's3:getobject', true],
    ['s3:*', 's3:PutObject', true],
    ['*', 'sagemaker:CreateLabelingJob', true],
    ['s3:Get*', 's3:PutObject', false],
    ['s3:?etObject', 's3:GetObject', true],
    ['s3:?etObject', 's3:GGetObject', false],
  ])('%s against %s → %s', (pattern, action, allowed) => {
    expect(decision([statement({ Action: pattern })], { action })).toBe(allowed ? 'allowed' : 'implicitDeny');
  });
});

describe('Resource matching is case-sensitive, whole-ARN, with * and ?', () => {
  it.each<[string | string[], string, boolean]>([
    [`${BUCKET}/input/*`, OBJECT, true],
    ['arn:aws:s3:::GT-DATA/*', OBJECT, false],
    ['arn:aws:s3:::gt-*', OBJECT, true], // * spans '/' and the rest of the key
    ['arn:aws:sagemaker:*:*:labeling-job/*', 'arn:aws:sagemaker:us-east-1:123456789012:labeling-job/cats', true],
    ['arn:aws:s3:::gt-dat?', BUCKET, true],
    ['arn:aws:s3:::gt-dat?', `${BUCKET}x`, false],
    [['arn:aws:s3:::other/*', `${BUCKET}/*`], OBJECT, true],
    ['arn:aws:s3:::*', '*', false], // an action without resources is only granted by Resource "*"
  ])('%j against %s → %s', (pattern, resource, allowed) => {
    expect(decision([statement({ Resource: pattern })], { resource })).toBe(allowed ? 'allowed' : 'implicitDeny');
  });
});

describe('NotAction and NotResource apply to everything they do not list', () => {
  it.each<[string, Record<string, unknown>, Partial<EvaluationRequest>, Decision]>([
    ['NotAction allows an unlisted action', { Action: undefined, NotAction: 'iam:*' }, {}, 'allowed'],
    ['NotAction skips a listed action', { Action: undefined, NotAction: 'iam:*' }, { action: 'iam:PassRole' }, 'implicitDeny'],
    ['NotResource allows an unlisted resource', { NotResource: `${BUCKET}/secret/*`, Resource: undefined }, {}, 'allowed'],
    ['NotResource skips a listed resource', { NotResource: `${BUCKET}/input/*`, Resource: undefined }, {}, 'implicitDeny'],
  ])('%s', (_, overrides, request, expected) => {
    expect(decision([statement(overrides)], request)).toBe(expected);
  });

  it('a Deny with NotAction denies every other service while its own service stays allowed', () => {
    const statements = [statement({ Action: '*', Resource: '*' }), statement({ Effect: 'Deny', Action: undefined, NotAction: 's3:*', Resource: '*' })];
    expect([decision(statements), decision(statements, { action: 'sagemaker:CreateLabelingJob' })]).toEqual(['allowed', 'explicitDeny']);
  });
});

describe('policy variables', () => {
  const HOME = `${BUCKET}/home/bob/a.txt`;
  it.each<[string, string, Context, boolean]>([
    ['substitutes a context key', `${BUCKET}/home/\${aws:username}/*`, { 'aws:username': 'bob' }, true],
    ['looks the key up case-insensitively', `${BUCKET}/home/\${aws:username}/*`, { 'AWS:UserName': 'bob' }, true],
    ['matches nothing when the key is missing', `${BUCKET}/home/\${aws:username}/*`, {}, false],
    ['matches nothing for a multivalued key', `${BUCKET}/home/\${aws:username}/*`, { 'aws:username': ['bob', 'eve'] }, false],
    ['treats substituted text literally', `${BUCKET}/home/\${aws:username}/a.txt`, { 'aws:username': '*' }, false],
    ['uses the default when the key is missing', `${BUCKET}/home/\${aws:PrincipalTag/team, 'bob'}/*`, {}, true],
  ])('%s', (_, pattern, context, allowed) => {
    expect(decision([statement({ Resource: pattern })], { resource: HOME, context })).toBe(allowed ? 'allowed' : 'implicitDeny');
  });

  it.each<[string, string]>([
    ['${*}', '*'],
    ['${?}', '?'],
    ['${$}', '$'],
  ])('escape %s stands for %s', (escape, literal) => {
    expect(decision([statement({ Resource: `${BUCKET}/${escape}` })], { resource: `${BUCKET}/${literal}` })).toBe('allowed');
  });

  it('are literal text in a version 2008-10-17 (or versionless) document', () => {
    const document = { Statement: [statement({ Resource: `${BUCKET}/\${aws:username}` })] };
    const decide = (resource: string): Decision =>
      evaluate([{ name: 'p', document }], { action: 's3:GetObject', resource, context: { 'aws:username': 'bob' } }).decision;
    expect([decide(`${BUCKET}/bob`), decide(`${BUCKET}/\${aws:username}`)]).toEqual(['implicitDeny', 'allowed']);
  });

  it('are substituted in condition values too', () => {
    const condition = { StringLike: { 's3:prefix': '${aws:username}/*' } };
    expect(decision([statement({ Condition: condition })], { context: { 's3:prefix': 'bob/x', 'aws:username': 'bob' } })).toBe('allowed');
  });
});

describe('condition operators', () => {
  // The context value `undefined` means the request has no such key.
  it.each<[string, string | number | boolean | string[], Context[string] | undefined, boolean]>([
    ['StringEquals', ['a', 'b'], 'b', true],
    ['StringEquals', 'a', undefined, false],
    ['StringNotEquals', ['a', 'b'], 'b', false],
    ['StringNotEquals', 'a', undefined, true], // negated operators hold for a missing key
    ['StringEqualsIgnoreCase', 'Labeling', 'LABELING', true],
    ['StringNotEqualsIgnoreCase', 'Labeling', 'LABELING', false],
    ['StringLike', 'input/*', 'input/a/b.jpg', true],
    ['StringNotLike', 'input/*', 'output/x', true],
    ['ArnEquals', 'arn:aws:iam::*:role/gt-*', 'arn:aws:iam::123456789012:role/gt-exec', true],
    ['ArnLike', 'arn:aws:iam::*:role/*', 'arn:aws:iam::123456789012:user/bob', false],
    ['ArnNotEquals', 'arn:aws:iam::*:role/*', 'arn:aws:iam::123456789012:user/bob', true],
    ['ArnNotLike', 'arn:aws:iam::*:role/*', undefined, true],
    ['NumericEquals', '10', '10.0', true],
    ['NumericEquals', '10', 'ten', false],
    ['NumericNotEquals', '10', undefined, true],
    ['NumericLessThan', '10', 10, false],
    ['NumericLessThanEquals', '10', 10, true],
    ['NumericGreaterThan', '10', 11, true],
    ['NumericGreaterThanEquals', '10', 9, false],
    ['Bool', 'true', true, true],
    ['Bool', false, 'true', false],
    ['Null', 'true', undefined, true],
    ['Null', 'true', 'x', false],
    ['Null', 'false', 'x', true],
    ['StringEqualsIfExists', 'a', undefined, true],
    ['StringEqualsIfExists', 'a', 'b', false],
    ['ForAnyValue:StringEquals', ['a', 'b'], ['c', 'b'], true],
    ['ForAnyValue:StringEquals', ['a', 'b'], ['c'], false],
    ['ForAnyValue:StringEquals', 'a', undefined, false],
    ['ForAnyValue:StringNotEquals', 'a', ['a', 'b'], true],
    ['ForAllValues:StringEquals', ['a', 'b'], ['b', 'a'], true],
    ['ForAllValues:StringEquals', ['a', 'b'], ['a', 'c'], false],
    ['ForAllValues:StringEquals', 'a', undefined, true],
    ['ForAllValues:StringEquals', 'a', [], true], // an empty list counts as a missing key
    ['ForAllValues:StringNotEquals', 'a', ['a', 'b'], false],
    ['StringEquals', 'a', ['x', 'a'], true], // no qualifier: any value of a multivalued key may match
  ])('%s %j against %j → %s', (operator, expected, actual, holds) => {
    const context: Context = actual === undefined ? {} : { [KEY]: actual };
    expect(decision([statement({ Condition: { [operator]: { [KEY]: expected } } })], { context })).toBe(holds ? 'allowed' : 'implicitDeny');
  });

  it.each<[string, Context, boolean]>([
    ['every key must hold', { 's3:prefix': 'input/', 'aws:ResourceTag/gtctl:project': 'other' }, false],
    ['every operator must hold', { 's3:prefix': 'input/', 'aws:ResourceTag/gtctl:project': 'labeling', 's3:max-keys': 5000 }, false],
    ['all holding allows, keys matched case-insensitively', { 'S3:Prefix': 'input/', 'aws:resourcetag/gtctl:project': 'labeling', 's3:max-keys': 10 }, true],
  ])('a block is an AND: %s', (_, context, allowed) => {
    const Condition = {
      StringEquals: { 's3:prefix': 'input/', 'aws:ResourceTag/gtctl:project': 'labeling' },
      NumericLessThanEqualsIfExists: { 's3:max-keys': 1000 },
    };
    expect(decision([statement({ Condition })], { context })).toBe(allowed ? 'allowed' : 'implicitDeny');
  });

  it('a statement with an unknown operator never matches, even a Deny', () => {
    const statements = [statement(), statement({ Effect: 'Deny', Condition: { StringEqualz: { [KEY]: 'a' } } })];
    expect(decision(statements, { context: { [KEY]: 'a' } })).toBe('allowed');
  });
});

describe('policyProblems', () => {
  it('accepts a valid document', () => {
    const Condition = { 'ForAnyValue:StringLikeIfExists': { 'aws:TagKeys': ['gtctl:*'] }, Bool: { 'aws:SecureTransport': true } };
    const document = policy(statement({ Sid: 'Read1', Condition }));
    expect(policyProblems(JSON.stringify(document))).toEqual([]);
  });

  it.each<[string, unknown, string]>([
    ['invalid JSON', '{"Statement": [', 'Syntax errors in policy. The document is not valid JSON.'],
    ['no Statement', { Version: '2012-10-17' }, 'Syntax errors in policy. The document has no Statement.'],
    ['a bad Version', { Version: '2020-01-01', Statement: [statement()] }, 'Syntax errors in policy. Version must be 2012-10-17 or 2008-10-17.'],
    ['an Effect other than Allow/Deny', policy(statement({ Effect: 'Permit' })), 'Syntax errors in policy. Statement 1 has Effect "Permit"; it must be Allow or Deny.'],
    ['both Action and NotAction', policy(statement({ NotAction: 'iam:*' })), 'Syntax errors in policy. Statement 1 has both Action and NotAction.'],
    ['neither Action nor NotAction', policy(statement({ Action: undefined })), 'Policy statement must contain actions.'],
    ['both Resource and NotResource', policy(statement({ NotResource: '*' })), 'Syntax errors in policy. Statement 1 has both Resource and NotResource.'],
    ['an empty Resource list', policy(statement({ Resource: [] })), 'Policy statement must contain resources.'],
    ['a Principal', policy(statement({ Principal: { AWS: '*' } })), 'Policy document should not specify a principal.'],
    ['an unknown operator', policy(statement({ Condition: { NullIfExists: { [KEY]: 'true' } } })), 'Syntax errors in policy. Statement 1 uses unknown condition operator NullIfExists.'],
    ['an action without a vendor', policy(statement({ Action: 'GetObject' })), 'Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.'],
    ['an action with two colons', policy(statement({ Action: 's3:Get:Object' })), 'Actions/Condition can contain only one colon.'],
    ['a resource that is not an ARN', policy(statement({ Resource: 'gt-data/*' })), 'Resource gt-data/* must be in ARN format or "*".'],
    ['duplicate Sids', policy(statement({ Sid: 'A' }), statement({ Sid: 'A' })), 'Statement IDs (SID) in a single policy must be unique.'],
  ])('reports %s', (_, document, problem) => {
    expect(policyProblems(typeof document === 'string' ? document : JSON.stringify(document))).toContain(problem);
  });

  it('evaluate does not throw on a document it cannot parse; it grants nothing', () => {
    expect(evaluate([{ name: 'broken', document: '{"Statement": [' }], { action: 's3:GetObject', resource: OBJECT }).decision).toBe('implicitDeny');
  });
});
