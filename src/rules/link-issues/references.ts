import { referenceRole, declareReferences, onlyIfReferences } from '../reference-kinds';
import { LinkIssuesConfig } from './configuration';

/** Its link type, and the field naming the issues to link when it reads one. */
export const linkIssuesReferences = declareReferences({
  rule: 'link-issues',
  configuration: LinkIssuesConfig,
  references: (config) => ({
    expressions: onlyIfReferences(config),
    fields:
      config.source === 'field' && config.fieldId
        ? [{ id: config.fieldId, role: referenceRole('fieldNamingIssues') }]
        : [],
    linkTypes: [{ name: config.linkType, role: referenceRole('linkTypeItLinksWith') }],
  }),
});
