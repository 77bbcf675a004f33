import { adfToText, isAdfDoc, textToAdf } from './adf';
import { changeItem } from './changelog';
import { calendarDateOrNull, dateOf } from './expression-dates';
import type { Node } from './expression-syntax';
import type {
  IssueRecord,
  ProjectRecord,
  SiteState,
  StatusRecord,
  TransitionRecord,
  UserRecord,
  WorkflowRecord,
} from './state';
import {
  issueJson,
  projectRefJson,
  statusCategoryJson,
  statusJson,
  userDetailsJson,
  type Viewer,
} from './views';

/**
 * Runtime values of the emulator's Jira expressions and the Jira objects they expose, after the type reference
 * (https://developer.atlassian.com/cloud/jira/platform/jira-expressions-type-reference/). Entities compute their
 * properties on access, so an issue's parent or sub-tasks are only built when an expression reads them.
 */
export type JiraValue =
  null | boolean | number | string | readonly JiraValue[] | JsonMap | JiraEntity | JiraLambda;

/** Why evaluation failed; the evaluator adds the part of the expression that failed. */
export class EvaluationFailure extends Error {}

/** A JSON object (`Map` in Jira's type reference): the rule configuration, custom field values, object literals. */
export class JsonMap {
  constructor(readonly entries: ReadonlyMap<string, JiraValue>) {}
}

/** An arrow function with the variables in scope where it was written. */
export class JiraLambda {
  constructor(
    readonly params: readonly string[],
    readonly body: Node,
    readonly scope: ReadonlyMap<string, JiraValue>,
  ) {}
}

type Method = (args: readonly JiraValue[]) => JiraValue;

/** A Jira object (User, Issue, Project...): typed properties and methods, equal to another by its identity. */
export class JiraEntity {
  constructor(
    readonly type: string,
    readonly identity: string,
    private readonly properties: Readonly<Record<string, () => JiraValue>>,
    readonly json: () => unknown,
    private readonly methods: Readonly<Record<string, Method>> = {},
  ) {}

  /** The property's value, or undefined when the type has no such property. */
  property(name: string): JiraValue | undefined {
    return Object.hasOwn(this.properties, name) ? this.properties[name]?.() : undefined;
  }

  method(name: string): Method | undefined {
    return Object.hasOwn(this.methods, name) ? this.methods[name] : undefined;
  }

  get propertyNames(): string[] {
    return Object.keys(this.properties).sort();
  }
}

/** Jira's name for the type of a value, as its error messages use it. */
export function typeName(value: JiraValue): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'List';
  if (value instanceof JsonMap) return 'Map';
  if (value instanceof JiraEntity) return value.type;
  if (value instanceof JiraLambda) return 'Function';
  return typeof value === 'string' ? 'String' : typeof value === 'number' ? 'Number' : 'Boolean';
}

export function fromJson(raw: unknown): JiraValue {
  if (raw === null || raw === undefined) return null;
  if (typeof raw === 'string' || typeof raw === 'number' || typeof raw === 'boolean') return raw;
  if (Array.isArray(raw)) return raw.map(fromJson);
  return new JsonMap(
    new Map(Object.entries(raw as Record<string, unknown>).map(([k, v]) => [k, fromJson(v)])),
  );
}

/** The value as the eval endpoint returns it: JSON, Jira objects in their REST shape. */
export function toJson(value: JiraValue): unknown {
  if (Array.isArray(value)) return value.map(toJson);
  if (value instanceof JsonMap) return Object.fromEntries([...value.entries].map(([k, v]) => [k, toJson(v)]));
  if (value instanceof JiraEntity) return value.json();
  // Jira answers a plain string for values without a JSON form; the docs say not to rely on its wording.
  if (value instanceof JiraLambda) return `(${value.params.join(', ')}) => ...`;
  return value;
}

/** Who reads the objects: the eval endpoint's caller, or (validators) Jira itself, who sees everything. */
export const SEES_ALL: Viewer = { canBrowse: () => true, canSeeComment: () => true };

/** Builds the Jira objects of one site for one viewer. */
export class JiraObjects {
  constructor(
    private readonly site: SiteState,
    private readonly viewer: Viewer = SEES_ALL,
  ) {}

  user(u: UserRecord): JiraEntity {
    return new JiraEntity(
      'User',
      u.accountId,
      {
        accountId: () => u.accountId,
        accountType: () => u.accountType,
        displayName: () => u.displayName,
        active: () => true,
        timeZone: () => 'Etc/UTC',
        groups: () => [...u.groups],
      },
      () => userDetailsJson(this.site, u),
      { getProjectRoles: (args) => this.projectRoles(u, args) },
    );
  }

  /** user.getProjectRoles(project): the roles the user holds in the project, as {id, name}. */
  private projectRoles(u: UserRecord, args: readonly JiraValue[]): JiraValue {
    const [project] = args;
    if (args.length !== 1 || !(project instanceof JiraEntity) || project.type !== 'Project') {
      throw new EvaluationFailure(
        `getProjectRoles expects one Project, got ${args.map(typeName).join(', ') || 'nothing'}`,
      );
    }
    const record = this.site.findProject(project.identity);
    const allRoles = [...this.site.roles];
    return [...(record?.roles ?? [])]
      .filter(([, members]) => members.has(u.accountId))
      .map(([name]) => this.projectRole(10000 + allRoles.indexOf(name), name));
  }

  private projectRole(id: number, name: string): JiraEntity {
    return new JiraEntity('ProjectRole', String(id), { id: () => id, name: () => name }, () => ({
      id,
      name,
    }));
  }

  project(p: ProjectRecord): JiraEntity {
    return new JiraEntity(
      'Project',
      p.id,
      {
        id: () => Number(p.id),
        key: () => p.key,
        name: () => p.name,
        projectTypeKey: () => 'software',
      },
      () => projectRefJson(this.site, p),
    );
  }

  status(s: StatusRecord): JiraEntity {
    const category = statusCategoryJson(this.site, s.category);
    return new JiraEntity(
      'IssueStatus',
      s.id,
      {
        id: () => Number(s.id),
        name: () => s.name,
        description: () => '',
        category: () =>
          new JiraEntity(
            'StatusCategory',
            s.category,
            {
              id: () => Number(category.id),
              key: () => s.category,
              name: () => String(category.name),
              colorName: () => String(category.colorName),
            },
            () => category,
          ),
      },
      () => statusJson(this.site, s),
    );
  }

  /**
   * An issue; `edits` are the field values changed on the transition screen (`issue` includes them), and
   * `screenComment` the comment written there (validators only: see comments below).
   */
  issue(
    record: IssueRecord,
    edits: Readonly<Record<string, unknown>> = {},
    screenComment?: { authorId: string; text: string },
  ): JiraEntity {
    const site = this.site;
    const fields = { ...record.fields, ...edits };
    const accountIdOf = (key: 'assignee' | 'reporter'): string | undefined => {
      if (!(key in edits)) return record[key];
      const edited = edits[key] as { accountId?: string } | null;
      return edited?.accountId;
    };
    const userOrNull = (accountId: string | undefined) =>
      accountId === undefined ? null : this.user(site.requireUser(accountId));
    const type = site.issueTypes.get(record.issueType);
    const priority = typeof fields.priority === 'string' ? site.priorities.get(fields.priority) : undefined;
    const parent = record.parentKey !== undefined ? site.findIssue(record.parentKey) : undefined;
    const properties: Record<string, () => JiraValue> = {
      id: () => Number(record.id),
      key: () => record.key,
      summary: () => (typeof edits.summary === 'string' ? edits.summary : record.summary),
      description: () => this.richText(fields.description),
      assignee: () => userOrNull(accountIdOf('assignee')),
      reporter: () => userOrNull(accountIdOf('reporter')),
      status: () => this.status(site.requireStatus(record.status)),
      issueType: () =>
        type
          ? new JiraEntity(
              'IssueType',
              type.id,
              {
                id: () => Number(type.id),
                name: () => type.name,
                subtask: () => type.subtask,
                hierarchyLevel: () => type.hierarchyLevel,
              },
              () => ({ id: type.id, name: type.name }),
            )
          : null,
      project: () => this.project(site.requireProject(record.projectKey)),
      // created/updated are Dates, dueDate a CalendarDate (type reference, #issue); `issue` carries a due date
      // changed on the transition screen.
      created: () => dateOf(record.created),
      updated: () => dateOf(record.updated),
      dueDate: () => calendarDateOrNull(fields.duedate),
      // Issue.changelogs: List<Changelog> (type reference, #issue), newest first (FIDELITY.md, "Previous status and
      // date comparison"). A transition is recorded once made, so a validator's own transition is not in it.
      changelogs: () =>
        record.history.map((change, index) => this.changelog(String(10000 + index), change)).reverse(),
      priority: () => (priority ? fromJson({ id: priority.id, name: priority.name }) : null),
      labels: () => fromJson(fields.labels ?? []),
      parent: () => (parent && this.viewer.canBrowse(parent) ? this.issue(parent) : null),
      subtasks: () =>
        [...site.issues.values()]
          .filter((c) => c.parentKey === record.key && site.issueTypes.get(c.issueType)?.subtask === true)
          .filter((c) => this.viewer.canBrowse(c))
          .map((c) => this.issue(c)),
      // Issue.comments: List<Comment> (type reference, #issue). A comment written on the transition screen is
      // in `issue` but not in `originalIssue` (the validator page: `issue` includes the screen's changes,
      // `originalIssue` is before them); it has no id yet (test/emulator/FIDELITY.md, "Conditions and
      // generated validators").
      comments: () => [
        ...record.comments
          .filter((c) => this.viewer.canSeeComment(record, c))
          .map((c) => this.comment(c.id, c.authorId, adfToText(c.body))),
        ...(screenComment ? [this.comment(null, screenComment.authorId, screenComment.text)] : []),
      ],
      // Issue.links: List<IssueLink>, each with type, direction ("inward"/"outward") and linkedIssue.
      links: () =>
        site.links.flatMap((link) => {
          const direction =
            link.outwardKey === record.key ? 'outward' : link.inwardKey === record.key ? 'inward' : undefined;
          const other = site.findIssue(direction === 'outward' ? link.inwardKey : link.outwardKey);
          if (!direction || !other || !this.viewer.canBrowse(other)) return [];
          return [this.issueLink(link.id, link.type, direction, other)];
        }),
    };
    for (const field of site.fieldDefs.values()) {
      if (field.custom)
        properties[field.id] = () => this.customFieldValue(field.schemaType, field.items, fields[field.id]);
    }
    return new JiraEntity('Issue', record.id, properties, () =>
      issueJson(site, record, this.viewer, { select: () => true, expand: [], properties: [] }),
    );
  }

  /** Changelog: id, author, created (Date), items (List<ChangelogItem>: field, fieldId, from, fromString, to, toString). */
  private changelog(id: string, change: IssueRecord['history'][number]): JiraEntity {
    const items = () =>
      change.items.map((item) => {
        const json = changeItem(this.site, item);
        return new JiraEntity(
          'ChangelogItem',
          `${id}:${item.field}`,
          {
            field: () => json.field,
            fieldId: () => json.fieldId,
            from: () => json.from ?? null,
            fromString: () => json.fromString ?? null,
            to: () => json.to ?? null,
            // Read as an own property: every object inherits a `toString` method.
            toString: () => (Object.hasOwn(json, 'toString') ? (json.toString ?? null) : null),
          },
          () => json,
        );
      });
    return new JiraEntity(
      'Changelog',
      id,
      {
        id: () => id,
        author: () => this.user(this.site.requireUser(change.author)),
        created: () => dateOf(change.at),
        items,
      },
      () => ({
        id,
        author: { accountId: change.author },
        created: change.at,
        items: items().map((i) => i.json()),
      }),
    );
  }

  /** Comment (type reference, #comment): id (null until saved), author, body. */
  private comment(id: string | null, authorId: string, text: string): JiraEntity {
    return new JiraEntity(
      'Comment',
      id ?? `new:${authorId}`,
      {
        id: () => (id === null ? null : Number(id)),
        author: () => this.user(this.site.requireUser(authorId)),
        body: () => new JiraEntity('RichText', text, { plainText: () => text }, () => textToAdf(text)),
      },
      () => ({ id, author: { accountId: authorId }, body: textToAdf(text) }),
    );
  }

  /** IssueLink (type reference, #issuelink): id, type (IssueLinkType: id, name, inward, outward), direction, linkedIssue. */
  private issueLink(id: string, typeName: string, direction: string, other: IssueRecord): JiraEntity {
    const type = this.site.linkTypes.get(typeName);
    return new JiraEntity(
      'IssueLink',
      id,
      {
        id: () => Number(id),
        type: () =>
          type
            ? new JiraEntity(
                'IssueLinkType',
                type.id,
                {
                  id: () => Number(type.id),
                  name: () => type.name,
                  inward: () => type.inward,
                  outward: () => type.outward,
                },
                () => ({ ...type }),
              )
            : null,
        direction: () => direction,
        linkedIssue: () => this.issue(other),
      },
      () => ({ id, type: type ? { ...type } : null, direction, linkedIssue: { key: other.key } }),
    );
  }

  /** User fields are Users in Jira expressions; other custom field values keep their REST JSON shape. */
  private customFieldValue(schemaType: string, items: string | undefined, raw: unknown): JiraValue {
    const user = (v: unknown) => {
      const accountId = typeof v === 'string' ? v : (v as { accountId?: string } | null)?.accountId;
      return accountId === undefined ? null : this.user(this.site.requireUser(accountId));
    };
    if (raw === null || raw === undefined) return null;
    if (schemaType === 'user') return user(raw);
    if (schemaType === 'array' && items === 'user' && Array.isArray(raw)) return raw.map(user);
    return fromJson(raw);
  }

  private richText(raw: unknown): JiraValue {
    if (raw === null || raw === undefined) return null;
    const text = isAdfDoc(raw) ? adfToText(raw) : typeof raw === 'string' ? raw : JSON.stringify(raw);
    return new JiraEntity('RichText', text, { plainText: () => text }, () => raw);
  }

  transition(t: TransitionRecord, from: StatusRecord | undefined): JiraEntity {
    return new JiraEntity(
      'Transition',
      t.id,
      {
        id: () => Number(t.id),
        name: () => t.name,
        from: () => (from ? this.status(from) : null),
        to: () => this.status(this.site.requireStatus(t.to)),
        hasScreen: () => false,
        isConditional: () => t.conditions.length > 0,
        isGlobal: () => t.from.length === 0,
        isInitial: () => false,
        isLooped: () => false,
      },
      () => ({ id: t.id, name: t.name }),
    );
  }

  workflow(w: WorkflowRecord): JiraEntity {
    return new JiraEntity('Workflow', w.id, { name: () => w.name }, () => ({ id: w.id, name: w.name }));
  }
}
