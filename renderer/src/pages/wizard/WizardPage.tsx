import { EmptyState, EmptyStateBody, PageSection, Title } from '@patternfly/react-core';

// Placeholder until the wizard capability lands.
export function WizardPage() {
  return (
    <PageSection>
      <Title headingLevel="h1">Wizard</Title>
      <EmptyState>
        <EmptyStateBody>Not built yet.</EmptyStateBody>
      </EmptyState>
    </PageSection>
  );
}
