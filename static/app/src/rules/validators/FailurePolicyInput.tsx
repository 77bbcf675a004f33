import { useT } from '../../i18n';
import { ChoiceInput } from '../post-functions/fields';

export type FailurePolicy = 'block' | 'allow';

const POLICIES: readonly FailurePolicy[] = ['block', 'allow'];

export const failurePolicyOf = (value: unknown): FailurePolicy => (value === 'allow' ? 'allow' : 'block');

/** What a function validator does when it cannot ask Jira (outage, rate limit, missing scope or permission). */
export function FailurePolicyInput({
  value,
  onChange,
}: {
  value: FailurePolicy;
  onChange: (value: FailurePolicy) => void;
}) {
  const t = useT();
  return (
    <ChoiceInput
      id="failurePolicy"
      path="failurePolicy"
      label={t('rules.common.failurePolicy.label')}
      help={t('rules.common.failurePolicy.help')}
      value={value}
      choices={POLICIES.map((policy) => ({
        label: t(`rules.common.failurePolicy.${policy}`),
        value: policy,
      }))}
      onChange={onChange}
    />
  );
}
