// User attribute schemas: the standard attributes every pool has, the pool's custom attributes, and the checks AWS
// makes on the attributes of AdminCreateUser and AdminUpdateUserAttributes.
import { invalidParameter } from './find.js';
import type { PoolRecord, SchemaAttribute } from './state.js';

const text = (name: string, min = '0', mutable = true): SchemaAttribute => ({
  Name: name,
  AttributeDataType: 'String',
  DeveloperOnlyAttribute: false,
  Mutable: mutable,
  Required: false,
  StringAttributeConstraints: { MinLength: min, MaxLength: '2048' },
});
const flag = (name: string): SchemaAttribute => ({
  Name: name,
  AttributeDataType: 'Boolean',
  DeveloperOnlyAttribute: false,
  Mutable: true,
  Required: false,
});

/** The OpenID Connect standard attributes (and `sub`), as DescribeUserPool lists them for a new pool. */
const STANDARD: readonly SchemaAttribute[] = [
  { ...text('sub', '1', false), Required: true },
  text('name'),
  text('given_name'),
  text('family_name'),
  text('middle_name'),
  text('nickname'),
  text('preferred_username'),
  text('profile'),
  text('picture'),
  text('website'),
  text('email'),
  flag('email_verified'),
  text('gender'),
  { ...text('birthdate'), StringAttributeConstraints: { MinLength: '10', MaxLength: '10' } },
  text('zoneinfo'),
  text('locale'),
  text('phone_number'),
  flag('phone_number_verified'),
  text('address'),
  {
    Name: 'updated_at',
    AttributeDataType: 'Number',
    DeveloperOnlyAttribute: false,
    Mutable: true,
    Required: false,
    NumberAttributeConstraints: { MinValue: '0' },
  },
  text('identities'),
];

const STANDARD_NAMES = new Set(STANDARD.map((a) => a.Name));

/** Custom attributes per pool (AWS quota). */
const MAX_CUSTOM_ATTRIBUTES = 50;

/** Every attribute of the pool: standard ones with the pool's overrides applied, then custom ones in creation order. */
export function poolSchema(pool: PoolRecord): SchemaAttribute[] {
  const overrides = new Map(pool.schema.map((a) => [a.Name, a]));
  return [...STANDARD.map((a) => overrides.get(a.Name) ?? a), ...pool.schema.filter((a) => !STANDARD_NAMES.has(a.Name))];
}

/**
 * A schema entry of CreateUserPool or AddCustomAttributes as the pool stores it: a standard name changes that
 * attribute's Required/Mutable settings; any other name becomes `custom:<name>` (`dev:custom:<name>` if developer-only).
 */
export function schemaEntry(input: Partial<SchemaAttribute> & { Name?: string }, allowStandard: boolean): SchemaAttribute {
  const name = input.Name;
  if (!name) throw invalidParameter('Attribute name is required in a schema attribute.');
  const standard = STANDARD.find((a) => a.Name === name);
  if (standard && allowStandard) {
    if (name === 'sub') throw invalidParameter('sub: the attribute cannot be modified.');
    return { ...standard, Required: input.Required ?? standard.Required, Mutable: input.Mutable ?? standard.Mutable };
  }
  if (input.Required) throw invalidParameter('Required custom attributes are not supported currently.');
  const type = input.AttributeDataType ?? 'String';
  return {
    Name: `${input.DeveloperOnlyAttribute ? 'dev:' : ''}custom:${name}`,
    AttributeDataType: type,
    DeveloperOnlyAttribute: input.DeveloperOnlyAttribute ?? false,
    Mutable: input.Mutable ?? true,
    Required: false,
    ...(type === 'Number' && { NumberAttributeConstraints: input.NumberAttributeConstraints ?? {} }),
    ...(type === 'String' && { StringAttributeConstraints: input.StringAttributeConstraints ?? {} }),
  };
}

/** Adds entries to the pool's schema, all or none. */
export function addSchemaEntries(pool: PoolRecord, entries: SchemaAttribute[]): void {
  const schema = [...pool.schema];
  for (const entry of entries) {
    const existing = schema.findIndex((a) => a.Name === entry.Name);
    if (existing >= 0 && !STANDARD_NAMES.has(entry.Name)) throw invalidParameter(`Existing attribute already has name ${entry.Name}.`);
    if (existing >= 0) schema[existing] = entry;
    else schema.push(entry);
  }
  if (schema.filter((a) => !STANDARD_NAMES.has(a.Name)).length > MAX_CUSTOM_ATTRIBUTES)
    throw invalidParameter(`A user pool can have at most ${MAX_CUSTOM_ATTRIBUTES} custom attributes.`);
  pool.schema = schema;
}

export interface AttributeInput {
  Name: string;
  Value?: string;
}

const nonConforming = (name: string, why: string) => invalidParameter(`Attributes did not conform to the schema: ${name}: ${why}`);

/**
 * Checks attributes against the pool's schema. `creating` also demands the required attributes; otherwise the
 * attributes update an existing user and immutable ones are refused.
 */
export function checkAttributes(pool: PoolRecord, attributes: readonly AttributeInput[], creating: boolean): void {
  const schema = new Map(poolSchema(pool).map((a) => [a.Name, a]));
  for (const { Name: name, Value: value = '' } of attributes) {
    const attribute = schema.get(name);
    if (!attribute) throw nonConforming(name, 'Attribute does not exist in the schema.');
    if (name === 'sub' || (!creating && !attribute.Mutable))
      throw nonConforming(name, 'Attribute cannot be updated. (changing an immutable attribute)');
    checkValue(attribute, value);
  }
  if (!creating) return;
  const given = new Set(attributes.filter((a) => a.Value).map((a) => a.Name));
  for (const attribute of schema.values()) {
    if (attribute.Required && attribute.Name !== 'sub' && !given.has(attribute.Name))
      throw nonConforming(attribute.Name, 'The attribute is required');
  }
}

function checkValue(attribute: SchemaAttribute, value: string): void {
  const name = attribute.Name;
  if (attribute.AttributeDataType === 'Boolean' && value !== 'true' && value !== 'false')
    throw nonConforming(name, 'Attribute value must be true or false.');
  if (attribute.AttributeDataType === 'Number' && value !== '' && !Number.isFinite(Number(value)))
    throw nonConforming(name, 'Attribute value must be a number.');
  const { MinLength, MaxLength } = attribute.StringAttributeConstraints ?? {};
  const length = [...value].length;
  if (value !== '' && ((MinLength && length < Number(MinLength)) || (MaxLength && length > Number(MaxLength))))
    throw nonConforming(name, `String must be between ${MinLength ?? 0} and ${MaxLength ?? 2048} characters.`);
  if (name === 'email' && value !== '' && !EMAIL.test(value)) throw invalidParameter('Invalid email address format.');
  if (name === 'phone_number' && value !== '' && !PHONE.test(value)) throw invalidParameter('Invalid phone number format.');
}

// Loose, like AWS's own checks: one @ with something on both sides; E.164 for phone numbers.
export const EMAIL = /^[^@\s]+@[^@\s]+$/u;
export const PHONE = /^\+[0-9]{4,15}$/;
