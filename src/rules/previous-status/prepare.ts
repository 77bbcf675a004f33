import { invalidInput } from '../../access/failures';
import { text } from '../../access/texts';
import type { AccessSession } from '../../access/session';
import {
  buildPreviousStatusExpression,
  describePreviousStatus,
} from '../expression-builders/previous-status';
import { readStatuses } from '../validator-config/jira-catalog';
import { parseConfiguration, type Prepared } from '../validator-config/prepare';
import { PreviousStatusConfig } from './configuration';

/**
 * The transition is allowed only if the previous status (or, with `ever`, any status it has left) is one of
 * the chosen ones. Every status is looked up in Jira as the admin (one read of the statuses), so an id the admin
 * cannot see, or that no longer exists, is refused beside the field and nothing is saved.
 */
export async function preparePreviousStatus(raw: unknown, session: AccessSession): Promise<Prepared> {
  const config = parseConfiguration(PreviousStatusConfig, raw);
  const known = new Map((await readStatuses(session)).map((s) => [s.id, s]));
  const unknown = config.statuses.findIndex((s) => !known.has(s.id));
  if (unknown >= 0) {
    const status = config.statuses[unknown];
    const message = text('errors.config.unknownStatus', { name: status?.name ?? '', id: status?.id ?? '' });
    throw invalidInput(text('errors.notSaved.atPath', { path: `statuses.${unknown}`, problem: message }), {
      fieldTexts: { statuses: message },
    });
  }
  return completePreviousStatus(
    config,
    config.statuses.map((s) => ({ id: s.id, name: known.get(s.id)?.name ?? s.name })),
  );
}

/** The configuration completed with the statuses as Jira names them (each once) and the expression built from them. */
export function completePreviousStatus(
  config: PreviousStatusConfig,
  named: ReadonlyArray<{ id: string; name: string }>,
): Prepared {
  const statuses = [...new Map(named.map((s) => [s.id, s])).values()];
  const names = statuses.map((s) => s.name);
  const expression = buildPreviousStatusExpression(
    statuses.map((s) => s.id),
    config.mode,
  );
  const description = describePreviousStatus(names, config.mode);
  const listed = names.map((n) => `"${n}"`).join(', ');
  return {
    saved: {
      statuses,
      mode: config.mode,
      message:
        config.message ||
        (config.mode === 'ever'
          ? `This transition is only for issues that have been in ${listed} before.`
          : `This transition is only for issues whose previous status was ${listed}.`),
      expression,
    },
    description,
    expression: { text: expression, what: 'the generated expression' },
  };
}
