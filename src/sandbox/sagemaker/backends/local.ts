// SageMaker over the sandbox's own Cognito and S3 state: plain reads of that state, plus what SageMaker sees of
// Cognito's writes while they settle. When realistic, Cognito stamps a new group with `visibleAtMs` (aws-evidence
// E2) and a new prefix domain with `activeAtMs` (E4); no stamp, or the ideal sandbox, means settled.
import { findPool } from '../../cognito/find.js';
import { appClientExists, findUser, groupExists, groupsOfUser, userPoolDomain, userPoolExists } from '../../cognito/lookup.js';
import { bucketRegion, getObject, putObject } from '../../s3/objects.js';
import type { Realism } from '../../realism.js';
import type { SandboxState } from '../../service.js';
import type { SageMakerBackends } from './ports.js';

export function localBackends(state: SandboxState, now: () => Date, realism: Realism): SageMakerBackends {
  const settling = (atMs: number | undefined) => realism.on && atMs !== undefined && now().getTime() < atMs;
  // Read at each call: `POST /_sandbox/reset` replaces the state's members in place.
  const cognito = () => state.cognito;
  return {
    cognito: {
      poolExists: async (region, userPool) => userPoolExists(cognito(), region, userPool),
      clientSettings: async (region, userPool, clientId) =>
        appClientExists(cognito(), region, userPool, clientId) ? structuredClone(findPool(cognito(), region, userPool)!.clients[clientId]!.settings) : undefined,
      updateClientSettings: async (region, userPool, clientId, settings) => {
        const client = findPool(cognito(), region, userPool)?.clients[clientId];
        if (!client) return;
        client.settings = settings;
        client.modifiedMs = now().getTime();
      },
      prefixDomain: async (region, userPool) => {
        const domain = userPoolDomain(cognito(), region, userPool);
        return domain === undefined ? undefined : { domain, active: !settling(findPool(cognito(), region, userPool)!.domain!.activeAtMs) };
      },
      groupVisible: async (region, userPool, group) =>
        groupExists(cognito(), region, userPool, group) && !settling(findPool(cognito(), region, userPool)!.groups[group]!.visibleAtMs),
      findUser: async (region, userPool, usernameOrAlias) => findUser(cognito(), region, userPool, usernameOrAlias),
      groupsOfUser: async (region, userPool, username) => groupsOfUser(cognito(), region, userPool, username),
    },
    s3: {
      bucketRegion: async (bucket) => bucketRegion(state.s3, bucket),
      getObject: async (bucket, key) => getObject(state.s3, bucket, key)?.body,
      putObject: async (bucket, key, body, contentType, at) => putObject(state.s3, bucket, key, body, contentType, at),
    },
  };
}
