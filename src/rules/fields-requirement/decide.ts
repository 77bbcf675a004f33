import { text, type Text } from '../../shared/text-format';
import type { Decision } from '../../execution/validator-runner';
import type { FieldsRequirementConfig, Requirement } from './configuration';
import { isEmptyValue, textOf } from './field-values';
import { compilePattern } from './pattern';

/** Which configured fields the transition did not carry, so they must be read from the issue. */
export function fieldsToRead(
  config: FieldsRequirementConfig,
  modifiedFields: Record<string, unknown> | undefined,
): string[] {
  return [
    ...new Set(
      config.requirements.map((r) => r.fieldId).filter((id) => !(modifiedFields && id in modifiedFields)),
    ),
  ];
}

/**
 * The message of an unmet requirement: the admin's own words as they wrote them, else the app's, in the reader's
 * language. A blank custom message falls back to the default (it must not hide one).
 */
function failureOf(requirement: Requirement, value: unknown): Text | undefined {
  const field = requirement.fieldName;
  const custom = requirement.message ? { verbatim: requirement.message } : undefined;
  if (requirement.condition === 'not-empty') {
    return isEmptyValue(value) ? (custom ?? text('messages.fieldsRequirement.empty', { field })) : undefined;
  }
  const pattern = compilePattern(requirement.pattern ?? '');
  // The configuration was parsed with the same check, so a pattern that does not compile never gets here.
  if (!pattern.ok) throw new Error(`The saved pattern for "${requirement.fieldName}" does not compile.`);
  if (pattern.regex.test(textOf(value))) return undefined;
  if (custom) return custom;
  // The admin's hint says what is expected; a pattern itself means little to most people.
  const hint = requirement.hint?.replace(/[.\s]+$/, '');
  return hint
    ? text('messages.fieldsRequirement.formatWithHint', { field, hint })
    : text('messages.fieldsRequirement.format', { field });
}

/** Pure decision: values from the transition screen win over the stored issue values. */
export function decideFields(
  config: FieldsRequirementConfig,
  modifiedFields: Record<string, unknown> | undefined,
  issueFields: Record<string, unknown>,
): Decision {
  const valueOf = (id: string) =>
    modifiedFields && id in modifiedFields ? modifiedFields[id] : issueFields[id];
  const unmet = config.requirements.flatMap((r) => {
    const message = failureOf(r, valueOf(r.fieldId));
    return message === undefined ? [] : [{ requirement: r, message }];
  });
  if (!unmet.length)
    return { pass: true, summary: `All ${config.requirements.length} field requirement(s) met` };
  // The audit names each unmet field and what it lacked, so the record says what blocked the transition.
  const named = unmet.map(
    ({ requirement: r }) =>
      `"${r.fieldName}" ${r.condition === 'not-empty' ? 'was empty' : 'did not match its pattern'}`,
  );
  return {
    pass: false,
    message: unmet.map((u) => u.message),
    summary: `${unmet.length} field requirement(s) not met: ${named.join(', ')}`,
  };
}
