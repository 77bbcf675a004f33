import type { ReactNode } from 'react';
import { Box, Stack, Text } from '@atlaskit/primitives/compiled';

/** The `view` entry point: the sentence the workflow editor shows for a configured rule. */
export function RuleSummary({ children }: { children: ReactNode }) {
  return (
    <Box padding="space.100" testId="rule-summary">
      <Text>{children}</Text>
    </Box>
  );
}

/** The `create` and `edit` entry points: what the rule does, then the screen's messages and fields. */
export function ConfigForm({
  title,
  description,
  children,
}: {
  title: string;
  description: string;
  children: ReactNode;
}) {
  return (
    <Box as="main" padding="space.200">
      <Stack space="space.200">
        <Text as="p" color="color.text.subtle">
          {title}: {description}
        </Text>
        {children}
      </Stack>
    </Box>
  );
}
