import { referenceRole, declareReferences } from '../reference-kinds';
import { CustomExpressionConfig } from './configuration';

export const customExpressionReferences = declareReferences({
  rule: 'custom-expression',
  configuration: CustomExpressionConfig,
  references: (config) => ({
    expressions: [{ text: config.expression, role: referenceRole('itsExpression'), kind: 'validator' }],
  }),
});
