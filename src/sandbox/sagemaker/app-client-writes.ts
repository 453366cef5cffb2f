// SageMaker writes the Cognito app client of a workforce or team itself (aws-evidence E6: CreateWorkforce and
// CreateWorkteam need cognito-idp:UpdateUserPoolClient, and AWS's own solution leaves placeholder callbacks that
// "Ground Truth would update"). What it writes is unknown, so the variant `appClientWrites` plays each guess:
//   none            the client is left as it is
//   adds-portal-urls the portal's OAuth settings, and its URLs added to the client's own
//   replaces-urls   the portal's OAuth settings, and the client's URL lists replaced by the portal's
// The portal URLs are those public setups register: `https://<SubDomain>` and `.../oauth2/idpresponse` as callbacks,
// `.../logout` as the logout URL. The ideal sandbox writes nothing.
import type { RequestContext } from '../service.js';

/** Members whose lists SageMaker makes sure hold these values (in AWS's UserPoolClientType names). */
const PORTAL_OAUTH: Readonly<Record<string, readonly string[]>> = {
  AllowedOAuthFlows: ['code', 'implicit'],
  AllowedOAuthScopes: ['email', 'openid', 'profile'],
  SupportedIdentityProviders: ['COGNITO'],
};

/** After a successful CreateWorkforce or CreateWorkteam on this client, for the workforce portal at `subDomain`. */
export async function writePortalSettings(ctx: RequestContext, userPool: string, clientId: string, subDomain: string): Promise<void> {
  const mode = ctx.realism.variant('appClientWrites');
  if (!ctx.realism.on || mode === 'none') return;
  const settings = await ctx.backends.cognito.clientSettings(ctx.region, userPool, clientId);
  if (!settings) return;
  const union = (member: string, values: readonly string[]) => [...new Set([...((settings[member] as string[] | undefined) ?? []), ...values])];
  const portal = `https://${subDomain}`;
  const urls = { CallbackURLs: [portal, `${portal}/oauth2/idpresponse`], LogoutURLs: [`${portal}/logout`] };
  for (const [member, values] of Object.entries(PORTAL_OAUTH)) settings[member] = union(member, values);
  settings['AllowedOAuthFlowsUserPoolClient'] = true;
  for (const [member, values] of Object.entries(urls)) settings[member] = mode === 'replaces-urls' ? values : union(member, values);
  await ctx.backends.cognito.updateClientSettings(ctx.region, userPool, clientId, settings);
}
