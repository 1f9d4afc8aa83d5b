import { EmptyState, EmptyStateBody, PageSection, Title } from '@patternfly/react-core';

// Placeholder until the scan capability lands.
export function ScanPage() {
  return (
    <PageSection>
      <Title headingLevel="h1">Scan</Title>
      <EmptyState>
        <EmptyStateBody>Not built yet.</EmptyStateBody>
      </EmptyState>
    </PageSection>
  );
}
