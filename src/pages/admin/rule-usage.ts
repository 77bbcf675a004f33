import { z } from 'zod';
import { CURRENT_USER } from '../../access/actor';
import { readAppIdentity, type AppIdentity } from '../../access/app-permissions';
import { ownModuleKey } from '../../access/extension-ari';
import { route } from '../../access/route';
import type { AccessSession } from '../../access/session';
import { inEnglish, type Text } from '../../access/texts';
import { ruleCatalog } from '../../rules/catalog';
import type { RuleUsagesView, RuleUsageView } from '../../shared/admin-page';
import { ruleSummaryText } from './rule-summaries';

/** The summary in English as before, and as a catalogue text the page words in its reader's language. */
function summaryOf(rule: string, config: unknown): { summary: string; said: { summary: Text } } {
  const said = ruleSummaryText(rule, config);
  return { summary: inEnglish(said), said: { summary: said } };
}

/**
 * Where this app's validators and post-functions sit, read from `GET /rest/api/3/workflows/search` with
 * `expand=values.transitions` (needs manage:jira-configuration, which the post-function module already requires).
 * The Jira OpenAPI description (the "Forge rules" section of the workflow capabilities operation) shows a Forge rule
 * as `ruleKey` `forge:expression-validator`, `forge:expression-condition` or `forge:workflow-post-function` with
 * `parameters` `key` = `ari:cloud:ecosystem::extension/{appId}/{environmentId}/static/{moduleKey}`, `config`, `id`,
 * `disabled` and `tag`. The spec names one validator key for expression and function validators alike and no page
 * shows a function validator's rule, so a rule is recognised by its extension ARI alone, whatever its `ruleKey`
 * (test/emulator/FIDELITY.md, "Workflow rules"): the ARI names this app and environment, which no other app's rule can.
 */
const PAGE_SIZE = 50;
const MAX_PAGES = 4;

/** Parameters are strings in the spec; any other value is ignored rather than failing the whole page. */
export const WorkflowRule = z.object({
  ruleKey: z.string(),
  id: z.string().nullish(),
  parameters: z.record(z.string(), z.unknown()).nullish(),
});
/** A transition's conditions: rules in groups nested to any depth (ConditionGroupConfiguration in the spec). */
interface ConditionGroup {
  conditions?: Array<z.infer<typeof WorkflowRule>> | undefined;
  conditionGroups?: ConditionGroup[] | undefined;
}
const ConditionGroup: z.ZodType<ConditionGroup> = z.lazy(() =>
  z.object({
    conditions: z.array(WorkflowRule).optional(),
    conditionGroups: z.array(ConditionGroup).optional(),
  }),
);
const rulesOf = (group: ConditionGroup | null | undefined): Array<z.infer<typeof WorkflowRule>> =>
  group ? [...(group.conditions ?? []), ...(group.conditionGroups ?? []).flatMap(rulesOf)] : [];

export const WorkflowTransition = z.object({
  id: z.string(),
  name: z.string(),
  type: z.string().optional(),
  toStatusReference: z.string().optional(),
  links: z.array(z.object({ fromStatusReference: z.string().nullish() })).optional(),
  actions: z.array(WorkflowRule).optional(),
  validators: z.array(WorkflowRule).optional(),
  conditions: ConditionGroup.nullish(),
});
/** A JiraWorkflow with its transitions, as both workflow operations answer it. */
export const Workflow = z.object({
  id: z.string(),
  name: z.string(),
  transitions: z.array(WorkflowTransition).optional(),
});
const WorkflowStatuses = z
  .array(z.object({ statusReference: z.string().optional(), name: z.string() }))
  .optional();
const SearchPage = z.object({
  isLast: z.boolean().optional(),
  total: z.number().optional(),
  values: z.array(Workflow),
  statuses: WorkflowStatuses,
});

export const parameter = (rule: z.infer<typeof WorkflowRule>, name: string): string | undefined => {
  const value = rule.parameters?.[name];
  return typeof value === 'string' ? value : undefined;
};

/** The catalog rule a workflow rule belongs to, when it is one of this app installation's modules. */
export function ownRule(rule: z.infer<typeof WorkflowRule>, app: AppIdentity) {
  const moduleKey = ownModuleKey(parameter(rule, 'key'), app);
  return ruleCatalog.find((entry) => entry.key === moduleKey);
}

/** This installation's rules on a workflow's transitions, each with the catalog entry it belongs to. */
export function ownRulesOf(workflow: z.infer<typeof Workflow>, app: AppIdentity) {
  return (workflow.transitions ?? []).flatMap((transition) =>
    [
      ...(transition.validators ?? []).map((rule) => ({ rule, kind: 'validator' as const })),
      ...rulesOf(transition.conditions).map((rule) => ({ rule, kind: 'condition' as const })),
      ...(transition.actions ?? []).map((rule) => ({ rule, kind: 'post-function' as const })),
    ].flatMap(({ rule, kind }) => {
      const entry = ownRule(rule, app);
      return entry ? [{ transition, rule, kind, entry }] : [];
    }),
  );
}

export async function findRuleUsages(session: AccessSession): Promise<RuleUsagesView> {
  const app = readAppIdentity();
  const usages: RuleUsageView[] = [];
  let workflowsScanned = 0;
  let startAt = 0;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const body = SearchPage.parse(
      await session
        .jira(CURRENT_USER)
        .requestJira(
          route`/rest/api/3/workflows/search?startAt=${startAt}&maxResults=${PAGE_SIZE}&expand=values.transitions`,
          { permission: 'ADMINISTER' },
        ),
    );
    const statusName = new Map((body.statuses ?? []).map((s) => [s.statusReference ?? '', s.name]));
    const nameOf = (reference: string | null | undefined) =>
      statusName.get(reference ?? '') ?? reference ?? 'unknown status';
    for (const workflow of body.values) {
      workflowsScanned += 1;
      for (const { transition, rule, kind, entry } of ownRulesOf(workflow, app)) {
        usages.push({
          workflowId: workflow.id,
          workflowName: workflow.name,
          transitionId: transition.id,
          transitionName: transition.name,
          fromStatuses:
            transition.type === 'GLOBAL'
              ? []
              : (transition.links ?? []).map((link) => nameOf(link.fromStatusReference)),
          toStatus: nameOf(transition.toStatusReference),
          rule: entry.key,
          ruleTitle: entry.title,
          kind,
          disabled: [true, 'true'].includes(rule.parameters?.disabled as boolean | string),
          ...summaryOf(entry.key, parameter(rule, 'config')),
        });
      }
    }
    startAt += body.values.length;
    const last = body.isLast ?? startAt >= (body.total ?? 0);
    if (last || body.values.length === 0) return { usages, workflowsScanned, truncated: false };
  }
  return { usages, workflowsScanned, truncated: true };
}
