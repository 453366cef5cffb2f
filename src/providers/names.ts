// Names gtctl gives what it creates, so that a re-run finds them again.

/** The app client of a managed pool (the labeling portal signs workers in through it). */
export const MANAGED_CLIENT_NAME = 'gtctl-labeling-portal';

/** Before the workforce exists the portal URL is unknown; Cognito needs some https callback to enable OAuth. */
export const PLACEHOLDER_URL = 'https://example.com/gtctl-placeholder';

/** The object metadata key (`x-amz-meta-gtctl-sha256`) gtctl writes on every upload: the hex SHA-256 of the body. */
export const SHA256_METADATA = 'gtctl-sha256';

/**
 * Cognito groups take no tags: gtctl marks the groups it creates by their description, and deletes a team's group
 * only when it carries the mark (a group that existed before the team may serve other apps of the pool).
 */
export const CREATED_GROUP_MARK = '(managed by gtctl)';
