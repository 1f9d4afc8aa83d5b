import { EmptyState, EmptyStateBody, PageSection, Title } from '@patternfly/react-core';

// Placeholder until the dockerfile capability lands.
export function DockerfilePage() {
  return (
    <PageSection>
      <Title headingLevel="h1">Dockerfile</Title>
      <EmptyState>
        <EmptyStateBody>Not built yet.</EmptyStateBody>
      </EmptyState>
    </PageSection>
  );
}
