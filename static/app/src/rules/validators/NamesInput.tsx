import { CreatableSelect } from '@atlaskit/select';
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
  // The id is the configuration's key (`groups`, `projectRoles`): its errors are said here.
  return (
    <FieldFrame id={id} path={id} label={label} help={help}>
      <CreatableSelect<NameOption, true>
        inputId={id}
        isMulti
        value={value.map((name) => ({ label: name, value: name }))}
        onChange={(chosen) => onChange(chosen.map((o) => o.value))}
        formatCreateLabel={(name: string) => `Add “${name}”`}
        placeholder="Type a name, then press Enter"
        menuPosition="fixed"
      />
    </FieldFrame>
  );
}
