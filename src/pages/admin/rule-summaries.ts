import { readConfiguration } from '../../execution/configuration';
import { AssignConfig } from '../../rules/assign/configuration';
import { CommentConfig } from '../../rules/comment/configuration';
import { CopyFieldValuesConfig } from '../../rules/copy-field-values/configuration';
import { describePairs, describeRelation } from '../../rules/copy-field-values/plan';
import { CreateIssueConfig } from '../../rules/create-issue/configuration';
import { LinkIssuesConfig } from '../../rules/link-issues/configuration';
import { FieldsRequirementConfig } from '../../rules/fields-requirement/configuration';

/** One line an admin reads to know what a configured rule does, or why its configuration is unusable. */
const TEMPLATE_PREVIEW = 80;

const quote = (text: string): string =>
  `“${text.length > TEMPLATE_PREVIEW ? `${text.slice(0, TEMPLATE_PREVIEW - 1)}…` : text}”`;

function summariseComment(raw: unknown): string {
  const config = readConfiguration(CommentConfig, raw);
  if (!config.ok) return config.message;
  const { actor, actorField, fallback, template } = config.value;
  const user =
    actor === 'field-user' ? `the user in ${actorField?.name ?? 'a field'}` : 'the user who transitions';
  const who =
    actor === 'app'
      ? "as the app's bot user"
      : `as ${user}${fallback === 'act-as-app' ? ' (as the app when they may not)' : ''}`;
  return `Adds a comment ${who}: ${quote(template.replace(/\s+/g, ' '))}`;
}

function summariseFields(raw: unknown): string {
  const config = readConfiguration(FieldsRequirementConfig, raw);
  if (!config.ok) return config.message;
  const checks = config.value.requirements.map((r) =>
    r.condition === 'matches' ? `${r.fieldName} matches /${r.pattern ?? ''}/` : `${r.fieldName} is filled in`,
  );
  const policy = config.value.failurePolicy === 'allow' ? 'lets it through' : 'blocks it';
  return `Requires ${checks.join(', ')}; when Jira cannot be asked it ${policy}.`;
}

function summariseCreateIssue(raw: unknown): string {
  const config = readConfiguration(CreateIssueConfig, raw);
  if (!config.ok) return config.message;
  const c = config.value;
  const what =
    c.kind === 'sub-task'
      ? `a ${c.issueTypeName ?? 'sub-task'} of the issue`
      : `a ${c.issueTypeName ?? 'new issue'} in ${c.projectName ?? `project ${c.projectId ?? ''}`}`;
  const link = c.linkBack ? `, linked back (${c.linkBack.linkType})` : '';
  return `Creates ${what}: ${quote(c.summary)}${link}.`;
}

function summariseLinkIssues(raw: unknown): string {
  const config = readConfiguration(LinkIssuesConfig, raw);
  if (!config.ok) return config.message;
  const c = config.value;
  const to =
    c.source === 'jql'
      ? `the issues found by ${quote(c.jql ?? '')}`
      : `the issues named in ${c.fieldName ?? c.fieldId}`;
  return `Links the issue to ${to} (${c.linkType}).`;
}

const ASSIGNEES: Readonly<Record<AssignConfig['target'], (c: AssignConfig) => string>> = {
  reporter: () => 'Assigns the issue to its reporter.',
  'user-field': (c) => `Assigns the issue to the user in ${c.fieldName ?? c.fieldId}.`,
  role: (c) =>
    `Assigns the issue to ${c.roleStrategy === 'round-robin' ? 'members of' : 'the first assignable member of'} ${c.roleName ?? 'a project role'}${c.roleStrategy === 'round-robin' ? ' in turn' : ''}.`,
  'previous-assignee': () => 'Gives the issue back to its previous assignee.',
  unassign: () => 'Unassigns the issue.',
};

function summariseAssign(raw: unknown): string {
  const config = readConfiguration(AssignConfig, raw);
  return config.ok ? ASSIGNEES[config.value.target](config.value) : config.message;
}

function summariseCopyFieldValues(raw: unknown): string {
  const config = readConfiguration(CopyFieldValuesConfig, raw);
  if (!config.ok) return config.message;
  const c = config.value;
  const several = c.direction === 'pull' && c.relation !== 'parent';
  const pairs = describePairs(c.pairs, several);
  return c.direction === 'pull'
    ? `Copies ${pairs} from ${describeRelation(c)} into the issue.`
    : `Copies ${pairs} from the issue into ${describeRelation(c)}.`;
}

const SUMMARISERS: Readonly<Record<string, (raw: unknown) => string>> = {
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

export function summariseRule(rule: string, rawConfiguration: unknown): string {
  if (rawConfiguration === undefined || rawConfiguration === '') return 'Not configured yet.';
  const summarise = SUMMARISERS[rule];
  if (summarise) return summarise(rawConfiguration);
  return ownDescription(rawConfiguration) ?? 'Configured (open the rule in the workflow editor for details).';
}
