import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { CommentedDocument, WrittenComment, WrittenTree } from '../spec/write.js';
import type { WrittenDocument } from '../spec/written.js';
import { schemaModeline, specFiles } from './spec-writer.js';

/** A document of `kind` with a partial spec: the layout does not care whether it validates. */
function doc<K extends WrittenDocument['kind']>(kind: K, name: string, spec: Record<string, unknown>, comments: WrittenComment[] = []): CommentedDocument<Extract<WrittenDocument, { kind: K }>> {
  return { document: { apiVersion: 'gtctl/v1', kind, metadata: { name, adopt: true }, spec } as Extract<WrittenDocument, { kind: K }>, comments };
}

function aTree(overrides: Partial<WrittenTree> = {}): WrittenTree {
  return {
    project: doc('Project', 'imported', { region: 'us-east-1' }, [{ path: [], text: ' Imported.' }]),
    workforce: doc('Workforce', 'default', { cognito: { userPool: 'us-east-1_abc', clientId: 'xyz' } }),
    teams: [doc('Team', 'a', { description: 'A', members: ['x@example.com'] }), doc('Team', 'b', { description: 'B', members: [] })],
    buckets: [doc('Bucket', 'data', { cors: 'ground-truth' })],
    jobs: [doc('LabelingJob', 'job', { task: { type: 'custom', labels: ['Odd', 'Even'] } }, [{ path: ['spec', 'task', 'type'], text: ' its own Lambda functions' }])],
    ...overrides,
  };
}

describe('specFiles', () => {
  it('writes one file per kind, each starting with its schema modeline', () => {
    const files = specFiles(aTree());
    expect(files.map((f) => f.path)).toEqual(['project.yaml', 'workforce.yaml', 'teams.yaml', 'buckets.yaml', 'jobs.yaml']);
    expect(files[4]!.text.split('\n')[0]).toBe('# yaml-language-server: $schema=https://gtctl.dev/schemas/v1/labelingjob.schema.json');
    expect(schemaModeline('Team')).toMatch(/team\.schema\.json$/);
  });

  it('keeps the documents as data, several to a file', () => {
    const teams = specFiles(aTree()).find((f) => f.path === 'teams.yaml')!.text;
    const docs = teams.split(/^---$/m).map((text) => parse(text));
    expect(docs.map((d) => d.metadata)).toEqual([{ name: 'a', adopt: true }, { name: 'b', adopt: true }]);
    expect(docs[0].spec.members).toEqual(['x@example.com']);
  });

  it('puts comments above the document and beside values, and short lists on one line', () => {
    const files = specFiles(aTree());
    expect(files[0]!.text).toContain('# Imported.\napiVersion: gtctl/v1\n');
    const jobs = files.find((f) => f.path === 'jobs.yaml')!.text;
    expect(jobs).toContain('type: custom # its own Lambda functions');
    expect(jobs).toContain('labels: [Odd, Even]');
  });

  it('writes teams one file each when there are more than 10', () => {
    const teams = Array.from({ length: 11 }, (_, i) => doc('Team', `t${String(i).padStart(2, '0')}`, { description: 'x', members: [] }));
    const paths = specFiles(aTree({ teams })).map((f) => f.path);
    expect(paths).toContain('teams/t00.yaml');
    expect(paths).not.toContain('teams.yaml');
  });

  it('writes teams one file each when they have more than 200 members in all', () => {
    const members = Array.from({ length: 201 }, (_, i) => `w${i}@example.com`);
    const paths = specFiles(aTree({ teams: [doc('Team', 'big', { description: 'x', members })] })).map((f) => f.path);
    expect(paths).toContain('teams/big.yaml');
  });

  it('leaves out files of kinds with no documents, and gives the same bytes for the same tree', () => {
    const { workforce: _, ...rest } = aTree({ teams: [], buckets: [], jobs: [] });
    expect(specFiles(rest).map((f) => f.path)).toEqual(['project.yaml']);
    expect(specFiles(aTree())).toEqual(specFiles(aTree()));
  });
});
