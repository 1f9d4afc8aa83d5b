import { EmptyState, EmptyStateBody, PageSection, Title } from '@patternfly/react-core';

// Placeholder until the keys capability lands.
export function KeysPage() {
  return (
    <PageSection>
      <Title headingLevel="h1">Keys</Title>
      <EmptyState>
        <EmptyStateBody>Not built yet.</EmptyStateBody>
      </EmptyState>
    </PageSection>
  );
}
