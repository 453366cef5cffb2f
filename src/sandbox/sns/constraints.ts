// SNS's input constraints for the operations the sandbox serves, written by hand from the SNS API reference
// (CreateTopic, ListTopics, GetTopicAttributes, DeleteTopic, Publish, Tag): required members and the tag key and
// value lengths, the only constraints the reference states. There is no SNS model in ../shared/reference/models, so
// `constraints.test.ts` cannot cross-check this table (it says so, by name). The rules SNS enforces beyond these
// (topic names, message size, subjects) are the operations' own, answered InvalidParameter.
// The table also says which members the sandbox reads from the form (`server/query-wire.ts`); others (CreateTopic's
// DataProtectionPolicy, Publish's MessageAttributes, MessageDeduplicationId, MessageGroupId) are ignored.
import type { ConstraintTable, Shape } from '../constraints.js';

type Structure = Shape & { type: 'structure' };

const string: Shape = { type: 'string' };
const struct = (members: Record<string, Shape>, required: string[] = []): Structure => ({
  type: 'structure',
  members,
  ...(required.length > 0 ? { required } : {}),
});

const tag = struct({ Key: { type: 'string', min: 1, max: 128 }, Value: { type: 'string', min: 0, max: 256 } }, ['Key', 'Value']);
const topicOnly = struct({ TopicArn: string }, ['TopicArn']);

export type SnsOperationName = 'CreateTopic' | 'ListTopics' | 'GetTopicAttributes' | 'DeleteTopic' | 'Publish';

export const snsConstraints: ConstraintTable & Readonly<Record<SnsOperationName, Structure>> = {
  CreateTopic: struct({ Name: string, Attributes: { type: 'map', key: string, value: string }, Tags: { type: 'list', member: tag } }, ['Name']),
  ListTopics: struct({ NextToken: string }),
  GetTopicAttributes: topicOnly,
  DeleteTopic: topicOnly,
  Publish: struct({ TopicArn: string, TargetArn: string, PhoneNumber: string, Message: string, Subject: string, MessageStructure: string }, ['Message']),
};
