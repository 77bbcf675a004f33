import type { ReferenceDeclaration } from './reference-kinds';
import { assignReferences } from './assign/references';
import { commentReferences } from './comment/references';
import { copyFieldValuesReferences } from './copy-field-values/references';
import { createIssueReferences } from './create-issue/references';
import { customExpressionReferences } from './custom-expression/references';
import { dateCompareReferences } from './date-compare/references';
import { fieldsRequirementReferences } from './fields-requirement/references';
import { linkIssuesReferences } from './link-issues/references';
import { notifyReferences } from './notify/references';
import { previousStatusReferences } from './previous-status/references';
import { relatedIssuesReferences } from './related-issues/references';
import { setFieldsReferences } from './set-fields/references';
import { transitionRelatedReferences } from './transition-related/references';
import { whoMayTransitionReferences } from './who-may-transition/references';

export type { FieldReference, ReferenceDeclaration, RuleReferences } from './reference-kinds';

/** Every rule that references something (a rule referencing nothing needs no entry). */
export const ruleReferences: readonly ReferenceDeclaration<unknown>[] = [
  fieldsRequirementReferences,
  relatedIssuesReferences,
  whoMayTransitionReferences,
  customExpressionReferences,
  previousStatusReferences,
  dateCompareReferences,
  setFieldsReferences,
  transitionRelatedReferences,
  notifyReferences,
  commentReferences,
  createIssueReferences,
  linkIssuesReferences,
  assignReferences,
  copyFieldValuesReferences,
];
