import { referenceRole, declareReferences } from '../reference-kinds';
import { RelatedIssuesConfig } from './configuration';

/** Link types by name and direction, as JQL's linkedIssues() takes them. */
export const relatedIssuesReferences = declareReferences({
  rule: 'related-issues',
  configuration: RelatedIssuesConfig,
  references: (config) => ({
    linkTypes: config.links.map((link) => ({
      name: link.linkType,
      direction: link.direction,
      role: referenceRole('issuesItChecks', { direction: link.direction }),
    })),
  }),
});
