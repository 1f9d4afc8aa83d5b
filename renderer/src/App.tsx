import { Masthead, MastheadBrand, MastheadMain, MastheadToggle, Nav, NavItem, NavList, Page, PageSidebar, PageSidebarBody, PageToggleButton, SkipToContent } from '@patternfly/react-core';
import { useEffect, useState } from 'react';
import { routes } from './pages/routes';

function currentPath(): string {
  const hash = window.location.hash.replace(/^#\/?/, '');
  return routes.some((r) => r.path === hash) ? hash : (routes[0]?.path ?? 'engine');
}

/** The shell: masthead, side navigation, one page shown at a time. Routing is the URL hash (no server routes needed). */
export function App() {
  const [path, setPath] = useState(currentPath);
  useEffect(() => {
    const onHash = () => setPath(currentPath());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  const route = routes.find((r) => r.path === path) ?? routes[0];
  const Current = route?.keepAlive ? undefined : route?.page;
  const [visited, setVisited] = useState<string[]>([]);
  useEffect(() => {
    if (route?.keepAlive && !visited.includes(route.path)) setVisited((v) => [...v, route.path]);
  }, [route, visited]);
  const kept = routes.filter((r) => r.keepAlive && (r.path === path || visited.includes(r.path)));

  const masthead = (
    <Masthead>
      <MastheadMain>
        {/* On a narrow window the sidebar folds away; this brings it back (the Page manages its state). */}
        <MastheadToggle>
          <PageToggleButton isHamburgerButton aria-label="Show or hide the navigation" />
        </MastheadToggle>
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
      {kept.map((r) => (
        <div key={r.path} hidden={r.path !== path}>
          <r.page />
        </div>
      ))}
      {Current && <Current />}
    </Page>
  );
}
