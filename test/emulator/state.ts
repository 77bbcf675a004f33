import { adfToText, textToAdf, type AdfDoc } from './adf';
import { assertDocumentedForgeRule } from './forge-rules';
import { holds, permissionDef, PERMISSIONS, sameGrant, type Grant, type GrantTarget } from './permissions';

export type StatusCategoryKey = 'new' | 'indeterminate' | 'done';

export interface UserRecord {
  accountId: string;
  displayName: string;
  accountType: 'atlassian' | 'app';
  groups: Set<string>;
  emailAddress?: string;
  /** The person's language preference in Jira (`fr_FR`); none: Jira answers the site's default locale. */
  locale?: string;
  /** UserDetails.active ("Whether the user is active"); `deactivateUser` clears it. */
  active: boolean;
}

export interface ProjectRecord {
  id: string;
  key: string;
  name: string;
  style: 'company-managed' | 'team-managed';
  leadAccountId?: string;
  /** The workflow scheme's default workflow: every issue type not mapped below uses it. */
  workflow: string;
  /**
   * The workflow scheme's issue type mappings (issue type name -> workflow name): the spec's WorkflowScheme
   * `issueTypeMappings`, "The issue type to workflow mappings, where each mapping is an issue type ID and workflow
   * name pair". Sub-tasks often have a workflow of their own this way.
   */
  issueTypeWorkflows: Map<string, string>;
  roles: Map<string, Set<string>>; // role name -> accountIds
}

export interface StatusRecord {
  id: string;
  name: string;
  category: StatusCategoryKey;
}

/** A workflow rule as Jira's workflow APIs expose it (parameters are strings in the spec). */
export interface WorkflowRule {
  ruleKey: string;
  id?: string;
  parameters?: Record<string, string>;
}

export interface TransitionRecord {
  id: string;
  name: string;
  from: string[]; // status names; empty = global transition (from any status)
  to: string;
  validators: WorkflowRule[];
  postFunctions: WorkflowRule[];
  conditions: WorkflowRule[];
}

export interface WorkflowRecord {
  id: string;
  name: string;
  description: string;
  statuses: string[];
  initialStatus: string;
  transitions: TransitionRecord[];
  /** DocumentVersion: a new one with every edit (editWorkflow), as Jira's workflow update asks for the current one. */
  version: { id: string; versionNumber: number };
  updated: string;
}

export interface CommentRecord {
  id: string;
  authorId: string;
  body: AdfDoc;
  created: string;
  updated: string;
  visibility?: { type: 'group' | 'role'; value: string };
  properties: Map<string, unknown>;
}

export interface IssueRecord {
  id: string;
  key: string;
  projectKey: string;
  issueType: string;
  status: string;
  summary: string;
  /** Editable fields other than summary: description, labels, priority, duedate, customfield_*. */
  fields: Record<string, unknown>;
  parentKey?: string;
  assignee?: string;
  reporter?: string;
  comments: CommentRecord[];
  properties: Map<string, unknown>;
  /** What the issue's History tab shows: each transition made, and each edit that changed a value. */
  history: HistoryRecord[];
  created: string;
  updated: string;
}

/** One change group of the changelog: who changed what, from which value to which. */
export interface HistoryRecord {
  author: string;
  at: string;
  items: Array<{ field: string; from: unknown; to: unknown }>;
}

export interface LinkTypeRecord {
  id: string;
  name: string;
  inward: string;
  outward: string;
}

export interface LinkRecord {
  id: string;
  type: string;
  outwardKey: string; // "outwardKey <outward> inwardKey" reads e.g. "A-1 blocks A-2"
  inwardKey: string;
}

export interface FieldRecord {
  id: string;
  name: string;
  custom: boolean;
  schemaType: string;
  items?: string;
}

export interface IssueTypeRecord {
  id: string;
  name: string;
  subtask: boolean;
  hierarchyLevel: number;
}

export interface PriorityRecord {
  id: string;
  name: string;
}

export interface WorkflowInput {
  name: string;
  description?: string;
  statuses: Array<{ name: string; category: StatusCategoryKey; id?: string }>;
  transitions: Array<{
    id: string;
    name: string;
    from: string[];
    to: string;
    validators?: WorkflowRule[];
    postFunctions?: WorkflowRule[];
    conditions?: WorkflowRule[];
  }>;
  initialStatus?: string; // default: first status
  projects?: string[]; // project keys that use it
  /** With `projects`: only these issue types use it there (a workflow scheme mapping); default every type. */
  issueTypes?: string[];
}

/** Read-only snapshot for assertions (a copy: mutating it changes nothing). */
export interface IssueSnapshot {
  id: string;
  key: string;
  projectKey: string;
  issueType: string;
  status: string;
  statusCategory: StatusCategoryKey;
  summary: string;
  assignee?: string;
  reporter?: string;
  parentKey?: string;
  fields: Record<string, unknown>;
  comments: Array<{
    id: string;
    author: string;
    body: AdfDoc;
    text: string;
    visibility?: { type: string; value: string };
    properties: Record<string, unknown>;
  }>;
  properties: Record<string, unknown>;
  history: HistoryRecord[];
}

export const APP_BOT_ID = '712020:workflow-guard-app-bot';

/** Jira's timestamp style: 2026-01-01T10:00:00.000+0000. */
export const jiraTime = (ms: number): string => new Date(ms).toISOString().replace('Z', '+0000');

/** In-memory Jira data plus seeding. Every seeding call validates its references so test typos fail loudly. */
export class SiteState {
  readonly baseUrl: string;
  readonly users = new Map<string, UserRecord>();
  readonly groups = new Set<string>();
  readonly roles = new Set<string>();
  readonly projects = new Map<string, ProjectRecord>();
  readonly issues = new Map<string, IssueRecord>();
  readonly statuses = new Map<string, StatusRecord>(); // by name
  readonly workflows = new Map<string, WorkflowRecord>();
  readonly linkTypes = new Map<string, LinkTypeRecord>();
  readonly links: LinkRecord[] = [];
  readonly fieldDefs = new Map<string, FieldRecord>();
  readonly issueTypes = new Map<string, IssueTypeRecord>();
  readonly priorities = new Map<string, PriorityRecord>();
  readonly grants: Grant[] = [];
  readonly appBot: UserRecord;
  /** The site's default language (Jira settings › System › General configuration), as Jira writes it: `en_US`. */
  defaultLocale = 'en_US';
  /**
   * The enhanced search "may return fewer items per page where a large number of fields or properties are
   * requested" (the spec, on maxResults): when set, no search page holds more issues than this.
   */
  searchPageCap?: number;
  /**
   * Fields the project's field configuration makes required on create, per `${projectKey}/${issueTypeName}`
   * (seed with requireOnCreate): createmeta reports them `required`, and createIssue refuses an issue without them.
   */
  readonly requiredOnCreate = new Map<string, Set<string>>();
  /**
   * Issue property paths Jira indexes for JQL (`issue.property['key'].path`): those an installed app declares in
   * jira:entityProperty modules (https://developer.atlassian.com/platform/forge/manifest-reference/modules/jira-entity-property/).
   * JiraSite fills it from manifest.yml.
   */
  readonly indexedIssueProperties: Array<{ propertyKey: string; path: string; type: string }> = [];
  private seq = 10000;
  private readonly issueCounters = new Map<string, number>();
  /** Keys a project or issue had before a key change, still answering: see renameProjectKey. */
  private readonly formerProjectKeys = new Map<string, ProjectRecord>();
  private readonly formerIssueKeys = new Map<string, IssueRecord>();

  constructor(baseUrl = 'https://emulator.atlassian.net') {
    this.baseUrl = baseUrl;
    this.appBot = this.addUser({ accountId: APP_BOT_ID, displayName: 'Workflow Guard', accountType: 'app' });
    this.seedDefaults();
  }

  nextId(): string {
    this.seq += 1;
    return String(this.seq);
  }

  /** The site's clock in milliseconds (a test may set it); timestamps and `new Date()` in expressions read it. */
  clock: () => number = () => Date.now();

  now(): string {
    return jiraTime(this.clock());
  }

  // ---- seeding ------------------------------------------------------------------------------------------

  addUser(u: {
    accountId: string;
    displayName: string;
    accountType?: 'atlassian' | 'app';
    groups?: string[];
    emailAddress?: string;
    locale?: string;
  }): UserRecord {
    for (const g of u.groups ?? []) this.groups.add(g);
    const user: UserRecord = {
      accountId: u.accountId,
      displayName: u.displayName,
      accountType: u.accountType ?? 'atlassian',
      groups: new Set(u.groups ?? []),
      emailAddress: u.emailAddress,
      ...(u.locale ? { locale: u.locale } : {}),
      active: true,
    };
    this.users.set(u.accountId, user);
    return user;
  }

  /** A deactivated account: Jira keeps it (in fields, as authors), shown with `active: false`. */
  deactivateUser(accountId: string): void {
    this.requireUser(accountId).active = false;
  }

  addGroup(name: string): { name: string; groupId: string } {
    this.groups.add(name);
    return { name, groupId: groupIdOf(name) };
  }

  addUserToGroup(accountId: string, group: string): void {
    this.groups.add(group);
    this.requireUser(accountId).groups.add(group);
  }

  addProject(p: {
    key: string;
    name?: string;
    id?: string;
    style?: 'company-managed' | 'team-managed';
    leadAccountId?: string;
  }): ProjectRecord {
    if (p.leadAccountId !== undefined) this.requireUser(p.leadAccountId);
    const project: ProjectRecord = {
      id: p.id ?? this.nextId(),
      key: p.key,
      name: p.name ?? p.key,
      style: p.style ?? 'company-managed',
      leadAccountId: p.leadAccountId,
      workflow: DEFAULT_WORKFLOW,
      issueTypeWorkflows: new Map(),
      roles: new Map(),
    };
    this.projects.set(p.key, project);
    return project;
  }

  addRole(name: string): { name: string } {
    this.roles.add(name);
    return { name };
  }

  /** A project role's id (Jira's are integers, shared by every project): stable per name for this site. */
  roleIdOf(name: string): number {
    if (!this.roles.has(name)) throw new Error(`no project role ${name}`);
    return 10002 + [...this.roles].indexOf(name);
  }

  assignRole(projectKey: string, roleName: string, accountId: string): void {
    this.requireUser(accountId);
    this.roles.add(roleName);
    const roles = this.requireProject(projectKey).roles;
    const members = roles.get(roleName) ?? new Set<string>();
    members.add(accountId);
    roles.set(roleName, members);
  }

  addWorkflow(w: WorkflowInput): WorkflowRecord {
    for (const s of w.statuses) this.ensureStatus(s.name, s.category, s.id);
    const names = w.statuses.map((s) => s.name);
    for (const t of w.transitions) {
      for (const n of [...t.from, t.to])
        if (!names.includes(n)) throw new Error(`workflow ${w.name}: no status ${n}`);
      for (const list of ['validators', 'postFunctions', 'conditions'] as const)
        for (const rule of t[list] ?? [])
          assertDocumentedForgeRule(`workflow ${w.name}, transition ${t.id}`, list, rule);
    }
    const workflow: WorkflowRecord = {
      id: this.workflows.get(w.name)?.id ?? randomUuid(this.nextId()),
      name: w.name,
      description: w.description ?? '',
      statuses: names,
      initialStatus: w.initialStatus ?? names[0] ?? '',
      transitions: w.transitions.map((t) => ({
        ...t,
        validators: t.validators ?? [],
        postFunctions: t.postFunctions ?? [],
        conditions: t.conditions ?? [],
      })),
      version: {
        id: randomUuid(this.nextId()),
        versionNumber: (this.workflows.get(w.name)?.version.versionNumber ?? -1) + 1,
      },
      updated: this.now(),
    };
    this.workflows.set(w.name, workflow);
    for (const key of w.projects ?? []) {
      const project = this.requireProject(key);
      if (w.issueTypes === undefined) project.workflow = w.name;
      else for (const type of w.issueTypes) project.issueTypeWorkflows.set(type, w.name);
    }
    return workflow;
  }

  /**
   * An admin's edit of a workflow (a transition renamed, a rule's configuration changed): applied, then the workflow
   * gets a new version and `updated` time. Tests and the sandbox edit workflows through this, never in place.
   */
  editWorkflow(name: string, edit: (workflow: WorkflowRecord) => void): WorkflowRecord {
    const workflow = this.workflows.get(name);
    if (!workflow) throw new Error(`no workflow ${name}`);
    edit(workflow);
    workflow.version = { id: randomUuid(this.nextId()), versionNumber: workflow.version.versionNumber + 1 };
    workflow.updated = this.now();
    return workflow;
  }

  /** A custom field deleted (moved to the trash): GET /field no longer lists it, nor expressions know it. */
  deleteField(id: string): void {
    if (!this.fieldDefs.get(id)?.custom) throw new Error(`no custom field ${id}`);
    this.fieldDefs.delete(id);
  }

  /** A group renamed in Atlassian Administration: its members follow it. */
  renameGroup(from: string, to: string): void {
    if (!this.groups.delete(from)) throw new Error(`no group ${from}`);
    this.groups.add(to);
    for (const user of this.users.values()) if (user.groups.delete(from)) user.groups.add(to);
  }

  /** An issue link type deleted (Jira settings › Issues › Issue linking), with the links of that type. */
  removeLinkType(name: string): void {
    if (!this.linkTypes.delete(name)) throw new Error(`no link type ${name}`);
    for (let i = this.links.length - 1; i >= 0; i -= 1)
      if (this.links[i]?.type === name) this.links.splice(i, 1);
  }

  addField(f: { id?: string; name: string; type?: string; items?: string }): FieldRecord {
    const field: FieldRecord = {
      id: f.id ?? `customfield_${this.nextId()}`,
      name: f.name,
      custom: true,
      schemaType: f.type ?? 'string',
      items: f.items,
    };
    this.fieldDefs.set(field.id, field);
    return field;
  }

  addIssueType(name: string, opts: { subtask?: boolean; hierarchyLevel?: number } = {}): IssueTypeRecord {
    const existing = this.issueTypes.get(name);
    if (existing) return existing;
    const t = {
      id: this.nextId(),
      name,
      subtask: opts.subtask ?? false,
      hierarchyLevel: opts.hierarchyLevel ?? (opts.subtask ? -1 : 0),
    };
    this.issueTypes.set(name, t);
    return t;
  }

  /** The project's field configuration makes `fieldId` required when creating issues of this type. */
  requireOnCreate(projectKey: string, issueTypeName: string, fieldId: string): void {
    this.requireProject(projectKey);
    if (!this.issueTypes.has(issueTypeName)) throw new Error(`no issue type ${issueTypeName}`);
    if (!this.fieldDefs.has(fieldId)) throw new Error(`no field ${fieldId}: seed it with addField`);
    const key = `${projectKey}/${issueTypeName}`;
    const required = this.requiredOnCreate.get(key) ?? new Set<string>();
    required.add(fieldId);
    this.requiredOnCreate.set(key, required);
  }

  addLinkType(t: { name: string; inward: string; outward: string; id?: string }): LinkTypeRecord {
    const rec = { id: t.id ?? this.nextId(), ...t };
    this.linkTypes.set(t.name, rec);
    return rec;
  }

  addIssue(i: {
    key?: string;
    projectKey: string;
    summary: string;
    issueType?: string;
    status?: string;
    fields?: Record<string, unknown>;
    parentKey?: string;
    assignee?: string;
    reporter?: string;
  }): IssueRecord {
    const project = this.requireProject(i.projectKey);
    const workflow = this.workflowOf(project, i.issueType ?? 'Task');
    if (i.status !== undefined && !workflow.statuses.includes(i.status)) {
      throw new Error(`status ${i.status} is not in workflow ${workflow.name}`);
    }
    if (i.parentKey !== undefined) this.requireIssue(i.parentKey);
    for (const a of [i.assignee, i.reporter]) if (a !== undefined) this.requireUser(a);
    for (const id of Object.keys(i.fields ?? {})) {
      if (id.startsWith('customfield_') && !this.fieldDefs.has(id)) this.addField({ id, name: id });
    }
    this.addIssueType(i.issueType ?? 'Task');
    const key = i.key ?? this.nextIssueKey(project.key);
    const created = this.now();
    const issue: IssueRecord = {
      id: this.nextId(),
      key,
      projectKey: project.key,
      issueType: i.issueType ?? 'Task',
      status: i.status ?? workflow.initialStatus,
      summary: i.summary,
      fields: {
        description: null,
        labels: [],
        priority: null,
        duedate: null,
        ...structuredClone(i.fields ?? {}),
      },
      parentKey: i.parentKey,
      assignee: i.assignee,
      reporter: i.reporter,
      comments: [],
      properties: new Map(),
      history: [],
      created,
      updated: created,
    };
    this.issues.set(key, issue);
    return issue;
  }

  linkIssues(fromKey: string, toKey: string, linkTypeName: string): LinkRecord {
    this.requireIssue(fromKey);
    this.requireIssue(toKey);
    if (!this.linkTypes.has(linkTypeName)) throw new Error(`no issue link type ${linkTypeName}`);
    const link = { id: this.nextId(), type: linkTypeName, outwardKey: fromKey, inwardKey: toKey };
    this.links.push(link);
    return link;
  }

  addComment(
    issueKey: string,
    c: {
      body: string | AdfDoc;
      author?: string;
      visibility?: CommentRecord['visibility'];
      properties?: Record<string, unknown>;
    },
  ): CommentRecord {
    const issue = this.requireIssue(issueKey);
    const authorId = c.author ?? this.appBot.accountId;
    this.requireUser(authorId);
    const at = this.now();
    const comment: CommentRecord = {
      id: this.nextId(),
      authorId,
      body: typeof c.body === 'string' ? textToAdf(c.body) : structuredClone(c.body),
      created: at,
      updated: at,
      visibility: c.visibility,
      properties: new Map(Object.entries(c.properties ?? {})),
    };
    issue.comments.push(comment);
    issue.updated = at;
    return comment;
  }

  grant(permissionKey: string, to: GrantTarget): void {
    if (!permissionDef(permissionKey)) throw new Error(`unknown Jira permission ${permissionKey}`);
    const g: Grant = { permission: permissionKey, ...to };
    if (!this.grants.some((x) => sameGrant(x, g))) this.grants.push(g);
  }

  /** Removes the grant with exactly this target (as granted). */
  revoke(permissionKey: string, to: GrantTarget): void {
    const g: Grant = { permission: permissionKey, ...to };
    const i = this.grants.findIndex((x) => sameGrant(x, g));
    if (i >= 0) this.grants.splice(i, 1);
  }

  /**
   * A Jira admin changes a project's key (Project settings › Details): the project keeps its id, its issues are
   * renumbered under the new key and keep their ids. An issue asked for by its earlier key is still found: Get
   * issue performs "a case-insensitive search and check for moved issues" and returns the issue with its current
   * key (the spec, GET /rest/api/3/issue/{issueIdOrKey}). The spec says nothing of GET /project/{projectIdOrKey}
   * with an earlier key: the emulator answers with the project, an assumption (FIDELITY.md "Project key renames").
   */
  renameProjectKey(oldKey: string, newKey: string): ProjectRecord {
    const project = this.requireProject(oldKey);
    if (this.projects.has(newKey) || this.formerProjectKeys.has(newKey))
      throw new Error(`project key ${newKey} is taken`);
    this.projects.delete(oldKey);
    project.key = newKey;
    this.projects.set(newKey, project);
    this.formerProjectKeys.set(oldKey, project);
    const renamed = new Map<string, string>();
    for (const issue of [...this.issues.values()].filter((i) => i.projectKey === oldKey)) {
      const key = issue.key.replace(new RegExp(`^${oldKey}-`), `${newKey}-`);
      renamed.set(issue.key, key);
      this.issues.delete(issue.key);
      this.formerIssueKeys.set(issue.key, issue);
      issue.key = key;
      issue.projectKey = newKey;
      this.issues.set(key, issue);
    }
    for (const issue of this.issues.values())
      if (issue.parentKey !== undefined) issue.parentKey = renamed.get(issue.parentKey) ?? issue.parentKey;
    for (const link of this.links) {
      link.outwardKey = renamed.get(link.outwardKey) ?? link.outwardKey;
      link.inwardKey = renamed.get(link.inwardKey) ?? link.inwardKey;
    }
    for (const grant of this.grants) if (grant.projectKey === oldKey) grant.projectKey = newKey;
    this.issueCounters.set(newKey, this.issueCounters.get(oldKey) ?? 0);
    return project;
  }

  // ---- reads --------------------------------------------------------------------------------------------

  issue(key: string): IssueSnapshot {
    const i = this.requireIssue(key);
    return structuredClone({
      id: i.id,
      key: i.key,
      projectKey: i.projectKey,
      issueType: i.issueType,
      status: i.status,
      statusCategory: this.requireStatus(i.status).category,
      summary: i.summary,
      assignee: i.assignee,
      reporter: i.reporter,
      parentKey: i.parentKey,
      fields: { summary: i.summary, ...i.fields },
      comments: i.comments.map((c) => ({
        id: c.id,
        author: c.authorId,
        body: c.body,
        text: adfToText(c.body),
        visibility: c.visibility,
        properties: Object.fromEntries(c.properties),
      })),
      properties: Object.fromEntries(i.properties),
      history: i.history,
    });
  }

  can(accountId: string, permissionKey: string, projectKey?: string): boolean {
    const user = this.users.get(accountId);
    if (!user) return false;
    const subject = {
      accountId,
      groups: user.groups,
      hasRole: (p: string, role: string) => this.projects.get(p)?.roles.get(role)?.has(accountId) ?? false,
    };
    return holds(this.grants, subject, permissionKey, projectKey, [...this.projects.keys()]);
  }

  findIssue(idOrKey: string): IssueRecord | undefined {
    return (
      this.issues.get(idOrKey) ??
      [...this.issues.values()].find((i) => i.id === idOrKey) ??
      this.formerIssueKeys.get(idOrKey)
    );
  }

  /** A comment by id, with the issue it is on. */
  findComment(id: string): { issue: IssueRecord; comment: CommentRecord } | undefined {
    for (const issue of this.issues.values()) {
      const comment = issue.comments.find((c) => c.id === id);
      if (comment) return { issue, comment };
    }
    return undefined;
  }

  findProject(idOrKey: string): ProjectRecord | undefined {
    return (
      this.projects.get(idOrKey) ??
      [...this.projects.values()].find((p) => p.id === idOrKey) ??
      this.formerProjectKeys.get(idOrKey)
    );
  }

  /** The workflow issues of the type use in the project (its scheme's mapping, else its default). */
  workflowOf(project: ProjectRecord, issueType?: string): WorkflowRecord {
    const name =
      (issueType !== undefined ? project.issueTypeWorkflows.get(issueType) : undefined) ?? project.workflow;
    const w = this.workflows.get(name);
    if (!w) throw new Error(`project ${project.key} uses missing workflow ${name}`);
    return w;
  }

  /** The workflow the issue is in. */
  workflowOfIssue(issue: IssueRecord): WorkflowRecord {
    return this.workflowOf(this.requireProject(issue.projectKey), issue.issueType);
  }

  /** Transitions offered from the issue's current status (global ones included, loops to self excluded). */
  transitionsFor(issue: IssueRecord): TransitionRecord[] {
    const wf = this.workflowOfIssue(issue);
    return wf.transitions.filter((t) =>
      t.from.length === 0 ? t.to !== issue.status : t.from.includes(issue.status),
    );
  }

  requireUser(accountId: string): UserRecord {
    const u = this.users.get(accountId);
    if (!u) throw new Error(`no user ${accountId}: seed it with addUser`);
    return u;
  }

  requireProject(key: string): ProjectRecord {
    const p = this.projects.get(key);
    if (!p) throw new Error(`no project ${key}: seed it with addProject`);
    return p;
  }

  requireIssue(key: string): IssueRecord {
    const i = this.findIssue(key);
    if (!i) throw new Error(`no issue ${key}: seed it with addIssue`);
    return i;
  }

  requireStatus(name: string): StatusRecord {
    const s = this.statuses.get(name);
    if (!s) throw new Error(`no status ${name}`);
    return s;
  }

  // ---- internals ----------------------------------------------------------------------------------------

  private ensureStatus(name: string, category: StatusCategoryKey, id?: string): void {
    const existing = this.statuses.get(name);
    if (existing && existing.category !== category)
      throw new Error(`status ${name} already has ${existing.category}`);
    if (!existing) this.statuses.set(name, { id: id ?? this.nextId(), name, category });
  }

  private nextIssueKey(projectKey: string): string {
    let n = this.issueCounters.get(projectKey) ?? 0;
    do n += 1;
    while (this.issues.has(`${projectKey}-${n}`));
    this.issueCounters.set(projectKey, n);
    return `${projectKey}-${n}`;
  }

  /**
   * A fresh Jira Cloud site as an app sees it: a default workflow, the usual link types, issue types,
   * priorities and system fields. Default grants: every user may browse users (USER_PICKER, as on
   * Jira Cloud), and the app bot holds every project permission in every project plus ADMINISTER, like the
   * atlassian-addons role/group gives a Forge app. Revoke them to test least privilege.
   */
  private seedDefaults(): void {
    this.addWorkflow({ name: DEFAULT_WORKFLOW, ...defaultWorkflowSteps() });
    this.addLinkType({ name: 'Blocks', inward: 'is blocked by', outward: 'blocks' });
    this.addLinkType({ name: 'Cloners', inward: 'is cloned by', outward: 'clones' });
    this.addLinkType({ name: 'Duplicate', inward: 'is duplicated by', outward: 'duplicates' });
    this.addLinkType({ name: 'Relates', inward: 'relates to', outward: 'relates to' });
    this.addIssueType('Epic', { hierarchyLevel: 1 });
    for (const t of ['Task', 'Story', 'Bug']) this.addIssueType(t);
    this.addIssueType('Subtask', { subtask: true });
    for (const p of ['Highest', 'High', 'Medium', 'Low', 'Lowest']) {
      this.priorities.set(p, { id: String(this.priorities.size + 1), name: p });
    }
    for (const [id, name, schemaType, items] of SYSTEM_FIELDS) {
      this.fieldDefs.set(id, { id, name, custom: false, schemaType, items });
    }
    this.grant('USER_PICKER', {});
    for (const p of PERMISSIONS) {
      if (p.type === 'PROJECT') this.grant(p.key, { accountId: APP_BOT_ID });
    }
    this.grant('ADMINISTER', { accountId: APP_BOT_ID });
  }
}

export const DEFAULT_WORKFLOW = 'Default Workflow';

/** The statuses and transitions of Jira's default workflow (To Do, In Progress, Done), fresh for each use. */
export const defaultWorkflowSteps = (): Pick<WorkflowInput, 'statuses' | 'transitions'> => ({
  statuses: [
    { name: 'To Do', category: 'new' },
    { name: 'In Progress', category: 'indeterminate' },
    { name: 'Done', category: 'done' },
  ],
  transitions: [
    { id: '11', name: 'Start Progress', from: ['To Do'], to: 'In Progress' },
    { id: '21', name: 'Done', from: ['To Do', 'In Progress'], to: 'Done' },
    { id: '31', name: 'Reopen', from: ['Done'], to: 'To Do' },
  ],
});

const SYSTEM_FIELDS: ReadonlyArray<readonly [string, string, string, string?]> = [
  ['summary', 'Summary', 'string'],
  ['description', 'Description', 'string'],
  ['labels', 'Labels', 'array', 'string'],
  ['priority', 'Priority', 'priority'],
  ['assignee', 'Assignee', 'user'],
  ['reporter', 'Reporter', 'user'],
  ['duedate', 'Due date', 'date'],
  ['status', 'Status', 'status'],
  ['issuetype', 'Issue Type', 'issuetype'],
  ['project', 'Project', 'project'],
  ['parent', 'Parent', 'issuelink'],
  ['issuelinks', 'Linked Issues', 'array', 'issuelinks'],
  ['subtasks', 'Sub-tasks', 'array', 'issuelinks'],
  ['comment', 'Comment', 'comments-page'],
  ['created', 'Created', 'datetime'],
  ['updated', 'Updated', 'datetime'],
];

export const groupIdOf = (name: string): string => randomUuid(name);

/** Deterministic UUID-shaped id derived from a seed, so runs are reproducible. */
function randomUuid(seed: string): string {
  let h = 0x811c9dc5;
  const hex: string[] = [];
  for (let round = 0; round < 4; round++) {
    for (const ch of `${seed}:${round}`) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
    hex.push(h.toString(16).padStart(8, '0'));
  }
  const s = hex.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20, 32)}`;
}
