import type { FullContext } from '@forge/bridge';
import { lazy, type ComponentType } from 'react';

export interface PageProps {
  context: FullContext;
}

/**
 * One Custom UI resource serves several Jira modules; each route claims some of them.
 * Every field that is set must match; the first matching route wins.
 */
export interface Route {
  /** `context.extension.type`, e.g. `jira:adminPage`, `jira:projectSettingsPage`, `jira:workflowValidator`. */
  extensionType: string;
  /** `context.moduleKey` from manifest.yml, when one extension type has several modules. */
  moduleKey?: string;
  /** `context.extension.entryPoint`, e.g. `create` | `edit` | `view` for workflow rule screens. */
  entryPoint?: string;
  /** Prefer `lazy(() => import('../pages/X'))` so each page is its own chunk. */
  Page: ComponentType<PageProps>;
}

/** Pages register here, e.g. `{ extensionType: 'jira:adminPage', Page: lazy(() => import('../pages/AdminPage')) }`. */
export const routes: readonly Route[] = [
  { extensionType: 'jira:adminPage', Page: lazy(() => import('../pages/admin/AdminPage')) },
  {
    extensionType: 'jira:projectSettingsPage',
    Page: lazy(() => import('../pages/project-settings/ProjectSettingsPage')),
  },
  // Validator screens: one per module, each handling its create, edit and view entry points.
  ...(
    [
      ['fields-requirement', lazy(() => import('../rules/validators/FieldsRequirementScreen'))],
      ['related-issues', lazy(() => import('../rules/validators/RelatedIssuesScreen'))],
      ['who-may-transition', lazy(() => import('../rules/validators/WhoMayTransitionScreen'))],
      ['custom-expression', lazy(() => import('../rules/validators/CustomExpressionScreen'))],
      ['comment-required', lazy(() => import('../rules/validators/CommentRequiredScreen'))],
      ['field-changed', lazy(() => import('../rules/validators/FieldChangedScreen'))],
      ['required-when', lazy(() => import('../rules/validators/RequiredWhenScreen'))],
      ['previous-status', lazy(() => import('../rules/validators/PreviousStatusScreen'))],
      ['date-compare', lazy(() => import('../rules/validators/DateCompareScreen'))],
    ] as const
  ).map(([moduleKey, Page]) => ({ extensionType: 'jira:workflowValidator', moduleKey, Page })),
  // Condition screens: the validators' twins reuse their screens, which read the module type.
  ...(
    [
      ['who-may-transition-condition', lazy(() => import('../rules/validators/WhoMayTransitionScreen'))],
      ['custom-expression-condition', lazy(() => import('../rules/validators/CustomExpressionScreen'))],
      ['field-value-condition', lazy(() => import('../rules/conditions/FieldValueScreen'))],
      ['related-status-condition', lazy(() => import('../rules/validators/RelatedIssuesScreen'))],
    ] as const
  ).map(([moduleKey, Page]) => ({ extensionType: 'jira:workflowCondition', moduleKey, Page })),
  // Post-function screens: one per module, each handling its create, edit and view entry points.
  {
    extensionType: 'jira:workflowPostFunction',
    moduleKey: 'comment',
    Page: lazy(() => import('../rules/post-functions/CommentScreen')),
  },
  {
    extensionType: 'jira:workflowPostFunction',
    moduleKey: 'set-fields',
    Page: lazy(() => import('../rules/post-functions/SetFieldsScreen')),
  },
  {
    extensionType: 'jira:workflowPostFunction',
    moduleKey: 'transition-related',
    Page: lazy(() => import('../rules/post-functions/TransitionRelatedScreen')),
  },
  {
    extensionType: 'jira:workflowPostFunction',
    moduleKey: 'create-issue',
    Page: lazy(() => import('../rules/post-functions/CreateIssueScreen')),
  },
  {
    extensionType: 'jira:workflowPostFunction',
    moduleKey: 'link-issues',
    Page: lazy(() => import('../rules/post-functions/LinkIssuesScreen')),
  },
  {
    extensionType: 'jira:workflowPostFunction',
    moduleKey: 'assign',
    Page: lazy(() => import('../rules/post-functions/AssignScreen')),
  },
  {
    extensionType: 'jira:workflowPostFunction',
    moduleKey: 'copy-field-values',
    Page: lazy(() => import('../rules/post-functions/CopyFieldValuesScreen')),
  },
  {
    extensionType: 'jira:workflowPostFunction',
    moduleKey: 'notify',
    Page: lazy(() => import('../rules/post-functions/NotifyScreen')),
  },
  {
    extensionType: 'jira:personalSettingsPage',
    moduleKey: 'connected-accounts',
    Page: lazy(() => import('../pages/connected-accounts/ConnectedAccountsPage')),
  },
];

export function findRoute(table: readonly Route[], context: FullContext): Route | undefined {
  const extension = context.extension as { type?: unknown; entryPoint?: unknown };
  return table.find(
    (r) =>
      r.extensionType === extension.type &&
      (r.moduleKey === undefined || r.moduleKey === context.moduleKey) &&
      (r.entryPoint === undefined || r.entryPoint === extension.entryPoint),
  );
}
