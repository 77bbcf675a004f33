import { referenceRole, declareReferences } from '../reference-kinds';
import { FieldsRequirementConfig } from './configuration';

/** Each required field must still exist; any type can be required to be filled in. */
export const fieldsRequirementReferences = declareReferences({
  rule: 'fields-requirement',
  configuration: FieldsRequirementConfig,
  references: (config) => ({
    fields: config.requirements.map((r) => ({
      id: r.fieldId,
      role: referenceRole('fieldItRequires', { name: r.fieldName }),
    })),
  }),
});
