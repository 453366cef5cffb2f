// Whether an invitation e-mail goes out (realistic only; --ideal sends every one):
// - Cognito's default sender (EmailSendingAccount COGNITO_DEFAULT) sends at most 50 e-mails a day per account, by UTC
//   day of the sandbox clock; then AdminCreateUser answers LimitExceededException (aws-evidence A5). A pool that sends
//   through SES (`DEVELOPER` with a SourceArn) has no such limit.
// - Now and then a delivery fails: CodeDeliveryFailureException, though the user is created or its password renewed
//   all the same (A6). A failed delivery does not count toward the day's e-mails.
import { ServiceError, type RequestContext } from '../service.js';
import type { PoolRecord } from './state.js';

export const DEFAULT_SENDER_DAILY_LIMIT = 50;

export type Delivery = 'send' | 'limit' | 'undelivered';

/** The UTC day of the sandbox clock, as `YYYY-MM-DD`. */
function dayOf(ctx: RequestContext): string {
  return ctx.now().toISOString().slice(0, 10);
}

function sendsThroughSes(pool: PoolRecord): boolean {
  const config = pool.settings.EmailConfiguration as { EmailSendingAccount?: string; SourceArn?: string };
  return config.EmailSendingAccount === 'DEVELOPER' && typeof config.SourceArn === 'string';
}

/** What happens to an e-mail this call would send; call `sent` once it is in the outbox. */
export function deliveryOf(pool: PoolRecord, ctx: RequestContext): Delivery {
  if (!ctx.realism.on) return 'send';
  if (!sendsThroughSes(pool) && sentToday(ctx) >= DEFAULT_SENDER_DAILY_LIMIT) return 'limit';
  return ctx.realism.chance(ctx.realism.codeDeliveryFailureRate) ? 'undelivered' : 'send';
}

/** Counts an e-mail the default sender delivered today. */
export function sent(pool: PoolRecord, ctx: RequestContext): void {
  if (sendsThroughSes(pool)) return;
  const days = (ctx.state.cognito.emailsSent ??= {});
  const day = dayOf(ctx);
  // Only today's count matters: earlier days are dropped, so the state stays small.
  for (const other of Object.keys(days)) if (other !== day) delete days[other];
  days[day] = (days[day] ?? 0) + 1;
}

export function sentToday(ctx: RequestContext): number {
  return ctx.state.cognito.emailsSent?.[dayOf(ctx)] ?? 0;
}

export function emailLimitExceeded(): ServiceError {
  return new ServiceError(
    'LimitExceededException',
    'Exceeded daily email limit for the operation or the account. If a higher limit is required, please configure your user pool to use your own Amazon SES configuration for sending email.',
  );
}

export function codeDeliveryFailed(): ServiceError {
  return new ServiceError('CodeDeliveryFailureException', 'Unable to deliver the message to the email address.');
}
