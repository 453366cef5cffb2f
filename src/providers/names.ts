// Names gtctl gives the Cognito objects it creates for a managed pool, so that a re-run finds them again.

/** The app client of a managed pool (the labeling portal signs workers in through it). */
export const MANAGED_CLIENT_NAME = 'gtctl-labeling-portal';

/** Before the workforce exists the portal URL is unknown; Cognito needs some https callback to enable OAuth. */
export const PLACEHOLDER_URL = 'https://example.com/gtctl-placeholder';
