import { CreatableSelect } from '@atlaskit/select';
import { useT } from '../../i18n';
import { FieldFrame } from '../post-functions/fields';

interface NameOption {
  label: string;
  value: string;
}

/** Free-form names (groups, project roles): type a name and press Enter to add it. */
export function NamesInput({
  id,
  label,
  help,
  value,
  onChange,
}: {
  id: string;
  label: string;
  help: string;
  value: string[];
  onChange: (value: string[]) => void;
}) {
  const t = useT();
  // The id is the configuration's key (`groups`, `projectRoles`): its errors are said here.
  return (
    <FieldFrame id={id} path={id} label={label} help={help}>
      <CreatableSelect<NameOption, true>
        inputId={id}
        isMulti
        value={value.map((name) => ({ label: name, value: name }))}
        onChange={(chosen) => onChange(chosen.map((o) => o.value))}
        formatCreateLabel={(name: string) => t('rules.common.names.add', { name })}
        placeholder={t('rules.common.names.placeholder')}
        menuPosition="fixed"
      />
    </FieldFrame>
  );
}
