// The IAM port: the one role gtctl manages per project, found by its fixed name. IAM answers policy documents
// URL-encoded (RFC 3986); the port decodes them, so the rest of gtctl sees the JSON it wrote.
import type { IAMClient } from '@aws-sdk/client-iam';
import type { Connect } from './clients.js';
import { isAwsError } from './errors.js';
import type { IamPort } from './ports.js';

type Sdk = typeof import('@aws-sdk/client-iam');

const decoded = (text: string | undefined) => (text === undefined ? undefined : decodeURIComponent(text));
const tagList = (tags: Readonly<Record<string, string>>) => Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));

export function iamPort(connect: Connect<Sdk, IAMClient>): IamPort {
  return {
    async getRole(name, policyName) {
      const { sdk, client } = await connect();
      let role;
      try {
        ({ Role: role } = await client.send(new sdk.GetRoleCommand({ RoleName: name })));
      } catch (error) {
        if (isAwsError(error, 'NoSuchEntityException')) return undefined;
        throw error;
      }
      if (!role) return undefined;
      let policy: string | undefined;
      try {
        policy = decoded((await client.send(new sdk.GetRolePolicyCommand({ RoleName: name, PolicyName: policyName }))).PolicyDocument);
      } catch (error) {
        if (!isAwsError(error, 'NoSuchEntityException')) throw error;
      }
      return {
        name: role.RoleName ?? name,
        arn: role.Arn ?? '',
        path: role.Path ?? '/',
        trustPolicy: decoded(role.AssumeRolePolicyDocument) ?? '',
        tags: Object.fromEntries((role.Tags ?? []).map((t) => [t.Key ?? '', t.Value ?? ''])),
        policies: policy === undefined ? {} : { [policyName]: policy },
      };
    },
    async createRole({ name, path, trustPolicy, description, tags }) {
      const { sdk, client } = await connect();
      await client.send(new sdk.CreateRoleCommand({ RoleName: name, Path: path, AssumeRolePolicyDocument: trustPolicy, Description: description, Tags: tagList(tags) }));
    },
    async updateTrustPolicy(name, trustPolicy) {
      const { sdk, client } = await connect();
      await client.send(new sdk.UpdateAssumeRolePolicyCommand({ RoleName: name, PolicyDocument: trustPolicy }));
    },
    async putRolePolicy(name, policyName, document) {
      const { sdk, client } = await connect();
      await client.send(new sdk.PutRolePolicyCommand({ RoleName: name, PolicyName: policyName, PolicyDocument: document }));
    },
    async tagRole(name, tags) {
      const { sdk, client } = await connect();
      await client.send(new sdk.TagRoleCommand({ RoleName: name, Tags: tagList(tags) }));
    },
    // One call per action with its resources: SimulatePrincipalPolicy decides every action on every resource given.
    async deniedActions(roleArn, checks) {
      const { sdk, client } = await connect();
      const denied: Array<{ action: string; resource: string }> = [];
      for (const action of [...new Set(checks.map((c) => c.action))]) {
        const resources = checks.filter((c) => c.action === action).map((c) => c.resource);
        let marker: string | undefined;
        do {
          const page = await client.send(new sdk.SimulatePrincipalPolicyCommand({ PolicySourceArn: roleArn, ActionNames: [action], ResourceArns: resources, ...(marker ? { Marker: marker } : {}) }));
          for (const r of page.EvaluationResults ?? []) if (r.EvalDecision !== 'allowed') denied.push({ action, resource: r.EvalResourceName ?? '' });
          marker = page.IsTruncated ? page.Marker : undefined;
        } while (marker);
      }
      return denied;
    },
    async deleteRole(name, policyName) {
      const { sdk, client } = await connect();
      try {
        await client.send(new sdk.DeleteRolePolicyCommand({ RoleName: name, PolicyName: policyName }));
      } catch (error) {
        if (!isAwsError(error, 'NoSuchEntityException')) throw error;
      }
      await client.send(new sdk.DeleteRoleCommand({ RoleName: name }));
    },
  };
}
