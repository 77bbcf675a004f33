import { useEffect, useRef } from 'react';
import { workflowRules } from '@forge/jira-bridge';

/**
 * Registers the callback Jira runs when the admin clicks Add or Update. It returns (or resolves to) the
 * configuration JSON, or undefined to keep the dialog open while the form shows what to fix
 * (https://developer.atlassian.com/platform/forge/custom-ui-jira-bridge/workflowRules/).
 */
export function useOnConfigure(
  build: () => string | undefined | Promise<string | undefined>,
  onError: (error: unknown) => void,
): void {
  const latest = useRef(build);
  latest.current = build;
  useEffect(() => {
    workflowRules.onConfigure(() => latest.current() as Promise<string>).catch(onError);
    // Registered once: the ref always reads the current draft.
  }, [onError]);
}
