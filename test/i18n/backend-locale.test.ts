import { buildPostFunctionEvent, runPostFunction, runValidator } from '../harness';
import { forgetLocales } from '../../src/access/texts';
import { commentPostFunction } from '../../src/rules/comment';
import { fieldsRequirementValidator } from '../../src/rules/fields-requirement';
import { relatedIssuesValidator } from '../../src/rules/related-issues';
import { seedSite } from '../support/seed';

const REQUIRE_DUE_DATE = JSON.stringify({
  requirements: [{ fieldId: 'duedate', fieldName: 'Due date', condition: 'not-empty' }],
});

const ENGLISH = 'Fill in "Due date" before making this transition.';
const FRENCH = "Renseignez « Due date » avant d'effectuer cette transition.";

/**
 * What a person blocked by a validator, or told on the issue that a post-function failed, reads: the catalogue's
 * words in their language (their Jira language when the platform names them, else the site's), English otherwise.
 */
describe('backend messages in the reader’s language', () => {
  beforeEach(forgetLocales);

  function blocked(setup: (site: ReturnType<typeof seedSite>['site']) => void, accountId?: string) {
    const { site, kvs } = seedSite();
    setup(site);
    const run = () =>
      runValidator(
        fieldsRequirementValidator,
        {
          issue: { key: 'OPS-1' },
          configuration: REQUIRE_DUE_DATE,
          transition: { from: { id: '1' }, to: { id: '3' }, modifiedFields: { duedate: null } },
        },
        { site, kvs, ...(accountId ? { accountId } : {}) },
      );
    return { site, run };
  }

  it('says it in French to a user whose Jira language is French, when the invocation names them', async () => {
    const { run } = blocked(
      (site) => site.addUser({ accountId: 'fanny', displayName: 'Fanny', locale: 'fr_FR' }),
      'fanny',
    );
    expect(await run()).toEqual({ result: false, errorMessage: FRENCH });
  });

  it('says it in the site’s language when the invocation names no one (as Jira calls validators)', async () => {
    const { run, site } = blocked((s) => (s.defaultLocale = 'fr_FR'));
    expect(await run()).toEqual({ result: false, errorMessage: FRENCH });
    // Learnt once: the next blocked transition in this container asks Jira nothing more about languages.
    expect(await run()).toEqual({ result: false, errorMessage: FRENCH });
    expect(site.calls.filter((call) => call.operationId === 'getLocale')).toHaveLength(1);
  });

  it('says it in English to an en-US user, and when no language is known', async () => {
    const { run } = blocked(
      (site) => site.addUser({ accountId: 'erin', displayName: 'Erin', locale: 'en_US' }),
      'erin',
    );
    expect(await run()).toEqual({ result: false, errorMessage: ENGLISH });
    forgetLocales();
    // A language the app has no catalogue for falls back to English (manifest `translations.fallback`).
    const { run: unknown } = blocked((s) => (s.defaultLocale = 'ja_JP'));
    expect(await unknown()).toEqual({ result: false, errorMessage: ENGLISH });
  });

  it('falls back to English when Jira cannot say the language, and still blocks', async () => {
    const { run, site } = blocked((s) => (s.defaultLocale = 'fr_FR'));
    site.faults.inject({
      match: { operationId: 'getLocale' },
      times: Infinity,
      response: { kind: 'serverError', status: 500 },
    });
    expect(await run()).toEqual({ result: false, errorMessage: ENGLISH });
  });

  it('asks nothing about languages when the transition passes', async () => {
    const { site, kvs } = seedSite();
    site.defaultLocale = 'fr_FR';
    const result = await runValidator(
      fieldsRequirementValidator,
      {
        issue: { key: 'OPS-1' },
        configuration: REQUIRE_DUE_DATE,
        transition: { from: { id: '1' }, to: { id: '3' }, modifiedFields: { duedate: '2026-12-24' } },
      },
      { site, kvs },
    );
    expect(result).toEqual({ result: true });
    expect(site.calls).toEqual([]);
  });

  it('names related issues, their relation and the status category in French', async () => {
    const { site, kvs } = seedSite();
    site.defaultLocale = 'fr_FR';
    site.addIssue({ key: 'OPS-2', projectKey: 'OPS', summary: 'Child', parentKey: 'OPS-1' });
    const result = await runValidator(
      relatedIssuesValidator,
      {
        issue: { key: 'OPS-1' },
        configuration: JSON.stringify({ subtasks: true, parent: false, links: [], requiredCategory: 'done' }),
        transition: { from: { id: '1' }, to: { id: '3' } },
      },
      { site, kvs },
    );
    expect(result).toEqual({
      result: false,
      errorMessage:
        "Faites passer ces tickets associés à un statut « Terminé » avant d'effectuer cette transition : OPS-2 (sous-tâche, To Do).",
    });
  });

  it('reports a post-function’s failure on the issue in the language of the user who transitioned', async () => {
    const { site, kvs } = seedSite();
    site.addUser({ accountId: 'fanny', displayName: 'Fanny', locale: 'fr_FR' });
    site.grant('BROWSE_PROJECTS', { accountId: 'fanny', projectKey: 'OPS' });
    await runPostFunction(
      commentPostFunction,
      buildPostFunctionEvent(site, {
        issueKey: 'OPS-1',
        transitionId: '21',
        atlassianId: 'fanny',
        configuration: { template: 'Moved', actor: 'transitioning-user', reportFailureOnIssue: true },
      }),
      { site, kvs },
    );
    const said = site.issue('OPS-1').comments.map((c) => c.text);
    expect(said).toEqual([
      expect.stringMatching(/^Workflow Guard n'a pas pu exécuter « Commentaire » après cette transition : /),
    ]);
    expect(said[0]).toMatch(
      /Votre administrateur Jira peut en voir le détail dans le journal d'audit de Workflow Guard\.$/,
    );
  });
});
