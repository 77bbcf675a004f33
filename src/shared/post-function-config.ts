import type { Text } from './text-format';

/**
 * What the configuration screens of Create issue, Link issues and Assign and the configuration resolver
 * (src/rules/validator-config) agree on. Shared with the Custom UI (static/app imports this file): types only.
 */
export interface ProjectOption {
  id: string;
  key: string;
  name: string;
}

export interface IssueTypeOption {
  id: string;
  name: string;
  subtask: boolean;
}

/** The save-time check of Create issue against Jira's create metadata. */
export type CreateCheck =
  | { ok: true }
  /** `message` names each field Jira requires that the rule leaves empty (`text`: the same, for the viewer). */
  | { ok: false; message: string; text: Text; fields: string[] };

export interface RoleOption {
  id: string;
  name: string;
}
