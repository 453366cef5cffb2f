import { describe, expect, it } from 'vitest';
import { maskEmail, maskEmailsIn } from './mask.js';

describe('maskEmail', () => {
  it.each([
    ['alice@example.com', 'a***@example.com'],
    ['Bob.Smith+labels@mail.example.co.uk', 'B***@mail.example.co.uk'],
    ['x@y.io', 'x***@y.io'],
    ['not-an-email', 'not-an-email'],
  ])('%s -> %s', (email, masked) => expect(maskEmail(email)).toBe(masked));
});

describe('maskEmailsIn', () => {
  it('masks every e-mail in free text, inside addresses and quotes too', () => {
    expect(maskEmailsIn('membership/Team-A/alice@example.com and member/bob@example.org; "carol@x.com"')).toBe('membership/Team-A/a***@example.com and member/b***@example.org; "c***@x.com"');
  });

  it('leaves text without e-mails alone', () => {
    const text = 'team/labelers: description changed {username} {####} @mention a@b';
    expect(maskEmailsIn(text)).toBe(text);
  });
});
