// A role's trust policy (AssumeRolePolicyDocument): who may assume the role. Its grammar differs from a permissions
// policy's: each statement names a `Principal` and has no `Resource` (IAM answers MalformedPolicyDocument "Has
// prohibited field Resource"). The sandbox reads only what SageMaker's use of a role needs: whether an AWS service
// may assume it. Conditions (aws:SourceAccount, aws:SourceArn) are not evaluated: a statement with them counts as
// trusting its principals (INFERRED; SageMaker sends the job's account and ARN, which such conditions name).
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): unknown[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

interface TrustStatement {
  effect: 'Allow' | 'Deny';
  services: string[];
  anyone: boolean;
  actions: string[];
}

/** The statements, or the first problem IAM would answer MalformedPolicyDocument with. */
function parseTrust(document: string): TrustStatement[] | string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(document);
  } catch {
    return 'Syntax errors in policy.';
  }
  if (!isObject(parsed) || parsed['Statement'] === undefined) return 'Syntax errors in policy.';
  const statements: TrustStatement[] = [];
  for (const raw of list(parsed['Statement'])) {
    if (!isObject(raw)) return 'Syntax errors in policy.';
    if (raw['Effect'] !== 'Allow' && raw['Effect'] !== 'Deny') return 'Syntax errors in policy.';
    if (raw['Resource'] !== undefined || raw['NotResource'] !== undefined) return 'Has prohibited field Resource';
    const principal = raw['Principal'];
    if (principal === undefined && raw['NotPrincipal'] === undefined) return 'Missing required field Principal';
    const actions = list(raw['Action']);
    if (actions.length === 0 || !actions.every((a) => typeof a === 'string')) return 'Missing required field Action';
    statements.push({
      effect: raw['Effect'],
      anyone: principal === '*' || (isObject(principal) && list(principal['AWS']).includes('*')),
      services: isObject(principal) ? list(principal['Service']).filter((s): s is string => typeof s === 'string') : [],
      actions: actions as string[],
    });
  }
  return statements;
}

export function trustPolicyProblems(document: string): string[] {
  const parsed = parseTrust(document);
  return typeof parsed === 'string' ? [parsed] : [];
}

const assumes = (action: string) => ['sts:assumerole', 'sts:*', '*'].includes(action.toLowerCase());

/** Whether the service principal (`sagemaker.amazonaws.com`) may assume a role with this trust policy. */
export function trustsService(document: string, service: string): boolean {
  const parsed = parseTrust(document);
  if (typeof parsed === 'string') return false;
  const applies = (s: TrustStatement) => (s.anyone || s.services.includes(service)) && s.actions.some(assumes);
  return parsed.some((s) => s.effect === 'Allow' && applies(s)) && !parsed.some((s) => s.effect === 'Deny' && applies(s));
}
