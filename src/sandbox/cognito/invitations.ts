// Temporary passwords and invitation messages: what AdminCreateUser (and its RESEND) "sends". E-mails go to the
// outbox that tests read through the admin route `outbox`; SMS delivery is not modelled (nothing is recorded).
import { randomInt } from 'node:crypto';
import { ServiceError } from '../service.js';
import { invalidParameter } from './find.js';
import type { OutboxEmail, PoolRecord, UserRecord } from './state.js';
import { signInName } from './users.js';

// AWS's own default invitation, used when the pool has no InviteMessageTemplate.
const DEFAULT_SUBJECT = 'Your temporary password';
const DEFAULT_MESSAGE = 'Your username is {username} and temporary password is {####}.';

const UPPER = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const LOWER = 'abcdefghijkmnopqrstuvwxyz';
const DIGITS = '23456789';
const SYMBOLS = '^$*.!@#%&-_=+';

interface PasswordPolicy {
  MinimumLength?: number;
  RequireUppercase?: boolean;
  RequireLowercase?: boolean;
  RequireNumbers?: boolean;
  RequireSymbols?: boolean;
  TemporaryPasswordValidityDays?: number;
}

function policyOf(pool: PoolRecord): PasswordPolicy {
  return (pool.settings.Policies['PasswordPolicy'] ?? {}) as PasswordPolicy;
}

/** A password that satisfies the pool's policy: one character of each class, then random ones. */
export function generatePassword(pool: PoolRecord): string {
  const pick = (chars: string) => chars[randomInt(chars.length)]!;
  const all = UPPER + LOWER + DIGITS + SYMBOLS;
  const chars = [pick(UPPER), pick(LOWER), pick(DIGITS), pick(SYMBOLS)];
  while (chars.length < Math.max(policyOf(pool).MinimumLength ?? 8, 12)) chars.push(pick(all));
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }
  return chars.join('');
}

/** AWS's InvalidPasswordException messages for a TemporaryPassword that breaks the pool's policy. */
export function checkPassword(pool: PoolRecord, password: string): void {
  const policy = policyOf(pool);
  const fail = (why: string) => new ServiceError('InvalidPasswordException', `Password does not conform to policy: ${why}`);
  if (password.length < (policy.MinimumLength ?? 8)) throw fail('Password not long enough');
  if (policy.RequireUppercase && !/\p{Lu}/u.test(password)) throw fail('Password must have uppercase characters');
  if (policy.RequireLowercase && !/\p{Ll}/u.test(password)) throw fail('Password must have lowercase characters');
  if (policy.RequireNumbers && !/[0-9]/.test(password)) throw fail('Password must have numeric characters');
  if (policy.RequireSymbols && !/[^\p{L}\p{N}\s]/u.test(password)) throw fail('Password must have symbol characters');
}

/** Whether a temporary password issued at `issuedMs` has run out (the pool's TemporaryPasswordValidityDays). */
export function temporaryPasswordExpired(pool: PoolRecord, issuedMs: number, nowMs: number): boolean {
  const days = policyOf(pool).TemporaryPasswordValidityDays ?? 7;
  return nowMs > issuedMs + days * 86_400_000;
}

export interface Invitation {
  password: string;
  kind: OutboxEmail['kind'];
  /** DesiredDeliveryMediums as requested; AWS's default is SMS. */
  mediums: readonly string[] | undefined;
}

/**
 * The e-mail to record for an invitation, or undefined when none is sent. Throws, so that the caller stores nothing,
 * when EMAIL is asked for a user without an e-mail address.
 */
export function invitationEmail(pool: PoolRecord, user: UserRecord, invitation: Invitation, nowMs: number): OutboxEmail | undefined {
  if (!(invitation.mediums ?? ['SMS']).includes('EMAIL')) return undefined;
  const to = user.attributes['email'];
  if (!to) throw invalidParameter('EMAIL is in DesiredDeliveryMediums, but the user has no email attribute to send the invitation to.');
  const template = pool.settings.AdminCreateUserConfig.InviteMessageTemplate ?? {};
  const message = template.EmailMessage ?? DEFAULT_MESSAGE;
  // The developer guide: a template without the password placeholder is not delivered (fix it, then RESEND).
  if (!message.includes('{####}')) return undefined;
  // {username} is the name the user signs in with (their e-mail in e-mail pools: UNCONFIRMED). Replacer functions:
  // a `$` in a password or username must not be read as a replacement pattern.
  const username = signInName(pool, user);
  const fill = (text: string) => text.replaceAll('{username}', () => username).replaceAll('{####}', () => invitation.password);
  return {
    time: nowMs,
    pool: pool.id,
    to,
    subject: fill(template.EmailSubject ?? DEFAULT_SUBJECT),
    message: fill(message),
    kind: invitation.kind,
  };
}
