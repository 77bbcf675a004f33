import { z } from 'zod';
import { route } from '../../access/route';
import { inEnglish } from '../../access/texts';
import { echoInput } from '../../execution/configuration';
import { ONLY_IF_EXPRESSION, VALIDATOR_EXPRESSION } from '../../rules/validator-config/expression-analysis';
import { fixAt } from '../links';
import { joined, ruleAndTransition, said, verbatim, type Finding } from '../model';
import type { ReferenceChecker } from './types';

/** The analyse operation takes a list of expressions; 100 per call keeps a request small. */
const BATCH = 100;
const MAX_ERRORS = 3;

const Analysis = z.object({
  results: z.array(
    z.object({
      valid: z.boolean(),
      errors: z
        .array(z.object({ message: z.string(), line: z.number().optional(), column: z.number().optional() }))
        .optional(),
    }),
  ),
});

/**
 * Every expression, against today's site, in one `POST /rest/api/3/expression/analyse?check=type` (the same
 * analysis the configuration screens ran when the rule was saved): a field deleted since makes the expression fail,
 * and Jira then blocks every transition it guards.
 */
export const expressionsChecker: ReferenceChecker<'expressions'> = {
  kind: 'expressions',
  async check(items, env) {
    const findings: Finding[] = [];
    // One request per kind of expression: each is analysed with its own context variables.
    for (const [kind, variables] of [
      ['validator', VALIDATOR_EXPRESSION.contextVariables],
      ['only-if', ONLY_IF_EXPRESSION.contextVariables],
    ] as const) {
      const ofKind = items.filter(({ ref }) => ref.kind === kind);
      for (let start = 0; start < ofKind.length; start += BATCH) {
        const batch = ofKind.slice(start, start + BATCH);
        const { results } = Analysis.parse(
          await env.session.jira(env.reader).requestJira(route`/rest/api/3/expression/analyse?check=type`, {
            method: 'POST',
            body: { expressions: batch.map(({ ref }) => ref.text), contextVariables: variables },
            readOnly: true,
          }),
        );
        for (const [index, { ref, use }] of batch.entries()) {
          const result = results[index];
          if (!result || result.valid) continue;
          // Jira's own messages, as it wrote them; where they are, in the reader's words.
          const errors = (result.errors ?? []).slice(0, MAX_ERRORS).map((e) => {
            const message = echoInput(e.message, 300);
            return e.line === undefined
              ? verbatim(message)
              : said('expression.at', { message, line: e.line, column: e.column ?? 1 });
          });
          findings.push({
            kind: 'expression',
            // In English, as the ids of problems found by earlier versions were made.
            subject: inEnglish(ref.role),
            use,
            problem: said(kind === 'validator' ? 'expression.validator' : 'expression.onlyIf', {
              role: ref.role,
              errors: errors.length ? joined('expression.then', errors) : said('expression.noReason'),
            }),
            fix: said('expression.fix', { ...ruleAndTransition(use), place: fixAt.customFields.label }),
            fixAt: fixAt.workflow(use.workflow.name),
          });
        }
      }
    }
    return findings;
  },
};
