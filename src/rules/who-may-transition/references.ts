import { z } from 'zod';
import { referenceRole, declareReferences } from '../reference-kinds';
import { WhoMayTransitionConfig } from './configuration';
import { buildWhoMayTransitionExpression } from '../expression-builders/who-may-transition';

/** The saved configuration carries the expression Jira evaluates (it overrides the manifest's), built when saved. */
const Saved = z.intersection(WhoMayTransitionConfig, z.object({ expression: z.string().optional() }));

/** Groups and roles by name (a renamed one lets no one through), and the expression Jira evaluates. */
export const whoMayTransitionReferences = declareReferences({
  rule: 'who-may-transition',
  configuration: Saved,
  references: (config) => ({
    groups: config.groups.map((name) => ({ name, role: referenceRole('groupAllowed') })),
    projectRoles: config.projectRoles.map((name) => ({
      name,
      role: referenceRole('projectRoleAllowed'),
    })),
    // Saved since the first version; without user fields (added later) the same expression can be rebuilt.
    expressions:
      config.expression || config.userFields.length === 0
        ? [
            {
              text: config.expression ?? buildWhoMayTransitionExpression({ ...config, userFields: [] }),
              role: referenceRole('expressionItBuilds'),
              kind: 'validator',
            },
          ]
        : [],
  }),
});
