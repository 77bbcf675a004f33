import { z } from 'zod';
import { CURRENT_USER } from '../../access/actor';
import type { AccessSession } from '../../access/session';
import { inEnglish } from '../../access/texts';
import type { CreateCheck } from '../../shared/post-function-config';
import { readCreateFields } from './create-meta';
import { describeMissing, missingRequiredFields } from './plan';

export const CreateCheckInput = z.strictObject({
  projectId: z.string().regex(/^\d{1,18}$/),
  projectName: z.string().max(255),
  issueTypeId: z.string().regex(/^\d{1,18}$/),
  issueTypeName: z.string().max(255),
  copyFields: z.array(z.string().max(60)).max(20),
});

/**
 * The save-time half of the required-field check: the create screen's fields for the chosen project and issue type,
 * read as the admin configuring the rule, against what the rule fills in (copied fields count as filled; whether
 * they hold a value is checked again when the rule runs).
 */
export async function checkCreateIssue(
  input: z.infer<typeof CreateCheckInput>,
  session: AccessSession,
): Promise<CreateCheck> {
  const meta = await readCreateFields(session.jira(CURRENT_USER), input.projectId, input.issueTypeId);
  const missing = missingRequiredFields(meta, input.copyFields);
  if (missing.length === 0) return { ok: true };
  const said = describeMissing(missing, {
    projectName: input.projectName,
    issueTypeName: input.issueTypeName,
  });
  return { ok: false, message: inEnglish(said), text: said, fields: missing.map((field) => field.fieldId) };
}
