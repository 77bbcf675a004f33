import { inEnglish, text, type Text } from '../../access/texts';
import { readConfiguration } from '../../execution/configuration';
import type { TextArgs } from '../../shared/text-format';
import { AssignConfig } from '../../rules/assign/configuration';
import { CommentConfig } from '../../rules/comment/configuration';
import { CopyFieldValuesConfig } from '../../rules/copy-field-values/configuration';
import { describePairs, describeRelation } from '../../rules/copy-field-values/plan';
import { CreateIssueConfig } from '../../rules/create-issue/configuration';
import { LinkIssuesConfig } from '../../rules/link-issues/configuration';
import { FieldsRequirementConfig } from '../../rules/fields-requirement/configuration';

/**
 * One line an admin reads to know what a configured rule does, or why its configuration is unusable: a catalogue
 * text (section `catalog.summaries`) the page words in its reader's language. What the admin wrote (a template, a
 * JQL query) and the names Jira gave (fields, issue types) are shown as they are.
 */
const TEMPLATE_PREVIEW = 80;

const quote = (text: string): string =>
  `“${text.length > TEMPLATE_PREVIEW ? `${text.slice(0, TEMPLATE_PREVIEW - 1)}…` : text}”`;
const summary = (key: string, values?: TextArgs): Text => text(`catalog.summaries.${key}`, values);
/** Words that are not the app's: a configuration's own message, or another module's description. */
const verbatim = (words: string): Text => ({ verbatim: words });

function summariseComment(raw: unknown): Text {
  const config = readConfiguration(CommentConfig, raw);
  if (!config.ok) return verbatim(config.message);
  const { actor, actorField, fallback, template } = config.value;
  const user =
    actor === 'field-user'
      ? actorField?.name
        ? summary('comment.userInField', { field: actorField.name })
        : summary('comment.userInAField')
      : summary('comment.transitioningUser');
  const who =
    actor === 'app'
      ? summary('comment.asApp')
      : summary(fallback === 'act-as-app' ? 'comment.asUserOrApp' : 'comment.asUser', { user });
  return summary('comment.adds', { who, template: quote(template.replace(/\s+/g, ' ')) });
}

function summariseFields(raw: unknown): Text {
  const config = readConfiguration(FieldsRequirementConfig, raw);
  if (!config.ok) return verbatim(config.message);
  const checks = config.value.requirements.map((r) =>
    r.condition === 'matches'
      ? summary('fields.matches', { field: r.fieldName, pattern: r.pattern ?? '' })
      : summary('fields.filled', { field: r.fieldName }),
  );
  const policy = summary(config.value.failurePolicy === 'allow' ? 'fields.letsThrough' : 'fields.blocks');
  return summary('fields.requires', { checks, policy });
}

function summariseCreateIssue(raw: unknown): Text {
  const config = readConfiguration(CreateIssueConfig, raw);
  if (!config.ok) return verbatim(config.message);
  const c = config.value;
  const project = c.projectName ?? summary('createIssue.projectWithId', { id: c.projectId ?? '' });
  const what =
    c.kind === 'sub-task'
      ? c.issueTypeName
        ? summary('createIssue.subTaskOfType', { type: c.issueTypeName })
        : summary('createIssue.subTask')
      : c.issueTypeName
        ? summary('createIssue.issueOfType', { type: c.issueTypeName, project })
        : summary('createIssue.newIssue', { project });
  return c.linkBack
    ? summary('createIssue.createsLinked', { what, summary: quote(c.summary), linkType: c.linkBack.linkType })
    : summary('createIssue.creates', { what, summary: quote(c.summary) });
}

function summariseLinkIssues(raw: unknown): Text {
  const config = readConfiguration(LinkIssuesConfig, raw);
  if (!config.ok) return verbatim(config.message);
  const c = config.value;
  const to =
    c.source === 'jql'
      ? summary('linkIssues.found', { jql: quote(c.jql ?? '') })
      : summary('linkIssues.named', { field: c.fieldName ?? c.fieldId ?? '' });
  return summary('linkIssues.links', { to, linkType: c.linkType });
}

const ASSIGNEES: Readonly<Record<AssignConfig['target'], (c: AssignConfig) => Text>> = {
  reporter: () => summary('assign.reporter'),
  'user-field': (c) => summary('assign.userField', { field: c.fieldName ?? c.fieldId ?? '' }),
  role: (c) =>
    summary(c.roleStrategy === 'round-robin' ? 'assign.roleInTurn' : 'assign.roleFirst', {
      role: c.roleName ?? summary('assign.aProjectRole'),
    }),
  'previous-assignee': () => summary('assign.previousAssignee'),
  unassign: () => summary('assign.unassign'),
};

function summariseAssign(raw: unknown): Text {
  const config = readConfiguration(AssignConfig, raw);
  return config.ok ? ASSIGNEES[config.value.target](config.value) : verbatim(config.message);
}

/** Copy field values words its pairs and relation in its own module (src/rules/copy-field-values/plan.ts). */
function summariseCopyFieldValues(raw: unknown): Text {
  const config = readConfiguration(CopyFieldValuesConfig, raw);
  if (!config.ok) return verbatim(config.message);
  const c = config.value;
  const several = c.direction === 'pull' && c.relation !== 'parent';
  const pairs = describePairs(c.pairs, several);
  return c.direction === 'pull'
    ? summary('copyValues.pull', { pairs, relation: describeRelation(c) })
    : summary('copyValues.push', { pairs, relation: describeRelation(c) });
}

const SUMMARISERS: Readonly<Record<string, (raw: unknown) => Text>> = {
  comment: summariseComment,
  'create-issue': summariseCreateIssue,
  'link-issues': summariseLinkIssues,
  assign: summariseAssign,
  'copy-field-values': summariseCopyFieldValues,
  'fields-requirement': summariseFields,
};

/** Validator configurations carry the `description` Jira shows in the workflow editor (configurationDescription). */
function ownDescription(raw: unknown): string | undefined {
  try {
    const parsed: unknown = typeof raw === 'string' ? JSON.parse(raw) : raw;
    const description = (parsed as { description?: unknown } | null)?.description;
    return typeof description === 'string' && description.trim() ? description.trim() : undefined;
  } catch {
    return undefined;
  }
}

export function ruleSummaryText(rule: string, rawConfiguration: unknown): Text {
  if (rawConfiguration === undefined || rawConfiguration === '') return summary('notConfigured');
  const summarise = SUMMARISERS[rule];
  if (summarise) return summarise(rawConfiguration);
  const own = ownDescription(rawConfiguration);
  return own ? verbatim(own) : summary('configured');
}

/** The summary in English, as the page showed it before it was worded for its reader. */
export const summariseRule = (rule: string, rawConfiguration: unknown): string =>
  inEnglish(ruleSummaryText(rule, rawConfiguration));
