import { referenceRole, declareReferences } from '../reference-kinds';
import { SavedDateCompare } from './configuration';

/** Its date fields (a field deleted or changed to another type breaks the comparison) and the expression. */
export const dateCompareReferences = declareReferences({
  rule: 'date-compare',
  configuration: SavedDateCompare,
  references: (config) => ({
    fields: [
      { id: config.field.id, role: referenceRole('dateFieldCompares'), accepts: ['date', 'datetime'] },
      ...(config.otherField
        ? [
            {
              id: config.otherField.id,
              role: referenceRole('dateFieldComparesWith'),
              accepts: ['date', 'datetime'],
            },
          ]
        : []),
    ],
    expressions: [{ text: config.expression, role: referenceRole('expressionItBuilds'), kind: 'validator' }],
  }),
});
