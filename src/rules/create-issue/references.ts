import { referenceRole, declareReferences, onlyIfReferences } from '../reference-kinds';
import { templateFieldReferences } from '../field-templates/references';
import { CreateIssueConfig } from './configuration';

/** The fields it copies and the link type of its link back (the project and issue type are kept by id). */
export const createIssueReferences = declareReferences({
  rule: 'create-issue',
  configuration: CreateIssueConfig,
  references: (config) => ({
    expressions: onlyIfReferences(config),
    fields: [
      ...config.copyFields.map((id) => ({ id, role: referenceRole('fieldCopiesIntoNewIssue') })),
      ...templateFieldReferences(config.templateFields ?? [], referenceRole('fieldSummaryShows')),
    ],
    linkTypes: config.linkBack
      ? [
          {
            name: config.linkBack.linkType,
            role: referenceRole('linkTypeNewIssue'),
          },
        ]
      : [],
  }),
});
