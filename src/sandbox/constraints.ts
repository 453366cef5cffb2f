// Input constraint tables and the validator that enforces them before an operation runs.
// Each service writes its own table by hand (`<service>/constraints.ts`); `constraints.test.ts` cross-checks the
// tables against the AWS models so the sandbox rejects exactly what AWS rejects.

export type Shape =
  | { type: 'string'; min?: number; max?: number; pattern?: string; enum?: readonly string[] }
  | { type: 'integer' | 'float'; min?: number; max?: number }
  | { type: 'boolean' }
  | { type: 'timestamp' }
  | { type: 'blob' }
  | { type: 'list'; member: Shape; min?: number; max?: number }
  | { type: 'map'; key: Shape; value: Shape; min?: number; max?: number }
  | { type: 'structure'; members: Readonly<Record<string, Shape>>; required?: readonly string[] };

/** Operation name -> its input structure. */
export type ConstraintTable = Readonly<Record<string, Shape & { type: 'structure' }>>;

// Smithy patterns are Java regexes; with the `u` flag JavaScript accepts the \p{..} classes they use. Java's leading
// inline flags (`^(?s)` in Cognito's SmsInviteMessageType) are not JavaScript syntax: they become RegExp flags, so
// tables can copy the model's pattern verbatim.
const compiled = new Map<string, RegExp>();
function regex(pattern: string): RegExp {
  let re = compiled.get(pattern);
  if (!re) {
    const inline = /^(\^?)\(\?([ims]+)\)/.exec(pattern);
    re = inline ? new RegExp(inline[1] + pattern.slice(inline[0].length), `u${inline[2]}`) : new RegExp(pattern, 'u');
    compiled.set(pattern, re);
  }
  return re;
}

/**
 * The first violation of `shape` by `value`, phrased as AWS phrases it
 * ("1 validation error detected: Value 'x' at 'workteamName' failed to satisfy constraint: ..."), or undefined.
 */
export function firstViolation(shape: Shape, value: unknown, path = ''): string | undefined {
  if (value === undefined || value === null) return undefined;
  const at = (constraint: string, shown: unknown = value) =>
    `1 validation error detected: Value '${String(shown)}' at '${path}' failed to satisfy constraint: ${constraint}`;
  switch (shape.type) {
    case 'string': {
      if (typeof value !== 'string') return at('Member must be a string');
      const length = [...value].length;
      if (shape.min !== undefined && length < shape.min)
        return at(`Member must have length greater than or equal to ${shape.min}`);
      if (shape.max !== undefined && length > shape.max)
        return at(`Member must have length less than or equal to ${shape.max}`);
      if (shape.pattern !== undefined && !regex(shape.pattern).test(value))
        return at(`Member must satisfy regular expression pattern: ${shape.pattern}`);
      if (shape.enum !== undefined && !shape.enum.includes(value))
        return at(`Member must satisfy enum value set: [${shape.enum.join(', ')}]`);
      return undefined;
    }
    case 'integer':
    case 'float': {
      if (typeof value !== 'number' || (shape.type === 'integer' && !Number.isInteger(value)))
        return at(`Member must be ${shape.type === 'integer' ? 'an integer' : 'a number'}`);
      if (shape.min !== undefined && value < shape.min)
        return at(`Member must have value greater than or equal to ${shape.min}`);
      if (shape.max !== undefined && value > shape.max)
        return at(`Member must have value less than or equal to ${shape.max}`);
      return undefined;
    }
    case 'boolean':
      return typeof value === 'boolean' ? undefined : at('Member must be a boolean');
    case 'timestamp':
      return typeof value === 'number' || typeof value === 'string' ? undefined : at('Member must be a timestamp');
    case 'blob':
      return undefined;
    case 'list': {
      if (!Array.isArray(value)) return at('Member must be a list', JSON.stringify(value));
      if (shape.min !== undefined && value.length < shape.min)
        return at(`Member must have length greater than or equal to ${shape.min}`, JSON.stringify(value));
      if (shape.max !== undefined && value.length > shape.max)
        return at(`Member must have length less than or equal to ${shape.max}`, JSON.stringify(value));
      for (let i = 0; i < value.length; i++) {
        const problem = firstViolation(shape.member, value[i], `${path}.${i + 1}.member`);
        if (problem) return problem;
      }
      return undefined;
    }
    case 'map': {
      if (typeof value !== 'object' || Array.isArray(value)) return at('Member must be a map', JSON.stringify(value));
      const entries = Object.entries(value as Record<string, unknown>);
      if (shape.min !== undefined && entries.length < shape.min)
        return at(`Member must have length greater than or equal to ${shape.min}`, JSON.stringify(value));
      if (shape.max !== undefined && entries.length > shape.max)
        return at(`Member must have length less than or equal to ${shape.max}`, JSON.stringify(value));
      for (const [k, v] of entries) {
        const problem = firstViolation(shape.key, k, `${path}.key`) ?? firstViolation(shape.value, v, `${path}.${k}`);
        if (problem) return problem;
      }
      return undefined;
    }
    case 'structure': {
      if (typeof value !== 'object' || Array.isArray(value)) return at('Member must be a structure');
      const record = value as Record<string, unknown>;
      for (const name of shape.required ?? []) {
        if (record[name] === undefined || record[name] === null)
          return `1 validation error detected: Value null at '${join(path, name)}' failed to satisfy constraint: Member must not be null`;
      }
      for (const [name, member] of Object.entries(shape.members)) {
        const problem = firstViolation(member, record[name], join(path, name));
        if (problem) return problem;
      }
      return undefined;
    }
  }
}

// AWS names members in validation messages with a lower-case first letter ("workteamName").
function join(path: string, member: string): string {
  const name = member.charAt(0).toLowerCase() + member.slice(1);
  return path ? `${path}.${name}` : name;
}
