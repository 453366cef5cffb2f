import { describe, expect, it } from 'vitest';
import { GtctlError } from '../core/errors.js';
import type { Plan } from '../core/plan.js';
import { planFile, planJson, readSavedPlan } from './plan-json.js';
import { plans, TEAM } from './test-support.js';

const META = { gtctlVersion: '0.1.0', specDirectory: 'specs' };

/** The same plan with every object's keys inserted in reverse order: equal as a value, different as JS objects. */
function reversedKeys<T>(value: T): T {
  if (Array.isArray(value)) return value.map(reversedKeys) as T;
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reversedKeys(v)])) as T;
  return value;
}

function rejection(text: string): GtctlError {
  try {
    readSavedPlan(text);
  } catch (error) {
    if (error instanceof GtctlError) return error;
    throw error;
  }
  throw new Error('expected readSavedPlan to throw');
}

describe('planJson', () => {
  it('is the design §5 document, keys in contract order, 2-space indented, with a trailing newline', () => {
    const p = plans.workforceUpdate();
    const text = planJson(p);
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.startsWith('{\n  "formatVersion": 1,\n  "project": "proj",\n  "region": "us-east-1",\n  "account": "000000000000",\n  "changes": [\n')).toBe(true);
    const doc = JSON.parse(text);
    expect(Object.keys(doc)).toEqual(['formatVersion', 'project', 'region', 'account', 'changes', 'summary']);
    expect(Object.keys(doc.changes[0])).toEqual(['address', 'action', 'diff', 'reasons', 'dependsOn']);
    expect(Object.keys(doc.summary)).toEqual(['create', 'update', 'delete', 'stop', 'blocked', 'no-op']);
    expect(doc.changes[1]).toEqual({
      address: `team/${TEAM}`,
      action: 'update',
      diff: [
        { path: 'description', before: 'Workers who classify numbers as odd or even', after: 'Odd or even' },
        { path: 'tags.cost', after: 'ml' },
      ],
      reasons: ['description changed', 'tags changed'],
      dependsOn: [],
    });
    expect(doc.summary).toEqual({ create: 0, update: 2, delete: 0, stop: 0, blocked: 0, 'no-op': 4 });
  });

  it('says what blocks a blocked change with its code, after the action', () => {
    const doc = JSON.parse(planJson(plans.blockedClash()));
    const blocked = doc.changes.find((c: { action: string }) => c.action === 'blocked');
    expect(Object.keys(blocked)).toEqual(['address', 'action', 'blockedBy', 'diff', 'reasons', 'dependsOn']);
    expect(blocked).toMatchObject({ address: 'team/labelers', blockedBy: 'not-managed' });
  });

  it('gives a public job its cost, and the plan the total after the summary', () => {
    const doc = JSON.parse(planJson(plans.publicJob()));
    expect(doc.changes[0]).toMatchObject({ address: 'job/crowd-job', cost: { objects: 3, workersPerObject: 2, pricePerTaskUsd: 0.036, totalUsd: 0.216 } });
    expect(Object.keys(doc)).toEqual(['formatVersion', 'project', 'region', 'account', 'changes', 'summary', 'cost']);
    expect(doc.cost).toEqual({ jobs: 1, totalUsd: 0.216 });
    // The saved plan carries the same, and reads back with it.
    const saved = readSavedPlan(planFile(plans.publicJob(), META)).plan;
    expect(saved.cost).toEqual({ jobs: 1, totalUsd: 0.216 });
  });

  it('lists dependencies, and nothing apply-only (kind, desired objects, fingerprints)', () => {
    const doc = JSON.parse(planJson(plans.addAlice()));
    expect(doc.changes[1]).toEqual({ address: `membership/${TEAM}/alice@example.com`, action: 'create', diff: [], reasons: [`add to team ${TEAM}`], dependsOn: ['member/alice@example.com'] });
    expect(planJson(plans.addAlice())).not.toMatch(/"kind"|"fingerprints"|"context"/);
  });

  it('is byte-identical for equal plans, whatever the key order of the values', () => {
    for (const make of Object.values(plans)) {
      expect(planJson(make())).toBe(planJson(make()));
      expect(planJson(reversedKeys(make()))).toBe(planJson(make()));
    }
  });

  it('never carries a secret-named field', () => {
    const p = plans.workforceUpdate();
    const leaky: Plan = { ...p, changes: [{ ...p.changes[0]!, diff: [{ path: 'oidc.clientSecret', after: 's3cr3t' }, { path: 'oidc.extra', after: { password: 's3cr3t', prompt: 'login' } }] }] };
    expect(planJson(leaky)).not.toContain('s3cr3t');
    expect(planJson(leaky)).toContain('"prompt": "login"');
  });
});

describe('planFile / readSavedPlan', () => {
  it('round-trips every realistic plan', () => {
    for (const make of Object.values(plans)) expect(readSavedPlan(planFile(make(), META)).plan).toEqual(make());
  });

  it('is the public document plus what apply needs, byte-identical for equal plans', () => {
    const p = plans.freshAccount();
    const text = planFile(p, META);
    const doc = JSON.parse(text);
    expect(Object.keys(doc)).toEqual(['formatVersion', 'project', 'region', 'account', 'changes', 'summary', 'context', 'fingerprints', 'meta']);
    expect(Object.keys(doc.changes[0]).slice(0, 5)).toEqual(['address', 'action', 'diff', 'reasons', 'dependsOn']);
    expect(doc.changes[0].kind).toBe('workforce');
    expect(doc.fingerprints).toEqual(p.fingerprints);
    expect(doc.meta).toEqual(META);
    expect(planFile(reversedKeys(p), META)).toBe(text);
    expect(readSavedPlan(text).meta).toEqual(META);
  });

  it('rejects another formatVersion, with a hint', () => {
    const doc = JSON.parse(planFile(plans.addAlice(), META));
    const error = rejection(JSON.stringify({ ...doc, formatVersion: 2 }));
    expect(error).toMatchObject({ code: 'invalid-plan-file', source: 'user' });
    expect(error.message).toContain('formatVersion 2');
    expect(error.hint).toContain('gtctl plan --out');
  });

  it('rejects `plan --json` output, which cannot be applied', () => {
    const error = rejection(planJson(plans.addAlice()));
    expect(error.message).toContain('plan --json');
    expect(error.hint).toBe('Save a plan for apply with `gtctl plan --out FILE`.');
  });

  it.each([
    ['not JSON', () => 'plan: yes', 'not JSON'],
    ['an array', () => '[]', 'JSON object'],
    ['an unknown kind', () => edit((d) => (d.changes[0].kind = 'workteam')), 'unknown kind'],
    ['a no-op change', () => edit((d) => (d.changes[0].action = 'no-op')), 'unknown action'],
    ['an address that does not match its kind', () => edit((d) => (d.changes[0].address = 'team/x')), 'does not match'],
    ['a summary that does not match the changes', () => edit((d) => (d.summary.create = 7)), 'summary counts 7 create'],
    ['no meta', () => edit((d) => delete d.meta), '"meta"'],
  ])('rejects %s', (_name, text, message) => {
    expect(rejection(text()).message).toContain(message);
  });
});

function edit(change: (doc: any) => void): string {
  const doc = JSON.parse(planFile(plans.addAlice(), META));
  change(doc);
  return JSON.stringify(doc);
}
