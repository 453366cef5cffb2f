import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bucketDoc, jobDoc, teamDoc, workforceDoc, yamlOf, type SpecDoc } from '../../test/helpers/specs.js';
import type { Diagnostic } from '../core/diagnostics.js';
import { parseSpecFile } from './documents.js';
import { checkSchema } from './schema.js';

function schemaOf(doc: SpecDoc | string) {
  const parsed = parseSpecFile('specs/doc.yaml', typeof doc === 'string' ? doc : yamlOf(doc));
  expect(parsed.diagnostics).toEqual([]);
  return checkSchema(parsed.documents[0]!);
}

/** `code path: message`, the part of a schema diagnostic each keyword decides. */
const brief = (d: Diagnostic) => `${d.code} ${d.path}: ${d.message}`;
const problems = (doc: SpecDoc | string) => schemaOf(doc).diagnostics.map(brief);

describe('checkSchema: the envelope', () => {
  it('accepts a valid document, with its kind and name', () => {
    const checked = schemaOf(teamDoc());
    expect(checked.diagnostics).toEqual([]);
    expect(checked.typed).toMatchObject({ kind: 'Team', name: 'labelers' });
  });

  it.each([
    ['a list', '- a\n', 'not-a-document'],
    ['a scalar', 'hello\n', 'not-a-document'],
    ['no apiVersion', 'kind: Team\n', 'missing-field'],
    ['another apiVersion', 'apiVersion: gtctl/v2\nkind: Team\n', 'unsupported-api-version'],
    ['no kind', 'apiVersion: gtctl/v1\n', 'missing-field'],
    ['an unknown kind', 'apiVersion: gtctl/v1\nkind: Workteam\n', 'unknown-kind'],
  ])('reports %s once, and nothing of the kind schema', (_, text, code) => {
    const checked = schemaOf(text);
    expect(checked.diagnostics.map((d) => d.code)).toEqual([code]);
    expect(checked.typed).toBeUndefined();
    expect(checked.declared).toBeUndefined();
  });

  it('suggests the kind that differs only in case', () => {
    const [d] = schemaOf('apiVersion: gtctl/v1\nkind: labelingjob\n').diagnostics;
    expect(d).toMatchObject({ code: 'unknown-kind', line: 2, column: 7, hint: 'Did you mean `LabelingJob`? Kinds are case-sensitive.' });
  });

  it('shows a kind or apiVersion that is not a string as written, and suggests no spelling', () => {
    const [kind] = schemaOf('apiVersion: gtctl/v1\nkind: [Team]\n').diagnostics;
    expect(kind).toMatchObject({ code: 'unknown-kind', message: 'unknown kind ["Team"]', hint: 'Use one of Project, Workforce, Bucket, Team, Member, LabelingJob.' });
    expect(schemaOf('apiVersion: 1\nkind: Team\n').diagnostics[0]!.message).toBe('unsupported apiVersion 1');
  });

  it('points at the apiVersion value when it is the wrong one', () => {
    expect(schemaOf('kind: Team\napiVersion: v1\n').diagnostics[0]).toMatchObject({ code: 'unsupported-api-version', line: 2, column: 13 });
  });

  it('still declares the kind and name of a document that fails its schema', () => {
    const checked = schemaOf(teamDoc({ spec: { description: '' } }));
    expect(checked.typed).toBeUndefined();
    expect(checked.declared).toEqual({ kind: 'Team', name: 'labelers' });
  });
});

describe('checkSchema: one diagnostic per ajv keyword', () => {
  it.each<[string, SpecDoc, string]>([
    ['required', jobDoc({ spec: { output: undefined } }), 'missing-field spec: spec: missing required field "output"'],
    ['type', jobDoc({ spec: { task: { labels: 'Odd, Even' } } }), 'wrong-type spec.task.labels: spec.task.labels: must be a list, not a string ("Odd, Even")'],
    ['type (integer)', jobDoc({ spec: { workers: { perObject: 1.5 } } }), 'wrong-type spec.workers.perObject: spec.workers.perObject: must be a whole number, not a number (1.5)'],
    ['pattern', teamDoc({ name: 'My Team' }), 'invalid-format metadata.name: metadata.name: "My Team" is not valid'],
    ['minLength', teamDoc({ spec: { description: '' } }), 'invalid-length spec.description: spec.description: "" is 0 characters long; at least 1 allowed'],
    ['maxLength', teamDoc({ name: 'a'.repeat(64) }), `invalid-length metadata.name: metadata.name: "${'a'.repeat(64)}" is 64 characters long; at most 63 allowed`],
    ['minimum', jobDoc({ spec: { workers: { perObject: 0 } } }), 'out-of-range spec.workers.perObject: spec.workers.perObject: 0 is below the minimum of 1'],
    ['maximum', jobDoc({ spec: { workers: { maxConcurrentTasks: 5001 } } }), 'out-of-range spec.workers.maxConcurrentTasks: spec.workers.maxConcurrentTasks: 5001 is above the maximum of 5000'],
    ['minItems', workforceDoc({ spec: { sourceIpCidrs: [] } }), 'invalid-count spec.sourceIpCidrs: spec.sourceIpCidrs: has 0 entries; at least 1 allowed'],
    ['maxItems', jobDoc({ spec: { task: { keywords: ['a', 'b', 'c', 'd', 'e', 'f'] } } }), 'invalid-count spec.task.keywords: spec.task.keywords: has 6 entries; at most 5 allowed'],
    ['minProperties', jobDoc({ spec: { input: { fromPrefix: undefined } } }), 'invalid-count spec.input: spec.input: has 0 entries; at least 1 allowed'],
    ['maxProperties', jobDoc({ spec: { input: { manifest: 's3://b-1/m.manifest', fromPrefix: 's3://b-1/in/' } } }), 'invalid-count spec.input: spec.input: has 2 entries; at most 1 allowed'],
    ['uniqueItems', jobDoc({ spec: { task: { labels: ['Odd', 'Even', 'Odd'] } } }), 'duplicate-item spec.task.labels[2]: spec.task.labels: "Odd" is listed twice (also spec.task.labels[0])'],
    ['enum', jobDoc({ spec: { state: 'paused' } }), 'invalid-value spec.state: spec.state: "paused" is not one of "running", "stopped"'],
  ])('%s', (_, doc, expected) => {
    expect(problems(doc)).toEqual([expected]);
  });

  it('reports a value of the wrong length once, though its pattern fails too', () => {
    expect(problems(teamDoc({ spec: { userGroup: '' } }))).toEqual(['invalid-length spec.userGroup: spec.userGroup: "" is 0 characters long; at least 1 allowed']);
    expect(problems(teamDoc({ spec: { members: ['a@'] } }))).toEqual(['invalid-length spec.members[0]: spec.members[0]: "a@" is 2 characters long; at least 3 allowed']);
    // Only the same value: a pattern broken elsewhere is still reported.
    expect(problems(teamDoc({ spec: { userGroup: '', members: ['bob'] } })).map((p) => p.split(' ')[0])).toEqual(['invalid-format', 'invalid-length']);
  });

  it('takes the hint from the failing schema\'s description', () => {
    const [d] = schemaOf(jobDoc({ spec: { workers: { perObject: 10 } } })).diagnostics;
    expect(d!.hint).toBe('Workers who label each object (1-9, default 1); their answers are consolidated.');
  });

  it('points a missing field at the key of the mapping that lacks it', () => {
    const text = 'apiVersion: gtctl/v1\nkind: LabelingJob\nmetadata: { name: j }\nspec:\n  team: t\n';
    const missing = schemaOf(text).diagnostics.filter((d) => d.code === 'missing-field');
    expect(missing.map((d) => `${d.line}:${d.column} ${d.message}`)).toEqual([
      '4:1 spec: missing required field "input"',
      '4:1 spec: missing required field "output"',
      '4:1 spec: missing required field "task"',
    ]);
  });

  it('points a duplicate at the repetition, whatever order ajv gives the pair in', () => {
    const text = 'apiVersion: gtctl/v1\nkind: Team\nmetadata: { name: t }\nspec:\n  members:\n    - a@x.io\n    - b@x.io\n    - a@x.io\n';
    expect(schemaOf(text).diagnostics.map((d) => `${d.line}:${d.column} ${d.path}`)).toEqual(['8:7 spec.members[2]']);
  });

  it('shortens a long value in the message', () => {
    const [d] = schemaOf(workforceDoc({ spec: { invitation: { subject: `${'x'.repeat(200)}` } } })).diagnostics;
    expect(d!.code).toBe('invalid-length');
    expect(d!.message).toBe(`spec.invitation.subject: "${'x'.repeat(78)}… is 200 characters long; at most 140 allowed`);
  });
});

describe('checkSchema: unknown fields', () => {
  it('suggests the field one edit away or differing in case, at the key', () => {
    const text = 'apiVersion: gtctl/v1\nkind: Team\nmetadata: { name: t }\nspec:\n  member: []\n  Description: x\n';
    expect(schemaOf(text).diagnostics.map((d) => `${d.line}:${d.column} ${d.code} ${d.hint}`)).toEqual([
      '5:3 unknown-field Did you mean `members`?',
      '6:3 unknown-field Did you mean `description`?',
    ]);
  });

  it('lists the allowed fields when none is close', () => {
    const [d] = schemaOf(teamDoc({ spec: { colour: 'blue' } })).diagnostics;
    expect(d).toMatchObject({ code: 'unknown-field', path: 'spec.colour', message: 'spec: unknown field "colour"' });
    expect(d!.hint).toBe('Allowed fields here: description, members, userGroup, oidcGroups, notificationTopicArn, presignedUrlSourceIp, tags.');
  });

  it('reports unknown top-level fields against the document', () => {
    expect(problems({ ...teamDoc(), specs: {} })).toEqual(['unknown-field specs: document: unknown field "specs"']);
  });
});

describe('checkSchema: oneOf', () => {
  it('collapses a value that has the shape of no branch into one diagnostic, hinted with the accepted forms', () => {
    for (const [field, value] of [
      ['cors', 'ground-truth-vid'],
      ['encryption', 'sse-kms'],
      ['blockPublicAccess', 'yes'],
    ] as const) {
      const diagnostics = schemaOf(bucketDoc({ spec: { [field]: value } })).diagnostics;
      expect(diagnostics.map(brief)).toEqual([`invalid-value spec.${field}: spec.${field}: ${JSON.stringify(value)} is not a valid value`]);
      expect(diagnostics[0]!.hint).toMatch(/default/);
    }
  });

  it('reports the precise problem inside the one branch the value is shaped like', () => {
    expect(problems(bucketDoc({ spec: { cors: [{ allowedMethods: ['GET', 'FETCH'], allowedOrigins: ['*'] }] } }))).toEqual([
      'invalid-value spec.cors[0].allowedMethods[1]: spec.cors[0].allowedMethods[1]: "FETCH" is not one of "GET", "PUT", "HEAD", "POST", "DELETE"',
    ]);
    // The branch's schema is behind a $ref: still one diagnostic.
    expect(problems(bucketDoc({ spec: { encryption: { kmsKeyId: 'bad key!' } } }))).toEqual([
      'invalid-format spec.encryption.kmsKeyId: spec.encryption.kmsKeyId: "bad key!" is not valid',
    ]);
    expect(problems(bucketDoc({ spec: { blockPublicAccess: { blockPublicAcls: 'yes', ignorePublicAcl: true } } }))).toEqual([
      'unknown-field spec.blockPublicAccess.ignorePublicAcl: spec.blockPublicAccess: unknown field "ignorePublicAcl"',
      'wrong-type spec.blockPublicAccess.blockPublicAcls: spec.blockPublicAccess.blockPublicAcls: must be a boolean, not a string ("yes")',
    ]);
  });
});

describe('checkSchema: keys checked by propertyNames', () => {
  it('reports a bad tag key once, at the key, with the tag rules as the hint', () => {
    const text = 'apiVersion: gtctl/v1\nkind: Bucket\nmetadata: { name: gtctl-data }\nspec:\n  tags:\n    cost#center: x\n';
    const diagnostics = schemaOf(text).diagnostics;
    expect(diagnostics.map((d) => `${d.line}:${d.column} ${brief(d)}`)).toEqual(['6:5 invalid-format spec.tags.cost#center: spec.tags: key "cost#center" is not valid']);
    expect(diagnostics[0]!.hint).toMatch(/1-128 letters/);
  });

  it('says why a key is rejected when it is its length', () => {
    expect(problems(bucketDoc({ spec: { tags: { ['k'.repeat(129)]: 'v' } } }))).toEqual([
      `invalid-length spec.tags.${'k'.repeat(129)}: spec.tags: key "${'k'.repeat(78)}… is 129 characters long; at most 128 allowed`,
    ]);
  });
});

describe('schemas: AWS constraints a spec value feeds', () => {
  const valid = (doc: SpecDoc) => expect(problems(doc)).toEqual([]);
  const invalid = (doc: SpecDoc, code: string) => expect(schemaOf(doc).diagnostics.map((d) => d.code)).toEqual([code]);

  it('team and job names: letters, digits and inner hyphens, 1-63', () => {
    valid(teamDoc({ name: 'a' }));
    valid(teamDoc({ name: `a--${'b'.repeat(60)}` }));
    invalid(teamDoc({ name: '-a' }), 'invalid-format');
    invalid(teamDoc({ name: 'a-' }), 'invalid-format');
    invalid(teamDoc({ name: 'a_b' }), 'invalid-format');
    invalid(jobDoc({ name: 'j'.repeat(64) }), 'invalid-length');
    invalid(jobDoc({ name: 'odd even' }), 'invalid-format');
  });

  it('descriptions: 1-200 characters on one line', () => {
    valid(teamDoc({ spec: { description: 'd'.repeat(200) } }));
    invalid(teamDoc({ spec: { description: 'd'.repeat(201) } }), 'invalid-length');
    invalid(teamDoc({ spec: { description: 'two\nlines' } }), 'invalid-format');
    invalid(teamDoc({ spec: { description: 'trailing newline\n' } }), 'invalid-format');
  });

  it('workers: 1-9 per object, 1-5000 concurrent tasks, human-style durations', () => {
    valid(jobDoc({ spec: { workers: { perObject: 9, maxConcurrentTasks: 5000, taskTimeLimit: '1h30m', taskAvailability: '30d' } } }));
    invalid(jobDoc({ spec: { workers: { perObject: 10 } } }), 'out-of-range');
    invalid(jobDoc({ spec: { workers: { maxConcurrentTasks: 0 } } }), 'out-of-range');
    invalid(jobDoc({ spec: { workers: { taskTimeLimit: '5 minutes' } } }), 'invalid-format');
    invalid(jobDoc({ spec: { workers: { taskTimeLimit: '30m1h' } } }), 'invalid-format');
    invalid(jobDoc({ spec: { workers: { taskTimeLimit: 300 } } }), 'wrong-type');
  });

  it('CIDRs: 1-10 IPv4 or IPv6 blocks with a prefix length', () => {
    valid(workforceDoc({ spec: { sourceIpCidrs: ['10.0.0.0/16', '2001:db8::/32', '0.0.0.0/0'] } }));
    invalid(workforceDoc({ spec: { sourceIpCidrs: ['10.0.0.0'] } }), 'invalid-format');
    invalid(workforceDoc({ spec: { sourceIpCidrs: ['10.0.0.256/8'] } }), 'invalid-format');
    invalid(workforceDoc({ spec: { sourceIpCidrs: ['10.0.0.0/33'] } }), 'invalid-format');
    invalid(workforceDoc({ spec: { sourceIpCidrs: Array.from({ length: 11 }, (_, i) => `10.0.${i}.0/24`) } }), 'invalid-count');
  });

  it('labels unique and 1-256 characters; keywords 1-5 of letters, digits and single spaces', () => {
    valid(jobDoc({ spec: { task: { keywords: ['odd even', 'numbers'] } } }));
    invalid(jobDoc({ spec: { task: { labels: [] } } }), 'invalid-count');
    invalid(jobDoc({ spec: { task: { labels: ['Odd', 'l'.repeat(257)] } } }), 'invalid-length');
    invalid(jobDoc({ spec: { task: { keywords: ['odd-even'] } } }), 'invalid-format');
    invalid(jobDoc({ spec: { task: { keywords: ['odd  even'] } } }), 'invalid-format');
    invalid(jobDoc({ spec: { task: { keywords: ['k'.repeat(31)] } } }), 'invalid-length');
  });

  it('tags: keys 1-128 and values 0-256 of the allowed characters, at most 49 besides gtctl:project', () => {
    valid(bucketDoc({ spec: { tags: { 'cost center': '', 'a/b=c+d-e@f:g': 'x y' } } }));
    invalid(bucketDoc({ spec: { tags: { owner: 'data team (east)' } } }), 'invalid-format');
    invalid(bucketDoc({ spec: { tags: { owner: 'v'.repeat(257) } } }), 'invalid-length');
    invalid(bucketDoc({ spec: { tags: Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, 'v'])) } }), 'invalid-count');
  });

  it('bucket names: 3-63 lower-case letters, digits, dots and hyphens; a bucket may leave spec out', () => {
    valid({ apiVersion: 'gtctl/v1', kind: 'Bucket', metadata: { name: 'gtctl-data' } });
    invalid(bucketDoc({ name: 'ab' }), 'invalid-length');
    invalid(bucketDoc({ name: 'My_Bucket' }), 'invalid-format');
    invalid(bucketDoc({ name: 'bucket-' }), 'invalid-format');
  });

  it('Cognito domain prefixes: lower-case letters, digits and inner hyphens', () => {
    invalid(workforceDoc({ spec: { cognito: { domain: 'Labeling' } } }), 'invalid-format');
    invalid(workforceDoc({ spec: { cognito: { domain: '-labeling' } } }), 'invalid-format');
    invalid(workforceDoc({ spec: { cognito: { domain: 'd'.repeat(64) } } }), 'invalid-length');
  });

  it('e-mail addresses for members and Member names', () => {
    invalid(teamDoc({ spec: { members: ['bob'] } }), 'invalid-format');
    invalid({ apiVersion: 'gtctl/v1', kind: 'Member', metadata: { name: 'not an email' } }, 'invalid-format');
  });
});

describe('schemas: hints', () => {
  const DIRECTORY = new URL('../../schemas/', import.meta.url);
  const CHECKS = ['type', 'pattern', 'enum', 'const', 'minLength', 'maxLength', 'minimum', 'maximum', 'minItems', 'maxItems', 'uniqueItems', 'minProperties', 'maxProperties', 'oneOf', 'propertyNames'];

  /** Paths of schema nodes whose failures would come without a hint: the description is the hint. */
  function withoutHint(node: unknown, at: string, out: string[]): string[] {
    if (Array.isArray(node)) node.forEach((item, i) => withoutHint(item, `${at}/${i}`, out));
    if (typeof node !== 'object' || node === null || Array.isArray(node)) return out;
    const schema = node as Record<string, unknown>;
    if (CHECKS.some((k) => k in schema) && typeof schema.description !== 'string') out.push(at);
    const properties = (schema.properties ?? {}) as Record<string, Record<string, unknown>>;
    for (const field of (schema.required ?? []) as string[]) {
      if (field !== 'apiVersion' && typeof properties[field]?.description !== 'string') out.push(`${at}/required/${field}`);
    }
    for (const [key, value] of Object.entries(schema)) {
      // `properties` and `$defs` map names to schemas: each value is a schema, the map itself is not.
      if (key === 'properties' || key === '$defs') for (const [name, sub] of Object.entries(value as object)) withoutHint(sub, `${at}/${key}/${name}`, out);
      else if (key !== 'enum' && key !== 'const' && key !== 'required') withoutHint(value, `${at}/${key}`, out);
    }
    return out;
  }

  it('describes every check and every required field of the kind schemas', () => {
    const kinds = readdirSync(DIRECTORY).filter((name) => name.endsWith('.schema.json') && name !== 'gtctl.schema.json');
    expect(kinds).toHaveLength(7);
    for (const name of kinds) expect(withoutHint(JSON.parse(readFileSync(new URL(name, DIRECTORY), 'utf8')), name, []), name).toEqual([]);
  });

  it('gives a missing field the field\'s description as its hint', () => {
    const [d] = schemaOf('apiVersion: gtctl/v1\nkind: Team\nmetadata: {}\n').diagnostics;
    expect(d).toMatchObject({ code: 'missing-field', hint: 'The work team name: 1-63 letters, digits and hyphens, starting and ending with a letter or digit.' });
  });
});
