import { ChoiceInput, type Choice } from '../post-functions/fields';

export type FailurePolicy = 'block' | 'allow';

const POLICIES: Choice<FailurePolicy>[] = [
  { label: 'Block the transition (safer)', value: 'block' },
  { label: 'Allow the transition', value: 'allow' },
];

export const failurePolicyOf = (value: unknown): FailurePolicy => (value === 'allow' ? 'allow' : 'block');

/** What a function validator does when it cannot ask Jira (outage, rate limit, missing scope or permission). */
export function FailurePolicyInput({
  value,
  onChange,
}: {
  value: FailurePolicy;
  onChange: (value: FailurePolicy) => void;
}) {
  return (
    <ChoiceInput
      id="failurePolicy"
      path="failurePolicy"
      label="When Jira cannot be asked"
      help="If Jira is unreachable, rate limited, or the app lacks a scope or permission. Either way the message and the audit log say why."
      value={value}
      choices={POLICIES}
      onChange={onChange}
    />
  );
}
