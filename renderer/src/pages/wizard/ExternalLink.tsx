import type { ReactNode } from 'react';

/** A Red Hat portal link: a normal link (the desktop shell opens allow-listed https hosts in the browser). */
export function ExternalLink({ href, children }: { href: string; children: ReactNode }) {
  return (
    <a href={href} target="_blank" rel="noopener noreferrer">
      {children}
    </a>
  );
}
