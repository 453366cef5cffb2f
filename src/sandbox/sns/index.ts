// SNS over awsQuery: a form-encoded `POST /` whose SigV4 credential scope names `sns` (STS and IAM, the other awsQuery
// services, are told apart by theirs), the operation chosen by `Action`. Input goes: the form read into the
// operation's shape -> the constraint table (ValidationError) -> the operation (SNS's own errors). Plus the
// sandbox-only route `POST /_sandbox/sns/messages { topicArn }`: what was published to a topic.
// Behaviour notes: BEHAVIOUR.md.
import { queryService, type QueryOperation } from '../server/query-wire.js';
import { ServiceError, type AdminRouteSet, type RequestContext } from '../service.js';
import { snsConstraints, type SnsOperationName } from './constraints.js';
import { publishOperations } from './publish.js';
import { topicByArn } from './state.js';
import { topicOperations } from './topics.js';

/** The XML namespace of every SNS answer, errors included. */
export const SNS_NAMESPACE = 'http://sns.amazonaws.com/doc/2010-03-31/';

/** The operations served, by Action; `constraints.test.ts` checks each has a table entry. */
export const snsOperations: Readonly<Record<SnsOperationName, QueryOperation>> = { ...topicOperations, ...publishOperations };

export const handleSns = queryService(SNS_NAMESPACE, snsOperations, snsConstraints);

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
