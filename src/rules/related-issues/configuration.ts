import { z } from 'zod';
import { FailurePolicy } from '../../execution/validator-runner';
import { hasControlCharacter } from '../validator-config/control-characters';

/** Link type names and their directions as Jira lists them; no line breaks or control characters. */
const LinkText = z
  .string()
  .trim()
  .min(1)
  .max(255)
  .refine((text) => !hasControlCharacter(text), 'must not contain control characters');

export const LinkCheck = z.object({
  /** The link type's name, e.g. `Blocks`. */
  linkType: LinkText,
  /** The direction as seen from the transitioning issue, e.g. `is blocked by`; JQL's linkedIssues() takes it. */
  direction: LinkText,
});

/** Which related issues, and the category they must be in: shared with the Related issues condition. */
export const RelatedChoices = z.object({
  /** The status category every chosen related issue must be in. */
  requiredCategory: z.enum(['new', 'indeterminate', 'done']).default('done'),
  subtasks: z.boolean().default(false),
  parent: z.boolean().default(false),
  links: z.array(LinkCheck).max(10).default([]),
});

export const someRelatedChosen: [
  (c: z.infer<typeof RelatedChoices>) => boolean,
  { message: string; path: string[] },
] = [
  (c) => c.subtasks || c.parent || c.links.length > 0,
  {
    message: 'choose at least one kind of related issue: sub-tasks, the parent or a link type',
    path: ['subtasks'],
  },
];

export const RelatedIssuesConfig = RelatedChoices.extend({
  failurePolicy: FailurePolicy.default('block'),
}).refine(...someRelatedChosen);
export type RelatedIssuesConfig = z.infer<typeof RelatedIssuesConfig>;
