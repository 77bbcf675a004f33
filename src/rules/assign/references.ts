import { referenceRole, declareReferences, onlyIfReferences } from '../reference-kinds';
import { AssignConfig } from './configuration';

/** The user field it assigns from (the project role is kept by id, so a renamed role still works). */
export const assignReferences = declareReferences({
  rule: 'assign',
  configuration: AssignConfig,
  references: (config) => ({
    expressions: onlyIfReferences(config),
    fields:
      config.target === 'user-field' && config.fieldId
        ? [{ id: config.fieldId, role: referenceRole('userFieldAssignsFrom'), accepts: ['user'] }]
        : [],
  }),
});
