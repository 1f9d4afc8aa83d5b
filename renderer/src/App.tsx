import { Masthead, MastheadBrand, MastheadMain, Nav, NavItem, NavList, Page, PageSidebar, PageSidebarBody, SkipToContent } from '@patternfly/react-core';
import { useEffect, useState } from 'react';
import { routes } from './pages/routes';

function currentPath(): string {
  const hash = window.location.hash.replace(/^#\/?/, '');
  return routes.some((r) => r.path === hash) ? hash : (routes[0]?.path ?? 'engine');
}

/** The shell: masthead, side navigation, one page at a time. Routing is the URL hash (no server routes needed). */
export function App() {
  const [path, setPath] = useState(currentPath);
  useEffect(() => {
    const onHash = () => setPath(currentPath());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  const route = routes.find((r) => r.path === path) ?? routes[0];
  const Current = route?.page;

  const masthead = (
    <Masthead>
      <MastheadMain>
        <MastheadBrand>
          <span style={{ fontWeight: 600, fontSize: 18 }}>CertDesk</span>
        </MastheadBrand>
      </MastheadMain>
    </Masthead>
  );
  const sidebar = (
    <PageSidebar>
      <PageSidebarBody>
        <Nav aria-label="Main">
          <NavList>
            {routes.map((r) => (
              <NavItem key={r.path} itemId={r.path} isActive={r.path === path} to={`#/${r.path}`}>
                {r.label}
              </NavItem>
            ))}
          </NavList>
        </Nav>
      </PageSidebarBody>
    </PageSidebar>
  );
  return (
    <Page masthead={masthead} sidebar={sidebar} isManagedSidebar skipToContent={<SkipToContent href="#main">Skip to content</SkipToContent>} mainContainerId="main">
      {Current && <Current />}
    </Page>
  );
}
