import SectionMessage from '@atlaskit/section-message';
import { Text } from '@atlaskit/primitives/compiled';

/** Pulls a readable message, and a resolver error code if any, out of whatever was thrown. */
export function describeError(error: unknown): { message: string; code?: string } {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return typeof code === 'string' ? { message: error.message, code } : { message: error.message };
  }
  return { message: typeof error === 'string' ? error : 'Unknown error' };
}

export interface ErrorMessageProps {
  title: string;
  error: unknown;
}

export function ErrorMessage({ title, error }: ErrorMessageProps) {
  const { message, code } = describeError(error);
  return (
    <SectionMessage appearance="error" title={title}>
      <Text as="p">{message}</Text>
      {code !== undefined && (
        <Text as="p" size="small" color="color.text.subtlest">
          Code: {code}
        </Text>
      )}
    </SectionMessage>
  );
}
