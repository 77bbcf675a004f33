import type { z } from 'zod';
import { text, type Text } from '../shared/text-format';

/**
 * What a rule's saved configuration names in Jira or in the app, so the health check (src/health) can tell, long
 * after the rule was saved, that a field was deleted or a group renamed. Each rule declares its own references in
 * `src/rules/<rule>/references.ts` and is listed below; the health check knows only these kinds, one checker each.
 * `role` says in words what the rule uses the thing for ("a field it sets"), a catalogue text the health check's
 * problems name it by, in their reader's language.
 */
export interface FieldReference {
  id: string;
  role: Text;
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
  linkTypes?: { name: string; direction?: string; role: Text }[];
  statuses?: { name: string; role: Text }[];
  /** A transition by name, as Jira shows it on an issue (matched ignoring case, as the rules do). */
  transitions?: { name: string; role: Text }[];
  groups?: { name: string; role: Text }[];
  projectRoles?: { name: string; role: Text }[];
  users?: { accountId: string; role: Text }[];
  /** A Notify connection the admin page set up (src/connections). */
  connections?: { id: string; role: Text }[];
  /**
   * A Jira expression: a validator's (evaluated by Jira with the validator's context variables) or a post-function's
   * "Only if" (evaluated by the app with `issue`, `project` and `user`).
   */
  expressions?: { text: string; role: Text; kind: 'validator' | 'only-if' }[];
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

/** What a rule uses a reference for (catalogue `healthProblems.roles.<key>`). */
export const referenceRole = (key: string, values?: Record<string, string>): Text =>
  text(`healthProblems.roles.${key}`, values);

/** A post-function's "Only if" (every post-function carries it, src/shared/post-function-settings.ts). */
export const onlyIfReferences = (config: { onlyIf?: string | undefined }): RuleReferences['expressions'] =>
  config.onlyIf ? [{ text: config.onlyIf, role: referenceRole('onlyIfExpression'), kind: 'only-if' }] : [];
