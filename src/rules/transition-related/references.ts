import { referenceRole, declareReferences, onlyIfReferences } from '../reference-kinds';
import { TransitionRelatedConfig } from './configuration';

/** The transition it moves related issues through, and the link type that relates them. */
export const transitionRelatedReferences = declareReferences({
  rule: 'transition-related',
  configuration: TransitionRelatedConfig,
  references: (config) => ({
    expressions: onlyIfReferences(config),
    transitions: [{ name: config.transitionName, role: referenceRole('transitionItMovesThrough') }],
    ...(config.target === 'linked' && config.linkType
      ? { linkTypes: [{ name: config.linkType, role: referenceRole('linkTypeOfIssuesItMoves') }] }
      : {}),
  }),
});
