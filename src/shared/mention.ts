/**
 * ADF mention: `attrs.id` is the account id, `attrs.text` the name shown, "@" and the display name
 * (https://developer.atlassian.com/cloud/jira/platform/apis/document/nodes/mention/). Pure: comment templates
 * (shared with the Custom UI) and the backend both build mentions with it.
 */
export type AdfMention = { type: 'mention'; attrs: { id: string; text?: string } };

export const mention = (accountId: string, displayName?: string): AdfMention => ({
  type: 'mention',
  attrs: { id: accountId, ...(displayName ? { text: `@${displayName}` } : {}) },
});
