import { errorReply } from '../types';
import type { IssueRecord } from '../state';
import { viewerOf, type Handler } from './context';

/** The emulator's assumption on how many suggestions a section lists (FIDELITY.md, "Issue picker"). */
const MAX_SUGGESTIONS = 20;

/**
 * GET /rest/api/3/issue/picker (getIssuePickerResource): "lists of issues matching a query string", in the two
 * sections the spec names, `History Search` (the user's recently viewed issues: the emulator keeps no history, so
 * it is always empty) and `Current Search` (issues that "contain the string in the `query` parameter", matched
 * here on the key and the summary, case-insensitively). Only issues the caller can browse are suggested; the spec's
 * `currentIssueKey` (excluded), `currentProjectId` (only that project) and `showSubTasks` are honoured.
 * `currentJQL` is not modelled: 501 naming it (the spec lists no 400 for a bad one).
 */
const getIssuePickerResource: Handler = (ctx) => {
  if (ctx.query.has('currentJQL')) {
    return errorReply(501, 'The Jira emulator does not model currentJQL in the issue picker.');
  }
  const query = (ctx.query.get('query') ?? '').trim().toLowerCase();
  const exclude = ctx.query.get('currentIssueKey');
  const projectId = ctx.query.get('currentProjectId');
  const withSubTasks = ctx.query.get('showSubTasks') !== 'false';
  const viewer = viewerOf(ctx);
  const matches = (issue: IssueRecord): boolean =>
    query !== '' &&
    viewer.canBrowse(issue) &&
    issue.key !== exclude &&
    (projectId === null || ctx.site.projects.get(issue.projectKey)?.id === projectId) &&
    (withSubTasks || ctx.site.issueTypes.get(issue.issueType)?.subtask !== true) &&
    (issue.key.toLowerCase().startsWith(query) || issue.summary.toLowerCase().includes(query));
  const found = [...ctx.site.issues.values()].filter(matches);
  const shown = found.slice(0, MAX_SUGGESTIONS);
  return {
    status: 200,
    body: {
      sections: [
        { label: 'History Search', id: 'hs', sub: 'Showing 0 of 0 matching issues', issues: [] },
        {
          label: 'Current Search',
          id: 'cs',
          ...(found.length === 0
            ? { msg: 'No matching issues found' }
            : { sub: `Showing ${shown.length} of ${found.length} matching issues` }),
          issues: shown.map((issue) => ({
            id: Number(issue.id),
            key: issue.key,
            keyHtml: issue.key,
            summary: escapeHtml(issue.summary),
            summaryText: issue.summary,
            img: `/images/icons/issuetypes/${encodeURIComponent(issue.issueType.toLowerCase())}.svg`,
          })),
        },
      ],
    },
  };
};

/** SuggestedIssue.summary is "in HTML format": the summary's own text, escaped. */
const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export const pickerHandlers: Record<string, Handler> = { getIssuePickerResource };
