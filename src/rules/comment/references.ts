import { declareReferences, onlyIfReferences } from '../reference-kinds';
import { CommentConfig } from './configuration';

/** The comment's template names nothing in Jira; its "Only if" expression does. */
export const commentReferences = declareReferences({
  rule: 'comment',
  configuration: CommentConfig,
  references: (config) => ({ expressions: onlyIfReferences(config) }),
});
