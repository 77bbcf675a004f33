import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { Label, RequiredAsterisk } from '@atlaskit/form';
import SectionMessage from '@atlaskit/section-message';
import { Box, Stack, Text } from '@atlaskit/primitives/compiled';
import { useT } from '../i18n';
import { Sentence } from './Sentence';

/** The `view` entry point: the sentence the workflow editor shows for a configured rule. */
export function RuleSummary({ children }: { children: ReactNode }) {
  return (
    <Box padding="space.100" testId="rule-summary">
      <Text>{children}</Text>
    </Box>
  );
}

/** What is wrong with the configuration, by field path (`requirements.0.pattern`), in plain words. */
export type FieldErrors = Readonly<Record<string, string>>;

interface FieldErrorsState {
  errors: FieldErrors;
  /** A field shown on the screen claims the errors at its path and below it; returns the release. */
  claim: (path: string) => () => void;
}

const FieldErrorsContext = createContext<FieldErrorsState>({ errors: {}, claim: () => () => undefined });

/** An error at `path`, or at a path inside it (a picker of several links shows `links.1`'s error). */
const within = (path: string, key: string): boolean => key === path || key.startsWith(`${path}.`);

/** Where a field's value sits in the configuration; a field that sets several values (a picker) names each. */
export type FieldPath = string | readonly string[];

/**
 * The error a field at `path` shows beside itself. Claiming it keeps the form's banner from repeating it.
 */
export function useFieldError(path: FieldPath | undefined): string | undefined {
  const { errors, claim } = useContext(FieldErrorsContext);
  const paths = path === undefined ? [] : typeof path === 'string' ? [path] : [...path];
  const joined = paths.join('\n');
  useEffect(() => {
    const releases = joined ? joined.split('\n').map(claim) : [];
    return () => releases.forEach((release) => release());
  }, [joined, claim]);
  const key = Object.keys(errors).find((k) => paths.some((p) => within(p, k)));
  return key === undefined ? undefined : errors[key];
}

/** A field's label, with Atlassian's asterisk when the field must be filled in. */
export function FieldLabel({
  htmlFor,
  required,
  children,
}: {
  htmlFor: string;
  required?: boolean;
  children: ReactNode;
}) {
  return (
    <Label htmlFor={htmlFor}>
      {children}
      {required && <RequiredAsterisk />}
    </Label>
  );
}

/**
 * The `create` and `edit` entry points: what the rule does, then the screen's messages and fields. `errors` are the
 * configuration's problems by field path: each field that shows its own (`useFieldError`) says it beside itself, and
 * the banner says only how many there are, plus any no field on the screen claims, in plain words.
 */
export function ConfigForm({
  title,
  description,
  errors = {},
  errorTitle,
  children,
}: {
  title: string;
  description: string;
  errors?: FieldErrors;
  errorTitle?: string;
  children: ReactNode;
}) {
  const t = useT();
  const [claimed, setClaimed] = useState<ReadonlyMap<string, number>>(new Map());
  const claim = useCallback((path: string) => {
    const change = (by: number) =>
      setClaimed((current) => {
        const next = new Map(current);
        const count = (next.get(path) ?? 0) + by;
        if (count > 0) next.set(path, count);
        else next.delete(path);
        return next;
      });
    change(1);
    return () => change(-1);
  }, []);
  const state = useMemo(() => ({ errors, claim }), [errors, claim]);
  const keys = Object.keys(errors);
  const unclaimed = keys.filter((key) => ![...claimed.keys()].some((path) => within(path, key)));
  const beside = keys.length - unclaimed.length;
  return (
    <Box as="main" padding="space.200">
      <Stack space="space.200">
        <Text as="p" color="color.text.subtle">
          {t('rules.common.heading', { title, description })}
        </Text>
        <Text as="p" size="small" color="color.text.subtlest">
          <Sentence text={t('rules.common.requiredNote')} parts={{ asterisk: <RequiredAsterisk /> }} />
        </Text>
        {keys.length > 0 && (
          <div role="alert" data-testid="config-errors">
            <SectionMessage appearance="error" title={errorTitle ?? t('rules.common.notSaved')}>
              <Stack space="space.050">
                {beside > 0 && <Text as="p">{t('rules.common.fixFields', { count: beside })}</Text>}
                {unclaimed.map((key) => (
                  <Text as="p" key={key}>
                    {errors[key]}
                  </Text>
                ))}
              </Stack>
            </SectionMessage>
          </div>
        )}
        <FieldErrorsContext.Provider value={state}>{children}</FieldErrorsContext.Provider>
      </Stack>
    </Box>
  );
}
