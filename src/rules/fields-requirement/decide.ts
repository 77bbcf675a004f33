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

/** The message of an unmet requirement; a blank custom message falls back to the default (it must not hide one). */
function failureOf(requirement: Requirement, value: unknown): string | undefined {
  if (requirement.condition === 'not-empty') {
    return isEmptyValue(value)
      ? requirement.message || `Fill in "${requirement.fieldName}" before making this transition.`
      : undefined;
  }
  const pattern = compilePattern(requirement.pattern ?? '');
  // The configuration was parsed with the same check, so a pattern that does not compile never gets here.
  if (!pattern.ok) throw new Error(pattern.problem(requirement.fieldName));
  return pattern.regex.test(textOf(value))
    ? undefined
    : requirement.message ||
        `"${requirement.fieldName}" does not have the expected format; correct it before making this transition.`;
}

/** Pure decision: values from the transition screen win over the stored issue values. */
export function decideFields(
  config: FieldsRequirementConfig,
  modifiedFields: Record<string, unknown> | undefined,
  issueFields: Record<string, unknown>,
): Decision {
  const valueOf = (id: string) =>
    modifiedFields && id in modifiedFields ? modifiedFields[id] : issueFields[id];
  const failures = config.requirements
    .map((r) => failureOf(r, valueOf(r.fieldId)))
    .filter((m): m is string => m !== undefined);
  if (!failures.length)
    return { pass: true, summary: `All ${config.requirements.length} field requirement(s) met` };
  return {
    pass: false,
    message: failures.join(' '),
    summary: `${failures.length} field requirement(s) not met`,
  };
}
