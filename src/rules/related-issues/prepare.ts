import type { AccessSession } from '../../access/session';
import { invalidInput } from '../../access/failures';
import { text } from '../../access/texts';
import { STATUS_CATEGORY_NAMES } from '../../shared/validator-config';
import { readLinkTypes } from '../validator-config/jira-catalog';
import { parseConfiguration, type Prepared } from '../validator-config/prepare';
import { RelatedIssuesConfig } from './configuration';

export function describeRelatedIssues(config: RelatedIssuesConfig): string {
  const kinds = [
    ...(config.subtasks ? ['sub-tasks'] : []),
    ...(config.parent ? ['the parent'] : []),
    ...config.links.map((l) => `issues it ${l.direction}`),
  ];
  return `Requires ${kinds.join(', ')} to be in "${STATUS_CATEGORY_NAMES[config.requiredCategory]}"; if Jira cannot be asked: ${config.failurePolicy}.`;
}

/** Each link direction must be one of this site's link types (read as the configuring admin: one call). */
export async function prepareRelatedIssues(raw: unknown, session: AccessSession): Promise<Prepared> {
  const config = parseConfiguration(RelatedIssuesConfig.strict(), raw);
  await assertLinksExist(session, config.links);
  return { saved: config, description: describeRelatedIssues(config) };
}

/** Also used by the Related issues condition, which takes the same links. */
export async function assertLinksExist(
  session: AccessSession,
  links: RelatedIssuesConfig['links'],
): Promise<void> {
  if (links.length) {
    const types = await readLinkTypes(session);
    links.forEach((link, index) => {
      const type = types.find((t) => t.name === link.linkType);
      if (!type || (type.inward !== link.direction && type.outward !== link.direction)) {
        const said = text('errors.config.unknownLinkType', {
          linkType: link.linkType,
          direction: link.direction,
        });
        throw invalidInput(text('errors.notSaved.plain', { problem: said }), {
          fieldTexts: { [`links.${index}`]: said },
        });
      }
    });
  }
}
