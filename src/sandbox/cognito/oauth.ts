// The rules an app client's settings must follow beyond the constraint table (aws-facts §6.2): OAuth flows and scopes,
// redirect URLs, identity providers, auth flows and token validity. Shared by Create- and UpdateUserPoolClient.
import { ServiceError } from '../service.js';
import { invalidParameter } from './find.js';

// Resource servers are not served, so only the built-in scopes exist.
const BUILT_IN_SCOPES = new Set(['phone', 'email', 'openid', 'profile', 'aws.cognito.signin.user.admin']);
// Identity providers are not served: a client can only name the pool's own directory.
const PROVIDERS = new Set(['COGNITO']);
const LEGACY_AUTH_FLOWS = new Set(['ADMIN_NO_SRP_AUTH', 'CUSTOM_AUTH_FLOW_ONLY', 'USER_PASSWORD_AUTH']);

const invalidFlow = (message: string) => new ServiceError('InvalidOAuthFlowException', message);

export function checkClientSettings(settings: Record<string, any>, poolId: string, hasSecret: boolean): void {
  for (const provider of settings['SupportedIdentityProviders'] ?? [])
    if (!PROVIDERS.has(provider)) throw invalidParameter(`The provider ${provider} does not exist for User Pool ${poolId}`);
  checkAuthFlows(settings['ExplicitAuthFlows'] ?? []);
  checkRedirects(settings);
  checkOAuth(settings, hasSecret);
  checkValidity(settings);
}

function checkAuthFlows(flows: string[]): void {
  const legacy = flows.some((f) => LEGACY_AUTH_FLOWS.has(f));
  if (legacy && flows.some((f) => f.startsWith('ALLOW_')))
    throw invalidParameter(
      'ExplicitAuthFlows cannot mix the legacy values (ADMIN_NO_SRP_AUTH, CUSTOM_AUTH_FLOW_ONLY, USER_PASSWORD_AUTH) with ALLOW_ values.',
    );
}

// A redirect URL is absolute, has no fragment, and uses HTTPS unless it points at localhost (custom app schemes such as
// `myapp://cb` are allowed too: only plain http is limited).
function checkRedirects(settings: Record<string, any>): void {
  const callbacks: string[] = settings['CallbackURLs'] ?? [];
  const logouts: string[] = settings['LogoutURLs'] ?? [];
  for (const url of callbacks) checkRedirect(url, 'CallbackURLs');
  for (const url of logouts) checkRedirect(url, 'LogoutURLs');
  const fallback: string | undefined = settings['DefaultRedirectURI'];
  if (fallback !== undefined) {
    checkRedirect(fallback, 'DefaultRedirectURI');
    if (!callbacks.includes(fallback)) throw invalidParameter('DefaultRedirectURI must be one of the CallbackURLs.');
  }
}

function checkRedirect(url: string, member: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw invalidParameter(`${member}: ${url} is not an absolute URL.`);
  }
  if (parsed.hash || url.includes('#')) throw invalidParameter(`${member}: ${url} must not contain a fragment.`);
  if (parsed.protocol === 'http:' && parsed.hostname !== 'localhost')
    throw invalidParameter(`${member}: ${url} must use HTTPS (plain http is allowed only for localhost).`);
}

function checkOAuth(settings: Record<string, any>, hasSecret: boolean): void {
  const flows: string[] = settings['AllowedOAuthFlows'] ?? [];
  const scopes: string[] = settings['AllowedOAuthScopes'] ?? [];
  if (flows.includes('client_credentials')) {
    if (flows.length > 1) throw invalidFlow('client_credentials flow can not be selected along with code flow or implicit flow.');
    if (!hasSecret) throw invalidFlow('client_credentials flow can not be selected if client does not have a client secret.');
    if (scopes.includes('openid')) throw invalidFlow('openid is not supported with client_credentials flow');
  }
  const unknown = scopes.find((scope) => !BUILT_IN_SCOPES.has(scope));
  if (unknown !== undefined) throw new ServiceError('ScopeDoesNotExistException', `Invalid scope requested: ${unknown}`);
  if (settings['AllowedOAuthFlowsUserPoolClient'] === true) {
    // UNCONFIRMED wording; the rule itself is the reference's: OAuth on needs flows, scopes and (for code/implicit)
    // a callback URL.
    if (flows.length === 0) throw invalidFlow('AllowedOAuthFlows is required when AllowedOAuthFlowsUserPoolClient is true.');
    if (scopes.length === 0) throw invalidParameter('AllowedOAuthScopes is required when AllowedOAuthFlowsUserPoolClient is true.');
    if (!flows.includes('client_credentials') && (settings['CallbackURLs'] ?? []).length === 0)
      throw invalidParameter('CallbackURLs are required for the code and implicit OAuth flows.');
  }
}

const SECONDS: Readonly<Record<string, number>> = { seconds: 1, minutes: 60, hours: 3600, days: 86400 };

// Access and ID tokens: 5 minutes to 1 day (units default to hours); refresh tokens: 1 hour to 10 years (units
// default to days).
function checkValidity(settings: Record<string, any>): void {
  const units = settings['TokenValidityUnits'] ?? {};
  const within = (value: number | undefined, unit: string, min: number, max: number) =>
    value === undefined || (value * SECONDS[unit]! >= min && value * SECONDS[unit]! <= max);
  if (!within(settings['AccessTokenValidity'], units.AccessToken ?? 'hours', 300, 86400))
    throw invalidParameter('Access token validity must be between 5 minutes and 1 day.');
  if (!within(settings['IdTokenValidity'], units.IdToken ?? 'hours', 300, 86400))
    throw invalidParameter('ID token validity must be between 5 minutes and 1 day.');
  if (!within(settings['RefreshTokenValidity'], units.RefreshToken ?? 'days', 3600, 315360000))
    throw invalidParameter('Refresh token validity must be between 60 minutes and 10 years.');
}
