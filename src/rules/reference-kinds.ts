import type { z } from 'zod';

/**
 * What a rule's saved configuration names in Jira or in the app, so the health check (src/health) can tell, long
 * after the rule was saved, that a field was deleted or a group renamed. Each rule declares its own references in
 * `src/rules/<rule>/references.ts` and is listed below; the health check knows only these kinds, one checker each.
 * `role` says in words what the rule uses the thing for ("the field to set").
 */
export interface FieldReference {
  id: string;
  role: string;
  /** Jira field schema types (`schema.type` of GET /field) the rule can work with; any when absent. */
  accepts?: readonly string[];
  /** Schema types the rule cannot work with. */
  rejects?: readonly string[];
  /** Another field of the same rule whose schema type this one must share (a copy). */
  sameTypeAs?: string;
  /** The name the rule's configuration calls the field by (a template's `{{field:<name>}}`): a rename is flagged. */
  named?: string;
}

export interface RuleReferences {
  fields?: FieldReference[];
  /** A link type by name; `direction`, when given, must be its inward or outward description. */
  linkTypes?: { name: string; direction?: string; role: string }[];
  statuses?: { name: string; role: string }[];
  /** A transition by name, as Jira shows it on an issue (matched ignoring case, as the rules do). */
  transitions?: { name: string; role: string }[];
  groups?: { name: string; role: string }[];
  projectRoles?: { name: string; role: string }[];
  users?: { accountId: string; role: string }[];
  /** A Notify connection the admin page set up (src/connections). */
  connections?: { id: string; role: string }[];
  /**
   * A Jira expression: a validator's (evaluated by Jira with the validator's context variables) or a post-function's
   * "Only if" (evaluated by the app with `issue`, `project` and `user`).
   */
  expressions?: { text: string; role: string; kind: 'validator' | 'only-if' }[];
}

export interface ReferenceDeclaration<C> {
  /** The catalogue key (src/rules/catalog.ts). */
  rule: string;
  configuration: z.ZodType<C>;
  references(configuration: C): RuleReferences;
}

/** Erases the configuration type, so the list below can hold every rule's declaration. */
export function declareReferences<C>(declaration: ReferenceDeclaration<C>): ReferenceDeclaration<unknown> {
  return declaration;
}

/** A post-function's "Only if" (every post-function carries it, src/shared/post-function-settings.ts). */
export const onlyIfReferences = (config: { onlyIf?: string | undefined }): RuleReferences['expressions'] =>
  config.onlyIf ? [{ text: config.onlyIf, role: 'its "Only if" expression', kind: 'only-if' }] : [];
