import type {
  CommentRecord,
  IssueRecord,
  IssueTypeRecord,
  ProjectRecord,
  SiteState,
  StatusRecord,
  TransitionRecord,
  UserRecord,
} from './state';

/** JSON renderings of emulator records in the shapes of the spec's component schemas. */

const avatarUrls = (base: string, id: string) => ({
  '48x48': `${base}/avatar/${id}/48`,
  '24x24': `${base}/avatar/${id}/24`,
  '16x16': `${base}/avatar/${id}/16`,
  '32x32': `${base}/avatar/${id}/32`,
});

/** UserDetails (embedded users: assignee, comment author...). */
export function userDetailsJson(site: SiteState, u: UserRecord): Record<string, unknown> {
  return {
    self: `${site.baseUrl}/rest/api/3/user?accountId=${encodeURIComponent(u.accountId)}`,
    accountId: u.accountId,
    accountType: u.accountType,
    active: u.active,
    displayName: u.displayName,
    ...(u.emailAddress !== undefined ? { emailAddress: u.emailAddress } : {}),
    avatarUrls: avatarUrls(site.baseUrl, u.accountId),
    timeZone: 'Etc/UTC',
  };
}

/**
 * User (GET /myself, GET /user): UserDetails plus locale and, on expand, groups. The spec: "The locale of the user.
 * Depending on the user's privacy setting, this may be returned as null"; the emulator answers the person's
 * preference, else the site's default (FIDELITY.md, "Locales").
 */
export function userJson(site: SiteState, u: UserRecord, expand: string[]): Record<string, unknown> {
  const groups = [...u.groups].map((name) => groupJson(site, name));
  return {
    ...userDetailsJson(site, u),
    locale: u.locale ?? site.defaultLocale,
    ...(expand.includes('groups') ? { groups: { size: groups.length, items: groups } } : {}),
  };
}

export function groupJson(site: SiteState, name: string): Record<string, unknown> {
  return { name, self: `${site.baseUrl}/rest/api/3/group?groupname=${encodeURIComponent(name)}` };
}

const CATEGORY = {
  new: { id: 2, name: 'To Do', colorName: 'blue-gray' },
  indeterminate: { id: 4, name: 'In Progress', colorName: 'yellow' },
  done: { id: 3, name: 'Done', colorName: 'green' },
} as const;

export function statusCategoryJson(site: SiteState, key: StatusRecord['category']): Record<string, unknown> {
  const c = CATEGORY[key];
  return { self: `${site.baseUrl}/rest/api/3/statuscategory/${c.id}`, key, ...c };
}

export function statusJson(site: SiteState, s: StatusRecord): Record<string, unknown> {
  return {
    self: `${site.baseUrl}/rest/api/3/status/${s.id}`,
    description: '',
    iconUrl: `${site.baseUrl}/images/icons/statuses/generic.png`,
    name: s.name,
    id: s.id,
    statusCategory: statusCategoryJson(site, s.category),
  };
}

export function issueTypeJson(site: SiteState, t: IssueTypeRecord): Record<string, unknown> {
  return {
    self: `${site.baseUrl}/rest/api/3/issuetype/${t.id}`,
    id: t.id,
    description: '',
    iconUrl: `${site.baseUrl}/images/icons/issuetypes/${t.id}.svg`,
    name: t.name,
    subtask: t.subtask,
    hierarchyLevel: t.hierarchyLevel,
  };
}

export function projectRefJson(site: SiteState, p: ProjectRecord): Record<string, unknown> {
  return {
    self: `${site.baseUrl}/rest/api/3/project/${p.id}`,
    id: p.id,
    key: p.key,
    name: p.name,
    projectTypeKey: 'software',
    simplified: p.style === 'team-managed',
    avatarUrls: avatarUrls(site.baseUrl, p.id),
  };
}

export function transitionJson(site: SiteState, t: TransitionRecord): Record<string, unknown> {
  return {
    id: t.id,
    name: t.name,
    to: statusJson(site, site.requireStatus(t.to)),
    hasScreen: false,
    isGlobal: t.from.length === 0,
    isInitial: false,
    isAvailable: true,
    isConditional: t.conditions.length > 0,
    isLooped: false,
  };
}

export function commentJson(
  site: SiteState,
  issue: IssueRecord,
  c: CommentRecord,
  withProperties: boolean,
): Record<string, unknown> {
  const author = userDetailsJson(site, site.requireUser(c.authorId));
  return {
    self: `${site.baseUrl}/rest/api/3/issue/${issue.id}/comment/${c.id}`,
    id: c.id,
    author,
    body: c.body,
    updateAuthor: author,
    created: c.created,
    updated: c.updated,
    jsdPublic: true,
    ...(c.visibility ? { visibility: c.visibility } : {}),
    ...(withProperties ? { properties: [...c.properties].map(([key, value]) => ({ key, value })) } : {}),
  };
}

/** Who is looking: hides comments and linked issues the viewer may not see, as Jira does. */
export interface Viewer {
  canBrowse: (issue: IssueRecord) => boolean;
  canSeeComment: (issue: IssueRecord, c: CommentRecord) => boolean;
}

/** Field selection as Jira parses `fields=`: `*all`, `*navigable`, names, `-name` exclusions; `id` alone = none. */
export function fieldSelector(
  requested: string[] | undefined,
  fallback: '*all' | 'id',
): (field: string) => boolean {
  const items = (requested && requested.length > 0 ? requested : [fallback]).flatMap((f) => f.split(','));
  const all = items.includes('*all') || items.includes('*navigable');
  const include = new Set(items.filter((f) => !f.startsWith('-') && !f.startsWith('*')));
  const exclude = new Set(items.filter((f) => f.startsWith('-')).map((f) => f.slice(1)));
  return (field) => !exclude.has(field) && (all || include.has(field));
}

function issueRefJson(site: SiteState, i: IssueRecord): Record<string, unknown> {
  const type = site.issueTypes.get(i.issueType);
  return {
    id: i.id,
    key: i.key,
    self: `${site.baseUrl}/rest/api/3/issue/${i.id}`,
    fields: {
      summary: i.summary,
      status: statusJson(site, site.requireStatus(i.status)),
      ...(type ? { issuetype: issueTypeJson(site, type) } : {}),
    },
  };
}

/** All field values of an issue as GET /issue renders them, keyed by field id. */
export function issueFieldValues(
  site: SiteState,
  issue: IssueRecord,
  viewer: Viewer,
): Record<string, unknown> {
  const project = site.requireProject(issue.projectKey);
  const type = site.issueTypes.get(issue.issueType);
  const user = (id: string | undefined) =>
    id === undefined ? null : userDetailsJson(site, site.requireUser(id));
  const priorityName = issue.fields.priority;
  const priority = typeof priorityName === 'string' ? site.priorities.get(priorityName) : undefined;
  const parent = issue.parentKey !== undefined ? site.findIssue(issue.parentKey) : undefined;
  const links = site.links.flatMap((l) => {
    const type = site.linkTypes.get(l.type);
    const otherKey =
      l.outwardKey === issue.key ? l.inwardKey : l.inwardKey === issue.key ? l.outwardKey : undefined;
    const other = otherKey !== undefined ? site.findIssue(otherKey) : undefined;
    if (!type || !other || !viewer.canBrowse(other)) return [];
    const side = l.outwardKey === issue.key ? 'outwardIssue' : 'inwardIssue';
    return [
      {
        id: l.id,
        self: `${site.baseUrl}/rest/api/3/issueLink/${l.id}`,
        type: { ...type, self: `${site.baseUrl}/rest/api/3/issueLinkType/${type.id}` },
        [side]: issueRefJson(site, other),
      },
    ];
  });
  const subtasks = [...site.issues.values()].filter(
    (c) =>
      c.parentKey === issue.key && site.issueTypes.get(c.issueType)?.subtask === true && viewer.canBrowse(c),
  );
  const comments = issue.comments.filter((c) => viewer.canSeeComment(issue, c));
  // A user picker custom field holds one user, rendered as UserDetails like the system user fields (the spec's
  // IssueBean names no field shapes; Jira's user fields are UserDetails): a test seeds it as `{ accountId }`.
  const customUsers = Object.fromEntries(
    Object.entries(issue.fields).flatMap(([id, value]) => {
      const accountId = (value as { accountId?: unknown } | null)?.accountId;
      return site.fieldDefs.get(id)?.schemaType === 'user' && typeof accountId === 'string'
        ? [[id, user(site.users.has(accountId) ? accountId : undefined) ?? value]]
        : [];
    }),
  );
  return {
    summary: issue.summary,
    ...issue.fields,
    ...customUsers,
    priority: priority
      ? {
          self: `${site.baseUrl}/rest/api/3/priority/${priority.id}`,
          iconUrl: `${site.baseUrl}/images/icons/priorities/${priority.name.toLowerCase()}.svg`,
          name: priority.name,
          id: priority.id,
        }
      : null,
    status: statusJson(site, site.requireStatus(issue.status)),
    issuetype: type ? issueTypeJson(site, type) : null,
    project: projectRefJson(site, project),
    assignee: user(issue.assignee),
    reporter: user(issue.reporter),
    created: issue.created,
    updated: issue.updated,
    ...(parent ? { parent: issueRefJson(site, parent) } : {}),
    issuelinks: links,
    subtasks: subtasks.map((s) => issueRefJson(site, s)),
    comment: {
      comments: comments.map((c) => commentJson(site, issue, c, false)),
      self: `${site.baseUrl}/rest/api/3/issue/${issue.id}/comment`,
      maxResults: comments.length,
      total: comments.length,
      startAt: 0,
    },
  };
}

/** IssueBean with only the selected fields (and `names`/`transitions`/`properties` when asked). */
export function issueJson(
  site: SiteState,
  issue: IssueRecord,
  viewer: Viewer,
  opts: {
    select: (f: string) => boolean;
    expand: string[];
    properties: string[];
    transitions?: TransitionRecord[];
  },
): Record<string, unknown> {
  const fields = Object.fromEntries(
    Object.entries(issueFieldValues(site, issue, viewer)).filter(([k]) => opts.select(k)),
  );
  const props = Object.fromEntries(
    opts.properties.filter((k) => issue.properties.has(k)).map((k) => [k, issue.properties.get(k)]),
  );
  return {
    expand: 'renderedFields,names,schema,operations,editmeta,changelog,versionedRepresentations',
    id: issue.id,
    self: `${site.baseUrl}/rest/api/3/issue/${issue.id}`,
    key: issue.key,
    ...(Object.keys(fields).length > 0 ? { fields } : {}),
    ...(opts.properties.length > 0 ? { properties: props } : {}),
    ...(opts.expand.includes('names')
      ? {
          names: Object.fromEntries(
            Object.keys(fields).map((k) => [k, site.fieldDefs.get(k)?.name ?? k] as const),
          ),
        }
      : {}),
    ...(opts.expand.includes('transitions') && opts.transitions
      ? { transitions: opts.transitions.map((t) => transitionJson(site, t)) }
      : {}),
  };
}

export const listParam = (q: URLSearchParams, name: string): string[] =>
  q
    .getAll(name)
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v.length > 0);
