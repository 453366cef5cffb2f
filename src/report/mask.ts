// Worker e-mails masked for places others read (pull-request comments, shared logs): `a***@example.com`.
// Used by the plan renderer and the GitHub renderers; masking happens on plain text, before any colour is added.

/** An e-mail as it appears inside free text: addresses, reasons, JSON values. */
const EMAIL = /[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;

/** `alice@example.com` -> `a***@example.com`: the first character and the domain stay, the rest goes. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at <= 0) return email;
  return `${email[0]}***${email.slice(at)}`;
}

/** Masks every e-mail in `text`, wherever it appears (`membership/team/alice@example.com` included). */
export function maskEmailsIn(text: string): string {
  return text.replace(EMAIL, maskEmail);
}
