// The plan for scripts (`plan --json`, design §5) and the saved plan (`plan --out FILE`): the same document, the
// saved one carrying what apply needs. Keys in a fixed order and values with sorted keys: equal plans give
// byte-identical text, so a saved plan can be diffed, hashed and reviewed.
import { ACTIONS, type Action, type Change, type FieldDiff, type JobCost, type Plan, type PlanContext, type Summary } from '../core/plan.js';
import { GtctlError } from '../core/errors.js';
import type { Unmanaged } from '../core/unmanaged.js';
import { isSecretPath, withoutSecrets } from './secrets.js';

export interface PlanFileMeta {
  gtctlVersion: string;
  /** The spec directory the plan was made from, as given on the command line. */
  specDirectory: string;
}

/** The public fields of one change, in contract order. */
function publicChange(change: Change): Record<string, unknown> {
  const { address, action, blockedBy, reasons, dependsOn } = change;
  const cost = change.kind === 'job' && change.cost ? { cost: publicCost(change.cost) } : {};
  return { address, action, ...(blockedBy ? { blockedBy } : {}), diff: change.diff.filter((d) => !isSecretPath(d.path)).map(publicDiff), reasons, ...cost, dependsOn };
}

function publicDiff(d: FieldDiff): Record<string, unknown> {
  return { path: d.path, before: sortedKeys(withoutSecrets(d.before)), after: sortedKeys(withoutSecrets(d.after)) };
}

/** Keys in contract order, whatever order the value has them in. */
function publicCost({ objects, workersPerObject, pricePerTaskUsd, totalUsd }: JobCost): JobCost {
  return { objects, workersPerObject, pricePerTaskUsd, totalUsd };
}

/** `cost: { jobs, totalUsd }` after the summary, when the plan creates public jobs. */
function costOf(plan: Plan): Pick<Plan, 'cost'> {
  return plan.cost ? { cost: { jobs: plan.cost.jobs, totalUsd: plan.cost.totalUsd } } : {};
}

/** `waiting: [{ address, waitsFor, status }]` after the summary: chained jobs whose source has not finished. */
function waitingOf(plan: Plan): Pick<Plan, 'waiting'> {
  return plan.waiting ? { waiting: plan.waiting.map(({ address, waitsFor, status }) => ({ address, waitsFor, status })) } : {};
}

function summaryOf(summary: Summary): Record<Action, number> {
  return Object.fromEntries(ACTIONS.map((a) => [a, summary[a]])) as Record<Action, number>;
}

function head(plan: Plan): Record<string, unknown> {
  return { formatVersion: plan.formatVersion, project: plan.project, region: plan.region, account: plan.account };
}

/**
 * `plan --json`: `{ formatVersion, project, region, account, changes, summary }`, 2-space indented; with
 * `--show-unmanaged`, `unmanaged: { teams, users, jobs, buckets }` after the summary (absent otherwise).
 */
export function planJson(plan: Plan, extra: { unmanaged?: Unmanaged } = {}): string {
  const document = { ...head(plan), changes: plan.changes.map(publicChange), summary: summaryOf(plan.summary), ...costOf(plan), ...waitingOf(plan), ...(extra.unmanaged ? { unmanaged: extra.unmanaged } : {}) };
  return `${JSON.stringify(document, null, 2)}\n`;
}

/**
 * `plan --out FILE`: the public document, each change followed by the rest of its Change value (what apply reads:
 * kind, desired objects, live identifiers, steps), then `context`, `fingerprints` and `meta`.
 */
export function planFile(plan: Plan, meta: PlanFileMeta): string {
  const changes = plan.changes.map((change) => {
    const { address: _a, action: _b, blockedBy: _f, diff: _c, reasons: _d, dependsOn: _e, ...rest } = change;
    // A public job's cost is public already, in its contract order.
    const { cost: _g, ...applyOnly } = rest as typeof rest & { cost?: unknown };
    return { ...publicChange(change), ...(sortedKeys(applyOnly) as Record<string, unknown>) };
  });
  const document = {
    ...head(plan),
    changes,
    summary: summaryOf(plan.summary),
    ...costOf(plan),
    ...waitingOf(plan),
    context: sortedKeys(plan.context),
    fingerprints: sortedKeys(plan.fingerprints),
    meta: { gtctlVersion: meta.gtctlVersion, specDirectory: meta.specDirectory },
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

/** A copy with object keys sorted at every depth (arrays keep their order): key order never changes the bytes. */
function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return Object.fromEntries(entries.map(([k, v]) => [k, sortedKeys(v)]));
  }
  return value;
}

// --- reading a saved plan ---------------------------------------------------------------------------------------

// Every kind a saved plan may hold: a record over Change['kind'], so that the type checker refuses a kind added to
// the Plan and left out here (saved plans with its changes would be refused as invalid files).
const KIND: Record<Change['kind'], true> = { workforce: true, team: true, member: true, membership: true, bucket: true, object: true, role: true, job: true };
const KINDS = Object.keys(KIND);
const HINT = 'Make the plan again with `gtctl plan --out FILE` using this version of gtctl, then apply that file.';

function invalid(message: string, hint = HINT): GtctlError {
  return new GtctlError('invalid-plan-file', message, 'user', hint);
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStringList = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

/** Reads a saved plan and its meta; throws `invalid-plan-file` when it is not one this gtctl can apply. */
export function readSavedPlan(text: string): { plan: Plan; meta: PlanFileMeta } {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    throw invalid(`the plan file is not JSON (${(error as Error).message})`);
  }
  if (!isRecord(doc)) throw invalid('the plan file does not hold a JSON object');
  if (doc.formatVersion !== 1) {
    throw invalid(`the plan file has formatVersion ${JSON.stringify(doc.formatVersion ?? null)}; this gtctl reads formatVersion 1`);
  }
  for (const field of ['project', 'region', 'account'] as const) {
    if (typeof doc[field] !== 'string') throw invalid(`the plan file has no "${field}" string`);
  }
  if (!Array.isArray(doc.changes)) throw invalid('the plan file has no "changes" list');
  if (!isRecord(doc.context) || !isRecord(doc.fingerprints)) {
    throw invalid('the file has no "context" or "fingerprints": it looks like `plan --json` output, which cannot be applied', 'Save a plan for apply with `gtctl plan --out FILE`.');
  }
  const read = doc.context.read;
  if (!isRecord(read) || !isRecord(read.groupTeams)) throw invalid('the plan file\'s "context" has no "read" targets (which objects to read again at apply)');
  if (!Object.values(doc.fingerprints).every((v) => typeof v === 'string')) throw invalid('the plan file\'s "fingerprints" must map addresses to strings');
  doc.changes.forEach(checkChange);
  const summary = doc.summary;
  if (!isRecord(summary) || !ACTIONS.every((a) => typeof summary[a] === 'number')) throw invalid(`the plan file's "summary" must count every action (${ACTIONS.join(', ')})`);
  for (const action of ACTIONS.filter((a) => a !== 'no-op')) {
    const listed = doc.changes.filter((c) => (c as { action: string }).action === action).length;
    if (summary[action] !== listed) throw invalid(`the plan file's summary counts ${String(summary[action])} ${action} but lists ${listed}: the file was edited or is damaged`);
  }
  const meta = isRecord(doc.meta) && typeof doc.meta.gtctlVersion === 'string' && typeof doc.meta.specDirectory === 'string' ? { gtctlVersion: doc.meta.gtctlVersion, specDirectory: doc.meta.specDirectory } : undefined;
  if (!meta) throw invalid('the plan file has no "meta" with gtctlVersion and specDirectory');
  const plan: Plan = {
    formatVersion: 1,
    project: doc.project as string,
    region: doc.region as string,
    account: doc.account as string,
    changes: doc.changes as Change[],
    summary: summary as Summary,
    context: doc.context as unknown as PlanContext,
    fingerprints: doc.fingerprints as Record<string, string>,
    ...(isRecord(doc.cost) ? { cost: doc.cost as NonNullable<Plan['cost']> } : {}),
    ...(Array.isArray(doc.waiting) ? { waiting: doc.waiting as NonNullable<Plan['waiting']> } : {}),
  };
  return { plan, meta };
}

function checkChange(change: unknown, index: number): void {
  const where = `changes[${index}]`;
  if (!isRecord(change)) throw invalid(`${where} is not an object`);
  if (typeof change.address !== 'string' || !change.address.includes('/')) throw invalid(`${where} has no address`);
  const at = `${where} (${change.address})`;
  if (!ACTIONS.includes(change.action as Action) || change.action === 'no-op') throw invalid(`${at} has an unknown action ${JSON.stringify(change.action)}`);
  if (typeof change.kind !== 'string' || !KINDS.includes(change.kind)) throw invalid(`${at} has an unknown kind ${JSON.stringify(change.kind)}`);
  if (!change.address.startsWith(`${change.kind as string}/`)) throw invalid(`${at} does not match its kind "${change.kind as string}"`);
  if (!Array.isArray(change.diff) || !change.diff.every((d) => isRecord(d) && typeof d.path === 'string')) throw invalid(`${at} has no valid "diff" list`);
  if (!isStringList(change.reasons) || !isStringList(change.dependsOn)) throw invalid(`${at} needs "reasons" and "dependsOn" lists of strings`);
}
