import { referenceRole, declareReferences, onlyIfReferences, type FieldReference } from '../reference-kinds';
import { CopyFieldValuesConfig, type FieldPair } from './configuration';

/** What each aggregation can read and write (pairProblem in configuration.ts says the same at save time). */
function types(pair: FieldPair): { from: Partial<FieldReference>; to: Partial<FieldReference> } {
  switch (pair.aggregation) {
    case 'sum':
      return { from: { accepts: ['number'] }, to: { accepts: ['number'] } };
    case 'min':
    case 'max':
      return { from: { accepts: ['number', 'date', 'datetime'] }, to: { sameTypeAs: pair.from } };
    case 'join':
      return { from: {}, to: { accepts: ['string'] } };
    case 'first':
      return { from: {}, to: { sameTypeAs: pair.from } };
  }
}

/** The fields it copies from and into, and the link type relating the issues. */
export const copyFieldValuesReferences = declareReferences({
  rule: 'copy-field-values',
  configuration: CopyFieldValuesConfig,
  references: (config) => ({
    expressions: onlyIfReferences(config),
    fields: config.pairs.flatMap((pair): FieldReference[] => {
      const { from, to } = types(pair);
      return [
        { id: pair.from, role: referenceRole('fieldCopiesFrom'), ...from },
        { id: pair.to, role: referenceRole('fieldCopiesInto'), ...to },
      ];
    }),
    ...(config.relation === 'linked' && config.linkType
      ? { linkTypes: [{ name: config.linkType.name, role: referenceRole('linkTypeCopiesBetween') }] }
      : {}),
  }),
});
