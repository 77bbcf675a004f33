import { isAdfDoc } from '../adf';
import type { HistoryRecord, IssueRecord } from '../state';
import type { Reply } from '../types';
import { asRecord, can, type Ctx } from './context';

type Change = (issue: IssueRecord) => void;

const cannotSet = (f: string) =>
  `Field '${f}' cannot be set. It is not on the appropriate screen, or unknown.`;

/**
 * Validates then applies `fields` and `update` from an IssueUpdateDetails body, all or nothing.
 * Errors come back the way Jira reports them: 400 {errorMessages: [], errors: {field: message}}.
 * Without EDIT_ISSUES every field "cannot be set" (Jira answers 400, not 403, per the spec's editIssue text).
 */
export function applyEdits(
  ctx: Ctx,
  issue: IssueRecord,
  body: Record<string, unknown>,
  /**
   * The operation checked its own permission instead of Edit issues: createIssue (Create issues) and assignIssue
   * (Assign issues).
   */
  permittedOtherwise = false,
): Reply | undefined {
  const errors: Record<string, string> = {};
  const changes: Change[] = [];
  const fields = asRecord(body.fields) ?? {};
  const update = asRecord(body.update) ?? {};
  const editable = permittedOtherwise || can(ctx, 'EDIT_ISSUES', issue.projectKey);
  for (const [field, value] of Object.entries(fields)) {
    const r = editable ? setField(ctx, issue, field, value) : cannotSet(field);
    if (typeof r === 'string') errors[field] = r;
    else changes.push(r);
  }
  for (const [field, ops] of Object.entries(update)) {
    if (!editable) {
      errors[field] = cannotSet(field);
      continue;
    }
    for (const op of Array.isArray(ops) ? ops : []) {
      const r = updateField(ctx, issue, field, asRecord(op) ?? {});
      if (typeof r === 'string') errors[field] = r;
      else changes.push(r);
    }
  }
  if (Object.keys(errors).length > 0) return { status: 400, body: { errorMessages: [], errors } };
  for (const c of changes) c(issue);
  if (changes.length > 0) issue.updated = ctx.site.now();
  return undefined;
}

/** The values the changelog compares (status is recorded by the transition itself). */
export function historyValues(issue: IssueRecord): Record<string, unknown> {
  return {
    summary: issue.summary,
    assignee: issue.assignee ?? null,
    reporter: issue.reporter ?? null,
    ...structuredClone(issue.fields),
  };
}

/**
 * Adds to the issue's history what changed since `before`, plus `always` (a transition is recorded even when it
 * leads back to the same status); an edit that changed no value leaves no history, as in Jira.
 */
export function recordHistory(
  ctx: Ctx,
  issue: IssueRecord,
  before: Record<string, unknown>,
  always: HistoryRecord['items'] = [],
): void {
  const after = historyValues(issue);
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  const changed = fields
    .filter((field) => JSON.stringify(before[field] ?? null) !== JSON.stringify(after[field] ?? null))
    .map((field) => ({ field, from: before[field] ?? null, to: after[field] ?? null }));
  const items = [...always, ...changed];
  if (items.length > 0) issue.history.push({ author: ctx.caller.accountId, at: ctx.site.now(), items });
}

function setField(ctx: Ctx, issue: IssueRecord, field: string, value: unknown): Change | string {
  const site = ctx.site;
  switch (field) {
    case 'summary':
      if (typeof value !== 'string' || value.trim() === '') return 'You must specify a summary of the issue.';
      if (value.length > 255) return 'Summary must be less than 255 characters.';
      return (i) => void (i.summary = value);
    case 'description':
      if (value !== null && !isAdfDoc(value)) {
        return 'Operation value must be an Atlassian Document (see the Atlassian Document Format)';
      }
      return (i) => void (i.fields.description = value);
    case 'labels': {
      if (!Array.isArray(value) || value.some((l) => typeof l !== 'string')) return 'Labels must be strings.';
      const bad = (value as string[]).find((l) => /\s/.test(l));
      if (bad !== undefined) return `The label '${bad}' contains spaces which is invalid.`;
      return (i) => void (i.fields.labels = [...new Set(value as string[])]);
    }
    case 'priority': {
      const ref = asRecord(value);
      const p = [...site.priorities.values()].find((x) => x.id === ref?.id || x.name === ref?.name);
      if (!p) return 'The priority selected is invalid.';
      return (i) => void (i.fields.priority = p.name);
    }
    case 'assignee': {
      if (value === null) return (i) => void (i.assignee = undefined);
      const accountId = asRecord(value)?.accountId;
      if (typeof accountId !== 'string' || !site.users.has(accountId))
        return 'Specified user does not exist.';
      // A deactivated account has no product access, so it cannot be assigned either; the message is the one
      // https://confluence.atlassian.com/jirakb/user-cannot-be-assigned-issues-1141972083.html quotes.
      if (!site.can(accountId, 'ASSIGNABLE_USER', issue.projectKey) || !site.users.get(accountId)?.active) {
        return `User '${accountId}' cannot be assigned issues.`;
      }
      return (i) => void (i.assignee = accountId);
    }
    case 'parent': {
      if (value === null) return PARENT_REMOVAL;
      const ref = asRecord(value);
      const idOrKey =
        typeof ref?.key === 'string' ? ref.key : typeof ref?.id === 'string' ? ref.id : undefined;
      const parent = idOrKey !== undefined ? site.findIssue(idOrKey) : undefined;
      if (!parent || !can(ctx, 'BROWSE_PROJECTS', parent.projectKey))
        return `Issue '${idOrKey ?? ''}' could not be found.`;
      return parentMismatch(ctx, issue, parent) ?? ((i) => void (i.parentKey = parent.key));
    }
    case 'duedate':
      if (value !== null && (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value))) {
        return `Error parsing date string: ${JSON.stringify(value)}`;
      }
      return (i) => void (i.fields.duedate = value);
    default: {
      const def = site.fieldDefs.get(field);
      if (!def?.custom) return cannotSet(field);
      const typeOk =
        value === null ||
        (def.schemaType === 'number' && typeof value === 'number') ||
        (def.schemaType === 'string' && typeof value === 'string') ||
        (def.schemaType === 'array' && Array.isArray(value)) ||
        !['number', 'string', 'array'].includes(def.schemaType);
      if (!typeOk) return `Operation value must be a ${def.schemaType}`;
      return (i) => void (i.fields[field] = structuredClone(value));
    }
  }
}

/** `update` verbs: labels support add/remove/set; other fields support set. */
function updateField(
  ctx: Ctx,
  issue: IssueRecord,
  field: string,
  op: Record<string, unknown>,
): Change | string {
  if (field === 'parent' && asRecord(op.set)?.none === true) return removeParent(ctx, issue);
  if ('set' in op) return setField(ctx, issue, field, op.set);
  if (field !== 'labels') return cannotSet(field);
  const label = op.add ?? op.remove;
  if (typeof label !== 'string') return 'Labels must be strings.';
  if (/\s/.test(label)) return `The label '${label}' contains spaces which is invalid.`;
  return (i) => {
    const labels = new Set(Array.isArray(i.fields.labels) ? (i.fields.labels as string[]) : []);
    if ('add' in op) labels.add(label);
    else labels.delete(label);
    i.fields.labels = [...labels];
  };
}

/**
 * The parent (editIssue: "The parent field may be set by key or ID. For standard issue types, the parent may be
 * removed by setting `update.parent.set.none` to *true*"). createIssue adds the rules checked here: a sub-task's
 * parent is in its project, and "in a next-gen project any issue may be made a child providing that the parent and
 * child are members of the same project". The hierarchy (a child sits one level below its parent) and the messages
 * are assumptions (FIDELITY.md, "Team-managed projects").
 */
const PARENT_REMOVAL = 'Remove the parent with update.parent.set.none.';

const levelOf = (ctx: Ctx, issue: IssueRecord) =>
  ctx.site.issueTypes.get(issue.issueType)?.hierarchyLevel ?? 0;

function parentMismatch(ctx: Ctx, child: IssueRecord, parent: IssueRecord): string | undefined {
  const teamManaged = ctx.site.requireProject(child.projectKey).style === 'team-managed';
  if (parent.key === child.key || levelOf(ctx, parent) !== levelOf(ctx, child) + 1)
    return 'Given parent work item does not belong to appropriate hierarchy.';
  if ((teamManaged || levelOf(ctx, child) < 0) && parent.projectKey !== child.projectKey)
    return 'The parent and the child must be in the same project.';
  return undefined;
}

function removeParent(ctx: Ctx, issue: IssueRecord): Change | string {
  if (levelOf(ctx, issue) < 0) return 'A sub-task must have a parent.';
  return (i) => void (i.parentKey = undefined);
}
