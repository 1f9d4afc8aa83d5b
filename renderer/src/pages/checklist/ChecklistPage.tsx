import { EmptyState, EmptyStateBody, PageSection, Title } from '@patternfly/react-core';

// Placeholder until the checklist capability lands.
export function ChecklistPage() {
  return (
    <PageSection>
      <Title headingLevel="h1">Checklist</Title>
      <EmptyState>
        <EmptyStateBody>Not built yet.</EmptyStateBody>
      </EmptyState>
    </PageSection>
  );
}
