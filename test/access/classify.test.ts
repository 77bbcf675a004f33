import { APP, impersonate } from '../../src/access/actor';
import { classifyFailure } from '../../src/access/classify';

const facts = {
  actor: APP,
  endpoint: 'GET /rest/api/3/issue/{issueIdOrKey}',
  endpointScopes: ['read:jira-work'],
};

describe('failure classification', () => {
  it('names the scope for the 401 "scope does not match" answer, from the endpoint table', () => {
    const failure = classifyFailure(
      { status: 401, body: { code: 401, message: 'Unauthorized; scope does not match' } },
      facts,
    );
    expect(failure.code).toBe('MISSING_SCOPE');
    expect(failure.adminMessage).toContain('lacks the OAuth scope read:jira-work');
    expect(failure.adminMessage).toContain('approve the pending Workflow Guard update');
    expect(failure.userMessage).toContain('"read:jira-work"');
  });

  it('reads the scope from the 403 "missing scope grants" answer', () => {
    const body = {
      errorMessages: [
        'Access to the resource was denied due to missing scope grants. Your app was granted the following scopes: [storage:app].\nThe resource can be accessed by having one of these groups of scopes:\n * [write:jira-work]\n * [write:comment:jira, read:comment:jira]',
      ],
    };
    const failure = classifyFailure({ status: 403, body }, { ...facts, actor: impersonate('u-1') });
    expect(failure.details.scopes).toEqual(['write:jira-work']);
    expect(failure.adminMessage).toContain('allowImpersonation: true');
  });

  it('names the Jira permission, whose identity and the project for a plain 403', () => {
    const failure = classifyFailure(
      { status: 403, body: { errorMessages: ['You do not have permission to edit issues.'] } },
      { ...facts, permission: 'EDIT_ISSUES', projectKey: 'OPS' },
    );
    expect(failure.code).toBe('MISSING_PERMISSION');
    expect(failure.adminMessage).toBe(
      `GET /rest/api/3/issue/{issueIdOrKey} was refused: the Workflow Guard app's bot user lacks the Jira permission "Edit issues" in project OPS. Fix: grant "Edit issues" to the app's bot user (or a group or role it belongs to) in the permission scheme of project OPS.`,
    );
  });

  it('explains 404 as not found or hidden, and 400 with Jira’s own field errors', () => {
    expect(classifyFailure({ status: 404, body: {} }, facts).code).toBe('NOT_FOUND');
    const invalid = classifyFailure({ status: 400, body: { errors: { duedate: 'Invalid date' } } }, facts);
    expect(invalid.code).toBe('INVALID_INPUT');
    expect(invalid.userMessage).toBe('duedate: Invalid date');
  });
});
