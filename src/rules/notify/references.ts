import { referenceRole, declareReferences, onlyIfReferences } from '../reference-kinds';
import { NotifyConfig } from './configuration';

export const notifyReferences = declareReferences({
  rule: 'notify',
  configuration: NotifyConfig,
  references: (config) => ({
    expressions: onlyIfReferences(config),
    connections: [{ id: config.connectionId, role: referenceRole('connectionItSendsTo') }],
  }),
});
