import { ActorSetting } from '../shared/post-function-settings';
import { ruleCatalog } from './catalog';
import { referenceRole, type ReferenceDeclaration } from './reference-kinds';
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

/**
 * Every post-function may act as the user in a field (src/shared/post-function-settings.ts): that field is referenced
 * too, once here for all of them, and must still hold one user.
 */
function withActorField(declaration: ReferenceDeclaration<unknown>): ReferenceDeclaration<unknown> {
  if (ruleCatalog.find((rule) => rule.key === declaration.rule)?.kind !== 'post-function') return declaration;
  return {
    ...declaration,
    references(configuration) {
      const own = declaration.references(configuration);
      const setting = ActorSetting.safeParse(configuration);
      const field =
        setting.success && setting.data.actor === 'field-user' ? setting.data.actorField : undefined;
      if (!field) return own;
      return {
        ...own,
        fields: [
          ...(own.fields ?? []),
          { id: field.id, role: referenceRole('userFieldActsAs'), accepts: ['user'] },
        ],
      };
    },
  };
}

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
].map(withActorField);
