import { z } from 'zod';
import { route } from '../../access/route';
import { echoInput } from '../../execution/configuration';
import { ONLY_IF_EXPRESSION, VALIDATOR_EXPRESSION } from '../../rules/validator-config/expression-analysis';
import { fixAt } from '../links';
import type { Finding } from '../model';
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
          const errors = (result.errors ?? [])
            .slice(0, MAX_ERRORS)
            .map(
              (e) =>
                `${echoInput(e.message, 300)}${e.line === undefined ? '' : ` (line ${e.line}, column ${e.column ?? 1})`}`,
            );
          findings.push({
            kind: 'expression',
            subject: ref.role,
            use,
            problem: `Jira no longer accepts ${ref.role}: ${errors.join('; ') || 'no reason given'}. ${kind === 'validator' ? 'Jira counts it as false, so the transition is blocked for everyone.' : 'The post-function fails instead of acting.'}`,
            fix: `Edit the ${use.rule.title} rule on transition "${use.transition.name}" and correct the expression (a field it names may have been deleted: ${fixAt.customFields.label}).`,
            fixAt: fixAt.workflow(use.workflow.name),
          });
        }
      }
    }
    return findings;
  },
};
