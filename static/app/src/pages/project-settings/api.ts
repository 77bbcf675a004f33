import { invokeResolver } from '../../bridge/invoke';
import type {
  ActivityPageView,
  ProjectSettingsView,
  SaveProjectSettingsRequest,
} from '@backend/shared/project-settings';
import type { HealthReportView } from '@backend/shared/health';

/** The project settings resolver's functions (src/pages/project-settings); the project comes from Jira's context. */
export const projectSettingsApi = {
  load: () => invokeResolver<ProjectSettingsView>('getProjectSettings'),
  save: (request: SaveProjectSettingsRequest) =>
    invokeResolver<ProjectSettingsView>('saveProjectSettings', { ...request }),
  activity: (onlyFailures: boolean, cursor?: string) =>
    invokeResolver<ActivityPageView>('getProjectActivity', { onlyFailures, ...(cursor ? { cursor } : {}) }),
  health: () => invokeResolver<HealthReportView>('getProjectHealth'),
};
