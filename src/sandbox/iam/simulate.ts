// SimulatePrincipalPolicy for a role of the account: each action on each resource, decided by the role's inline
// policies (and any PolicyInputList documents) through the evaluator (policy-evaluation.ts), with the request's
// ContextEntries as condition keys. One result per action and resource, actions first, paged by MaxItems (default
// 100) with IsTruncated and Marker, as the API reference describes.
import { ServiceError, type RequestContext } from '../service.js';
import { element } from '../server/query-wire.js';
import { evaluate, type EvaluationRequest } from './policy-evaluation.js';
import { heldRole } from './role-permissions.js';

interface ContextEntry {
  ContextKeyName?: string;
  ContextKeyValues?: string[];
  ContextKeyType?: string;
}

interface SimulateInput {
  PolicySourceArn: string;
  ActionNames: string[];
  ResourceArns?: string[];
  PolicyInputList?: string[];
  ContextEntries?: ContextEntry[];
  Marker?: string;
  MaxItems?: number;
}

const DEFAULT_MAX_ITEMS = 100;

/** ContextKeyType says how to read the values: lists stay lists, numbers and booleans are converted. */
function contextOf(entries: readonly ContextEntry[]): NonNullable<EvaluationRequest['context']> {
  const context: NonNullable<EvaluationRequest['context']> = {};
  for (const { ContextKeyName: name, ContextKeyValues: values = [], ContextKeyType: type = 'string' } of entries) {
    if (!name) continue;
    if (type.endsWith('List')) context[name] = values;
    else if (type === 'numeric') context[name] = Number(values[0]);
    else if (type === 'boolean') context[name] = values[0] === 'true';
    else if (values[0] !== undefined) context[name] = values[0];
  }
  return context;
}

export const simulateOperations = {
  SimulatePrincipalPolicy(input: SimulateInput, ctx: RequestContext): string {
    const role = heldRole(ctx.state, ctx.account, input.PolicySourceArn);
    if (!role) throw new ServiceError('NoSuchEntity', `Entity ${input.PolicySourceArn} does not exist. The sandbox simulates only roles of account ${ctx.account}.`, 404);
    const policies = [
      ...Object.entries(role.policies).map(([policyName, document]) => ({ name: policyName, document })),
      ...(input.PolicyInputList ?? []).map((document, i) => ({ name: `PolicyInputList.${i + 1}`, document })),
    ];
    const context = contextOf(input.ContextEntries ?? []);
    const pairs = input.ActionNames.flatMap((action) => (input.ResourceArns?.length ? input.ResourceArns : ['*']).map((resource) => ({ action, resource })));
    const start = input.Marker === undefined ? 0 : Number(input.Marker);
    if (!Number.isInteger(start) || start < 0 || start > pairs.length) throw new ServiceError('InvalidInput', `Invalid Marker ${input.Marker}.`);
    const page = pairs.slice(start, start + (input.MaxItems ?? DEFAULT_MAX_ITEMS));
    const results = page.map(({ action, resource }) => {
      const { decision, matchedStatements } = evaluate(policies, { action, resource, context });
      const matched = matchedStatements.map((m) => `<member>${element('SourcePolicyId', m.policy)}${element('SourcePolicyType', 'IAM Policy')}</member>`).join('');
      return `<member>${element('EvalActionName', action)}${element('EvalResourceName', resource)}${element('EvalDecision', decision)}<MatchedStatements>${matched}</MatchedStatements><MissingContextValues/></member>`;
    });
    const next = start + page.length;
    return `<EvaluationResults>${results.join('')}</EvaluationResults>${element('IsTruncated', String(next < pairs.length))}${next < pairs.length ? element('Marker', String(next)) : ''}`;
  },
};
