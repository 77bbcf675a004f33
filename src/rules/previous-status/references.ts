import { referenceRole, declareReferences } from '../reference-kinds';
import { SavedPreviousStatus } from './configuration';

/**
 * The expression Jira evaluates. The statuses are matched by id, so a renamed one still works; the health check
 * knows statuses by name only, so they are not declared (a rename would be reported as a problem it is not).
 */
export const previousStatusReferences = declareReferences({
  rule: 'previous-status',
  configuration: SavedPreviousStatus,
  references: (config) => ({
    expressions: [{ text: config.expression, role: referenceRole('expressionItBuilds'), kind: 'validator' }],
  }),
});
