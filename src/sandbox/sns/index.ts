// SNS over awsQuery: a form-encoded `POST /` whose SigV4 credential scope names `sns` (STS, the other awsQuery
// service, is told apart by its own), the operation chosen by `Action`. Input goes: the form read into the
// operation's shape -> the constraint table (ValidationError) -> the operation (SNS's own errors). Plus the
// sandbox-only route `POST /_sandbox/sns/messages { topicArn }`: what was published to a topic.
// Behaviour notes: BEHAVIOUR.md.
import { firstViolation } from '../constraints.js';
import { ServiceError, type AdminRouteSet, type HttpResponse, type RequestContext } from '../service.js';
import { snsConstraints, type SnsOperationName } from './constraints.js';
import { publishOperations } from './publish.js';
import { topicByArn } from './state.js';
import { topicOperations } from './topics.js';
import { answer, decodeQuery } from './wire.js';

export { SNS_NAMESPACE } from './wire.js';

type SnsOperation = (input: any, ctx: RequestContext) => string | undefined;

/** The operations served, by Action; `constraints.test.ts` checks each has a table entry. */
export const snsOperations: Readonly<Record<SnsOperationName, SnsOperation>> = { ...topicOperations, ...publishOperations };

const isServed = (action: string): action is SnsOperationName => Object.hasOwn(snsOperations, action);

export function handleSns(form: URLSearchParams, ctx: RequestContext): HttpResponse {
  const action = form.get('Action') ?? '';
  if (!isServed(action)) throw new ServiceError('InvalidAction', `Could not find operation ${action} for version ${form.get('Version')}`);
  const shape = snsConstraints[action];
  const input = decodeQuery(form, shape);
  // awsQuery services answer constraint violations with ValidationError and the same phrasing as the JSON services.
  const problem = firstViolation(shape, input);
  if (problem) throw new ServiceError('ValidationError', problem);
  return answer(action, snsOperations[action](input, ctx), ctx.requestId);
}

export const snsService: AdminRouteSet = {
  routePrefix: 'sns',
  adminRoutes: {
    /** The topic's messages, oldest first, from the Region its ARN names (`?region=` is not needed). */
    messages(body: { topicArn?: unknown }, ctx: RequestContext) {
      if (typeof body.topicArn !== 'string') throw new ServiceError('ValidationException', 'Expected { topicArn: string }');
      const topic = topicByArn(ctx.state.sns, ctx.account, body.topicArn);
      if (!topic) throw new ServiceError('NotFound', `Topic ${body.topicArn} does not exist`, 404);
      return topic.messages.map(({ messageId, message, subject, publishedMs }) => ({
        messageId,
        message,
        ...(subject !== undefined && { subject }),
        timestamp: new Date(publishedMs).toISOString(),
      }));
    },
  },
};
