import { z } from 'zod';
import { APP } from '../../access/actor';
import { readAppIdentity } from '../../access/app-permissions';
import { route } from '../../access/route';
import type { AccessSession } from '../../access/session';
import { explain } from '../../execution/explain';
import type { ProjectPrincipal } from '../../permissions/authorize';
import { ownRulesOf, Workflow } from '../admin/rule-usage';

const ReadAnswer = z.object({ workflows: z.array(Workflow) });

export interface RulesInUse {
  /** Per rule key, the transitions of the project's workflows that carry it ("Start Progress (Guarded workflow)"). */
  usedOn: Map<string, string[]>;
  /** Set when Jira could not be asked: the page says which rules are in use is unknown, and why. */
  problem?: string;
}

/**
 * Which of the app's rules the project's workflows carry: one `POST /rest/api/3/workflows` for the project and each
 * of its issue types (WorkflowReadRequest.projectAndIssueTypes), read as the app once the caller is proven a project
 * admin. Jira lets a project admin read only team-managed workflows themselves ("Administer Jira global permission to
 * access all, including project-scoped, workflows"), and the app's bot holds Administer Jira through its
 * atlassian-addons group; the answer is this project's rules only.
 */
export async function findRulesInUse(
  session: AccessSession,
  project: ProjectPrincipal['project'],
): Promise<RulesInUse> {
  const usedOn = new Map<string, string[]>();
  if (project.issueTypeIds.length === 0) return { usedOn };
  try {
    const body = ReadAnswer.parse(
      await session.jira(APP).requestJira(route`/rest/api/3/workflows`, {
        method: 'POST',
        body: {
          projectAndIssueTypes: project.issueTypeIds.map((issueTypeId) => ({
            projectId: project.id,
            issueTypeId,
          })),
        },
        readOnly: true,
        permission: 'ADMINISTER',
        projectKey: project.key,
      }),
    );
    const app = readAppIdentity();
    for (const workflow of body.workflows) {
      for (const { transition, entry } of ownRulesOf(workflow, app)) {
        const where = `${transition.name} (${workflow.name})`;
        const list = usedOn.get(entry.key) ?? [];
        if (!list.includes(where)) usedOn.set(entry.key, [...list, where]);
      }
    }
    return { usedOn };
  } catch (error) {
    return {
      usedOn,
      problem: `Jira did not let the app read this project's workflows, so which rules they use is unknown: ${explain(error).userMessage}`,
    };
  }
}
