import { EmptyState, EmptyStateBody, PageSection, Title } from '@patternfly/react-core';

// Placeholder until the dashboard capability lands.
export function DashboardPage() {
  return (
    <PageSection>
      <Title headingLevel="h1">Dashboard</Title>
      <EmptyState>
        <EmptyStateBody>Not built yet.</EmptyStateBody>
      </EmptyState>
    </PageSection>
  );
}
