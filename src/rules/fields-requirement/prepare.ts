import type { AccessSession } from '../../access/session';
import { invalidInput } from '../../access/failures';
import { text } from '../../access/texts';
import { readFields } from '../validator-config/jira-catalog';
import { parseConfiguration, type Prepared } from '../validator-config/prepare';
import { FieldsRequirementConfig, type Requirement } from './configuration';

const describeRequirement = (r: Requirement): string =>
  r.condition === 'not-empty'
    ? `"${r.fieldName}" filled in`
    : `"${r.fieldName}" matching /${r.pattern ?? ''}/`;

/** One sentence for the workflow editor's rule list. */
export const describeFieldsRequirement = (config: FieldsRequirementConfig): string =>
  `Requires ${config.requirements.map(describeRequirement).join(', ')}; if Jira cannot be asked: ${config.failurePolicy}.`;

/**
 * Every field must exist in this site's field list (read as the configuring admin: one call), and is saved with
 * the name Jira gives it, so a message never names a field the admin did not pick.
 */
export async function prepareFieldsRequirement(raw: unknown, session: AccessSession): Promise<Prepared> {
  const config = parseConfiguration(FieldsRequirementConfig.strict(), raw);
  const known = new Map((await readFields(session)).map((f) => [f.id, f.name]));
  const requirements = config.requirements.map((r, index) => {
    const name = known.get(r.fieldId);
    if (name === undefined) {
      const said = text('errors.config.unknownField', { field: r.fieldId });
      throw invalidInput(text('errors.notSaved.row', { row: index + 1, problem: said }), {
        fieldTexts: { [`requirements.${index}.fieldId`]: said },
      });
    }
    return { ...r, fieldName: name };
  });
  const saved = { ...config, requirements };
  return { saved, description: describeFieldsRequirement(saved) };
}
