import { describe, expect, it } from 'vitest';
import { isAllowedExternalUrl } from './external-links';

describe('isAllowedExternalUrl', () => {
  it('allows https Red Hat portal and documentation links', () => {
    expect(isAllowedExternalUrl('https://connect.redhat.com/projects')).toBe(true);
    expect(isAllowedExternalUrl('https://access.redhat.com/support/cases/#/case/new')).toBe(true);
  });

  it('refuses other schemes, hosts, look-alikes and credentials in URLs', () => {
    for (const url of [
      'http://connect.redhat.com/',
      'file:///etc/passwd',
      'https://connect.redhat.com.evil.example/',
      'https://evilredhat.com/',
      'https://user:pw@access.redhat.com/',
      'https://access.redhat.com:8443/',
      'javascript:alert(1)',
      'not a url',
    ]) {
      expect(isAllowedExternalUrl(url), url).toBe(false);
    }
  });
});
