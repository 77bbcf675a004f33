import { useCallback, useState, type ReactNode } from 'react';
import { Text } from '@atlaskit/primitives/compiled';
import type { z } from 'zod';
import type { FullContext } from '@forge/bridge';
import { describeError, ErrorMessage } from '../../components/ErrorMessage';
import { invokeResolver } from '../../bridge/invoke';
import { ConfigForm, RuleSummary } from '../ConfigFrame';
import { bound, type OwnWords, type ScreenWords } from '../field-errors';
import { useLocale, useT } from '../../i18n';
import { ActorFields, actorConfig, actorDraft, describeActor, type ActorDraft } from './ActorFields';
import { readStored } from '../stored';
import { validate } from './config-state';
import { Fields } from './fields';
import { OnlyIfField, onlyIfConfig, onlyIfDraft, OnlyIfSummary } from './OnlyIfField';
import { useOnConfigure } from './useOnConfigure';
import { fieldPlaceholders, type TemplateFieldsCheck } from '@backend/shared/field-templates';
import { render } from '@backend/shared/text-format';

export interface RuleScreenProps<D> {
  context: FullContext;
  title: string;
  description: string;
  /** The post-function's configuration schema: its own settings and the actor settings every post-function has. */
  schema: z.ZodType;
  /** The screen's words for the rejections the schema words itself (in English), by field path and issue code. */
  ownWords?: OwnWords;
  /** The form's state for the rule's own settings, from the stored configuration (empty on create). */
  toDraft: (stored: Record<string, unknown>) => D;
  /** The configuration JSON object the draft stands for, without the actor settings. */
  toConfig: (draft: D) => Record<string, unknown>;
  /**
   * The rule's own fields; the actor fields follow them. A field given its configuration `path` shows its errors
   * beside itself (`errors` holds them all, by path, for fields drawn by hand).
   */
  form: (draft: D, setDraft: (draft: D) => void, errors: Record<string, string>) => ReactNode;
  /** A sentence for the workflow editor's read-only view; the one on who acts follows it. */
  summary: (draft: D) => ReactNode;
  /** The Jira permissions the rule needs when it acts as the user, e.g. "Add comments", in the viewer's language. */
  permissionHelp: string;
  /**
   * What only Jira can answer (e.g. the fields it requires), asked on Add/Update once the schema accepts the draft:
   * messages by field path; none lets the configuration be saved.
   */
  check?: (configuration: Record<string, unknown>) => Promise<Record<string, string>>;
  /**
   * The configuration's templates by path (`template`, `summary`): the fields their `{{field:…}}` placeholders name
   * are looked up in Jira on Add/Update and saved with the rule as `templateFields`; what Jira cannot resolve is
   * said beside the template.
   */
  templates?: (configuration: Record<string, unknown>) => Array<{ path: string; text: string }>;
}

/**
 * A post-function's configuration screen for the three entry points Jira opens: `create` and `edit` show the form
 * and hand Jira the validated configuration on Add/Update; `view` shows a summary. Every post-function's settings
 * end with who it acts as (ActorFields) and "Only if" (OnlyIfField, analysed by Jira through the resolver before
 * Jira may save it); this screen adds those to the rule's own, so no post-function needs code of its own for them.
 */
export function RuleScreen<D>({
  context,
  title,
  description,
  schema,
  ownWords,
  toDraft,
  toConfig,
  form,
  summary,
  permissionHelp,
  check,
  templates,
}: RuleScreenProps<D>) {
  const t = useT();
  const locale = useLocale();
  // "Only if" is every post-function's, worded by PostFunctionSettings; the rule's own words come with it.
  const words: ScreenWords = {
    t,
    locale,
    own: {
      onlyIf: {
        too_small: t('rules.onlyIf.errors.empty'),
        too_big: (issue) => t('rules.onlyIf.errors.tooLong', { max: bound(issue, locale) }),
      },
      ...ownWords,
    },
  };
  const extension = context.extension as { entryPoint?: string };
  const [stored] = useState(() => readStored(context.extension, 'postFunctionConfig'));
  const [draft, setDraft] = useState<D>(() => toDraft(stored));
  const [actor, setActor] = useState<ActorDraft>(() => actorDraft(stored));
  const [onlyIf, setOnlyIf] = useState(() => onlyIfDraft(stored));
  const [checking, setChecking] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [bridgeError, setBridgeError] = useState<unknown>();
  const onError = useCallback((error: unknown) => setBridgeError(error), []);
  const editing = extension.entryPoint !== 'view';
  const configOf = (d: D, a: ActorDraft, o: string) => ({
    ...toConfig(d),
    ...actorConfig(a),
    ...onlyIfConfig(o),
  });
  // Once errors are shown, each edit re-checks, so a fixed field stops being flagged at once.
  const change = (nextDraft: D, nextActor: ActorDraft, nextOnlyIf: string) => {
    setDraft(nextDraft);
    setActor(nextActor);
    setOnlyIf(nextOnlyIf);
    if (Object.keys(errors).length === 0) return;
    const result = validate(schema, configOf(nextDraft, nextActor, nextOnlyIf), words);
    setErrors(result.ok ? {} : result.errors);
  };

  useOnConfigure(async () => {
    if (!editing) return undefined;
    const result = validate(schema, configOf(draft, actor, onlyIf), words);
    setErrors(result.ok ? {} : result.errors);
    if (!result.ok) return undefined;
    const expression = onlyIfConfig(onlyIf).onlyIf;
    setChecking(true);
    try {
      // Jira analyses "Only if" before it is saved; what it rejects is shown beside the field.
      if (typeof expression === 'string') {
        try {
          await invokeResolver('checkOnlyIf', { expression });
        } catch (error) {
          setErrors({ onlyIf: describeError(error, t).message });
          return undefined;
        }
      }
      const configuration = JSON.parse(result.json) as Record<string, unknown>;
      const written = (templates?.(configuration) ?? []).filter((t) => fieldPlaceholders(t.text).length > 0);
      if (written.length > 0) {
        const looked = await invokeResolver<TemplateFieldsCheck>('checkTemplateFields', {
          templates: written,
        });
        if (!looked.ok) {
          setErrors(
            Object.fromEntries(
              Object.entries(looked.errorTexts).map(([path, said]) => [path, render(t, [said])]),
            ),
          );
          return undefined;
        }
        configuration.templateFields = looked.fields;
      }
      const json = JSON.stringify(configuration);
      if (!check) return json;
      const found = await check(configuration);
      setErrors(found);
      return Object.keys(found).length === 0 ? json : undefined;
    } catch (error) {
      setBridgeError(error);
      return undefined;
    } finally {
      setChecking(false);
    }
  }, onError);

  if (!editing) {
    return (
      <RuleSummary>
        {summary(draft)} {describeActor(actor, t)}
        <OnlyIfSummary draft={onlyIf} />
      </RuleSummary>
    );
  }
  return (
    <ConfigForm
      title={title}
      description={description}
      errors={errors}
      errorTitle={t('rules.postFunction.errorTitle')}
    >
      {bridgeError !== undefined && (
        <ErrorMessage title={t('rules.postFunction.notAccepted')} error={bridgeError} />
      )}
      {checking && (
        <Text as="p" size="small" color="color.text.subtlest">
          {t('rules.postFunction.checking')}
        </Text>
      )}
      <Fields>
        {form(draft, (next) => change(next, actor, onlyIf), errors)}
        <ActorFields
          draft={actor}
          onChange={(next) => change(draft, next, onlyIf)}
          permissionHelp={permissionHelp}
        />
        <OnlyIfField value={onlyIf} error={errors.onlyIf} onChange={(next) => change(draft, actor, next)} />
      </Fields>
    </ConfigForm>
  );
}
