import { z } from 'zod';
import { route } from '../../access/route';
import { fixAt } from '../links';
import type { Text } from '../../shared/text-format';
import { joined, ruleAndTransition, said, verbatim, type Finding } from '../model';
import type { ReferenceChecker } from './types';

const Fields = z.array(
  z.object({
    id: z.string(),
    name: z.string(),
    schema: z.object({ type: z.string().optional(), items: z.string().optional() }).optional(),
  }),
);

/** How a schema type reads to an admin: Jira's own type names (`string`, `user`) as they are. */
const typeName = (type: string | undefined, items?: string): Text =>
  type === 'array'
    ? items
      ? said('fieldType.listOf', { items })
      : said('fieldType.list')
    : type
      ? verbatim(type)
      : said('fieldType.unknown');

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
      const rule = ruleAndTransition(use);
      if (!field) {
        findings.push({
          kind: 'field',
          subject: `missing:${ref.id}`,
          use,
          problem: said('field.missing.problem', { id: ref.id, role: ref.role }),
          fix: said('field.missing.fix', { ...rule, place: fixAt.customFields.label }),
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
          problem: said(ref.accepts ? 'field.misfit.problemNeeds' : 'field.misfit.problem', {
            name: field.name,
            id: ref.id,
            role: ref.role,
            type: typeName(type, field.schema?.items),
            ...(ref.accepts
              ? {
                  needs: joined(
                    'or',
                    ref.accepts.map((t) => typeName(t)),
                  ),
                }
              : {}),
          }),
          fix: said('field.misfit.fix', { ...rule, type: typeName(type, field.schema?.items) }),
          fixAt: fixAt.workflow(use.workflow.name),
        });
      }
      // A template reads the field by id, so a rename still works, but its text names the field by the old name.
      if (ref.named !== undefined && ref.named.trim().toLowerCase() !== field.name.trim().toLowerCase()) {
        findings.push({
          kind: 'field',
          subject: `renamed:${ref.id}`,
          use,
          problem: said('field.renamed.problem', {
            id: ref.id,
            role: ref.role,
            name: field.name,
            template: `{{field:${ref.named}}}`,
          }),
          fix: said('field.renamed.fix', { ...rule, template: `{{field:${field.name}}}` }),
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
          problem: said('field.copy.problem', {
            from: source.name,
            fromType: typeName(source.schema?.type, source.schema?.items),
            to: field.name,
            toType: typeName(type, field.schema?.items),
          }),
          fix: said('field.copy.fix', { ...rule, type: typeName(type, field.schema?.items) }),
          fixAt: fixAt.workflow(use.workflow.name),
        });
      }
    }
    return findings;
  },
};
