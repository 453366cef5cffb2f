// STS over awsQuery: only GetCallerIdentity, which gtctl uses for the `accountId` guard.
import { ServiceError, type HttpResponse, type RequestContext } from '../service.js';

/** The XML namespace of every STS answer, errors included. */
export const STS_NAMESPACE = 'https://sts.amazonaws.com/doc/2011-06-15/';

export function handleSts(form: URLSearchParams, ctx: RequestContext): HttpResponse {
  const action = form.get('Action');
  if (action !== 'GetCallerIdentity') throw new ServiceError('InvalidAction', `Could not find operation ${action} for version ${form.get('Version')}`);
  const body =
    `<GetCallerIdentityResponse xmlns="${STS_NAMESPACE}">` +
    `<GetCallerIdentityResult>` +
    `<Arn>arn:aws:iam::${ctx.account}:user/sandbox</Arn>` +
    `<UserId>AIDASANDBOXUSER000000</UserId>` +
    `<Account>${ctx.account}</Account>` +
    `</GetCallerIdentityResult>` +
    `<ResponseMetadata><RequestId>${ctx.requestId}</RequestId></ResponseMetadata>` +
    `</GetCallerIdentityResponse>`;
  return { status: 200, headers: { 'content-type': 'text/xml' }, body };
}
