import { referenceRole, declareReferences, onlyIfReferences, type FieldReference } from '../reference-kinds';
import { templateFieldReferences } from '../field-templates/references';
import { SetFieldsConfig, type FieldOperation } from './configuration';

/** What a configured value can be written into (plan.ts sends text as it is, except for the fields it knows). */
function typesFor(operation: Extract<FieldOperation, { op: 'set' }>): Partial<FieldReference> {
  if (typeof operation.value === 'number') return { accepts: ['number'] };
  if (Array.isArray(operation.value)) return { accepts: ['array'] };
  return operation.field === 'labels' ? {} : { rejects: ['number', 'array'] };
}

/** Every field it writes or reads; a copy needs both fields of the same type. */
export const setFieldsReferences = declareReferences({
  rule: 'set-fields',
  configuration: SetFieldsConfig,
  references: (config) => ({
    expressions: onlyIfReferences(config),
    fields: [
      ...templateFieldReferences(config.templateFields ?? [], referenceRole('fieldWrittenIntoAnother')),
      ...config.operations.flatMap((operation): FieldReference[] => {
        switch (operation.op) {
          case 'set':
            return [{ id: operation.field, role: referenceRole('fieldItSets'), ...typesFor(operation) }];
          case 'copy':
            return [
              { id: operation.from, role: referenceRole('fieldCopiesFrom') },
              { id: operation.field, role: referenceRole('fieldCopiesInto'), sameTypeAs: operation.from },
            ];
          case 'clear':
            return [{ id: operation.field, role: referenceRole('fieldItClears') }];
        }
      }),
    ],
  }),
});
