import { referenceRole, declareReferences, onlyIfReferences } from '../reference-kinds';
import { templateFieldReferences } from '../field-templates/references';
import { CommentConfig } from './configuration';

/** The fields its comment text shows, and its "Only if" expression. */
export const commentReferences = declareReferences({
  rule: 'comment',
  configuration: CommentConfig,
  references: (config) => ({
    expressions: onlyIfReferences(config),
    fields: templateFieldReferences(config.templateFields ?? [], referenceRole('fieldCommentShows')),
  }),
});
