import type { ReactNode } from 'react';
import { Stack, Text } from '@atlaskit/primitives/compiled';

export interface EmptyStateProps {
  title: string;
  description?: ReactNode;
  /** E.g. a "Create rule" button. */
  action?: ReactNode;
}

export function EmptyState({ title, description, action }: EmptyStateProps) {
  return (
    <Stack space="space.150" alignInline="center" testId="empty-state">
      <Text as="strong" size="large">
        {title}
      </Text>
      {description !== undefined && <Text color="color.text.subtle">{description}</Text>}
      {action}
    </Stack>
  );
}
