import { z } from 'zod';
import { route } from '../../access/route';
import { fixAt } from '../links';
import type { Finding } from '../model';
import type { ReferenceChecker } from './types';

const Fields = z.array(
  z.object({
    id: z.string(),
    name: z.string(),
    schema: z.object({ type: z.string().optional(), items: z.string().optional() }).optional(),
  }),
);

/** How a schema type reads to an admin. */
const typeName = (type: string | undefined, items?: string): string =>
  type === 'array' ? `a list${items ? ` of ${items}` : ''}` : `${type ?? 'unknown'}`;

/**
 * Fields by id, against `GET /rest/api/3/field` (one call, as the reader): deleted fields, and fields whose type
 * (`schema.type`) no longer fits what the rule writes into them or copies between them.
 */
export const fieldsChecker: ReferenceChecker<'fields'> = {
  kind: 'fields',
  async check(items, env) {
    const fields = new Map(
      Fields.parse(await env.session.jira(env.reader).requestJira(route`/rest/api/3/field`)).map((f) => [
        f.id,
        f,
      ]),
    );
    const findings: Finding[] = [];
    for (const { ref, use } of items) {
      const field = fields.get(ref.id);
      const editRule = `Edit the ${use.rule.title} rule on transition "${use.transition.name}" and choose another field`;
      if (!field) {
        findings.push({
          kind: 'field',
          subject: `missing:${ref.id}`,
          use,
          problem: `Field ${ref.id}, ${ref.role}, no longer exists in Jira.`,
          fix: `${editRule}, or restore the field if it was deleted by mistake (${fixAt.customFields.label}, trash).`,
          fixAt: fixAt.workflow(use.workflow.name),
        });
        continue;
      }
      const type = field.schema?.type;
      const misfit =
        (ref.accepts && (!type || !ref.accepts.includes(type))) || (type && ref.rejects?.includes(type));
      if (misfit) {
        findings.push({
          kind: 'field',
          subject: `type:${ref.id}`,
          use,
          problem: `Field "${field.name}" (${ref.id}), ${ref.role}, is now ${typeName(type, field.schema?.items)}, which the configured value does not fit${ref.accepts ? ` (it needs ${ref.accepts.map((t) => typeName(t)).join(' or ')})` : ''}.`,
          fix: `${editRule}, or change the value to suit a field of type ${typeName(type, field.schema?.items)}.`,
          fixAt: fixAt.workflow(use.workflow.name),
        });
      }
      // A template reads the field by id, so a rename still works, but its text names the field by the old name.
      if (ref.named !== undefined && ref.named.trim().toLowerCase() !== field.name.trim().toLowerCase()) {
        findings.push({
          kind: 'field',
          subject: `renamed:${ref.id}`,
          use,
          problem: `Field ${ref.id}, ${ref.role}, was renamed "${field.name}"; the template still calls it {{field:${ref.named}}} (it shows the field's value, by id).`,
          fix: `Edit the ${use.rule.title} rule on transition "${use.transition.name}" and write {{field:${field.name}}} instead, so the template says what it shows.`,
          fixAt: fixAt.workflow(use.workflow.name),
        });
      }
      const source = ref.sameTypeAs ? fields.get(ref.sameTypeAs) : undefined;
      if (
        source &&
        (source.schema?.type !== type || (type === 'array' && source.schema?.items !== field.schema?.items))
      ) {
        findings.push({
          kind: 'field',
          subject: `copy:${ref.sameTypeAs ?? ''}:${ref.id}`,
          use,
          problem: `The rule copies "${source.name}" (${typeName(source.schema?.type, source.schema?.items)}) into "${field.name}" (${typeName(type, field.schema?.items)}): the types no longer match, so Jira would refuse the edit.`,
          fix: `${editRule} of the same type, or copy from a field of type ${typeName(type, field.schema?.items)}.`,
          fixAt: fixAt.workflow(use.workflow.name),
        });
      }
    }
    return findings;
  },
};
