import { z } from 'zod';
import { APP, impersonate, type Actor } from '../../src/access/actor';
import {
  egressNotAllowed,
  notABearerToken,
  notConnected,
  reconnectRequired,
  serviceRateLimited,
  serviceRejected,
  serviceUnavailable,
} from '../../src/access/external-failures';
import { AccessFailure, missingPermission, notFound } from '../../src/access/failures';
import { english, render, type Text } from '../../src/access/texts';
import { requireApprovedHosts } from '../../src/connections/egress';
import { checkConnection } from '../../src/connections/store';
import type { Connection } from '../../src/connections/model';
import { explain } from '../../src/execution/explain';
import { describeIssues, fieldMessages } from '../../src/execution/configuration';
import { compilePattern } from '../../src/rules/fields-requirement/pattern';
import { FieldsRequirementConfig } from '../../src/rules/fields-requirement/configuration';
import { settingsConflict } from '../../src/settings/store';
import { DEFAULT_PROJECT_SETTINGS } from '../../src/settings/model';
import { issueFieldTexts, issuesText } from '../../src/shared/issue-texts';
import { catalogueTranslate } from '../support/envelope';

const USER: Actor = { kind: 'user' };
const french = catalogueTranslate('fr-FR');
const say = (said: Text) => render(english, [said]);
const sayInFrench = (said: Text) => render(french, [said]);

/** The failure's text, said in English, is its message (what pages, logs and tests read today) word for word. */
function saidAsBefore(failure: AccessFailure, before: string): Text {
  expect(failure.userMessage).toBe(before);
  expect(failure.userText).toBeDefined();
  const said = failure.userText ?? { verbatim: '' };
  expect('key' in said).toBe(true);
  expect(say(said)).toBe(before);
  return said;
}

const thrown = (work: () => unknown): AccessFailure => {
  try {
    work();
  } catch (error) {
    if (error instanceof AccessFailure) return error;
    throw error;
  }
  throw new Error('expected a failure');
};

describe('failures people meet through a page, as catalogue texts (English unchanged)', () => {
  it('a missing Jira permission, for each actor, with and without a project', () => {
    const cases: Array<[Actor | undefined, string | undefined, string]> = [
      [
        USER,
        undefined,
        `You don't have the Jira permission "Browse projects". Ask a Jira admin to grant it.`,
      ],
      [
        USER,
        'OPS',
        `You don't have the Jira permission "Browse projects" in project OPS. Ask a Jira admin to grant it.`,
      ],
      [
        APP,
        'OPS',
        `The Workflow Guard app's bot user doesn't have the Jira permission "Browse projects" in project OPS. Ask a Jira admin to grant it.`,
      ],
      [
        impersonate('acc-1'),
        undefined,
        `The user acc-1 (Workflow Guard acting on their behalf) doesn't have the Jira permission "Browse projects". Ask a Jira admin to grant it.`,
      ],
      [
        undefined,
        'OPS',
        `Workflow Guard doesn't have the Jira permission "Browse projects" in project OPS. Ask a Jira admin to grant it.`,
      ],
    ];
    for (const [actor, projectKey, before] of cases)
      saidAsBefore(
        missingPermission({
          permission: 'BROWSE_PROJECTS',
          ...(actor ? { actor } : {}),
          ...(projectKey ? { projectKey } : {}),
        }),
        before,
      );
    expect(
      sayInFrench(
        saidAsBefore(
          missingPermission({ permission: 'BROWSE_PROJECTS', actor: USER, projectKey: 'OPS' }),
          cases[1]?.[2] ?? '',
        ),
      ),
    ).toBe(
      "Vous n'avez pas l'autorisation Jira « Parcourir les projets » dans le projet OPS. Demandez à un administrateur Jira de vous l'accorder.",
    );
  });

  it('a missing Jira permission, named as the French permission schemes name it', () => {
    const said = missingPermission({ permission: 'ADD_COMMENTS', actor: APP }).userText ?? { verbatim: '' };
    expect(sayInFrench(said)).toBe(
      "L'utilisateur bot de l'application Workflow Guard n'a pas l'autorisation Jira « Ajouter des commentaires ». Demandez à un administrateur Jira de la lui accorder.",
    );
    expect(say(said)).toBe(
      `The Workflow Guard app's bot user doesn't have the Jira permission "Add comments". Ask a Jira admin to grant it.`,
    );
  });

  it("a third-party service's failures: English as before (the approval place from the catalogue), French too", () => {
    const where = 'Jira settings › Apps › Workflow Guard › Secrets and connections';
    const egress = egressNotAllowed('Ops hook', 'https://hooks.example.com', 'app');
    expect(egress.userMessage).toBe(
      `Workflow Guard may not send to https://hooks.example.com (Ops hook) yet. Ask your Jira admin to approve that host in ${where}.`,
    );
    expect(egress.adminMessage).toBe(
      `Nothing was sent to Ops hook: https://hooks.example.com is not a host a Jira admin approved for Workflow Guard on this site. Fix: open ${where} and approve https://hooks.example.com for the connection (Forge asks you to confirm).`,
    );
    expect(sayInFrench(saidAsBefore(egress, egress.userMessage))).toBe(
      "Workflow Guard n'a pas encore le droit d'envoyer à https://hooks.example.com (Ops hook). Demandez à votre administrateur Jira d'approuver cet hôte dans Paramètres Jira › Applications › Workflow Guard › Secrets et connexions.",
    );
    const reconnect = reconnectRequired('Ops hook', { kind: 'userAccount' });
    saidAsBefore(
      reconnect,
      "Workflow Guard's access to Ops hook was revoked or has expired for good. The user reconnects their account in Jira › Personal settings › Workflow Guard connected accounts to reconnect.",
    );
    expect(reconnect.adminMessage).toBe(
      "Ops hook no longer accepts Workflow Guard's credentials (revoked, rotated or expired beyond refresh); retrying will not help. Fix: the user reconnects their account in Jira › Personal settings › Workflow Guard connected accounts to reconnect.",
    );
    const rejected = serviceRejected('Ops hook', 401, undefined);
    expect(
      sayInFrench(saidAsBefore(rejected, "Ops hook rejected Workflow Guard's credentials (HTTP 401).")),
    ).toBe('Ops hook a rejeté les identifiants de Workflow Guard (HTTP 401).');
    expect(rejected.adminMessage).toBe(
      `Ops hook rejected Workflow Guard's credentials (HTTP 401); retrying will not help. Fix: check the credentials of "Ops hook" on the Workflow Guard admin page and test the connection.`,
    );
    const busy = serviceRateLimited('Ops hook', { retryAfterMs: 2500, rateLimitReason: 'quota' });
    saidAsBefore(busy, 'Ops hook is busy right now (rate limit; it asked to wait about 3 seconds).');
    expect(busy.adminMessage).toBe(
      "Ops hook stayed rate limited (HTTP 429, quota) after retries within this invocation's time budget; it asked to wait 3 s.",
    );
    const silent = serviceUnavailable('Ops hook', {});
    expect(sayInFrench(saidAsBefore(silent, 'Ops hook did not answer.'))).toBe("Ops hook n'a pas répondu.");
    saidAsBefore(
      notConnected('Ops hook', 'Slack'),
      'Connect your Slack account to Workflow Guard (Jira › Personal settings › Workflow Guard connected accounts) so it can notify Ops hook for you.',
    );
    saidAsBefore(
      notABearerToken('Ops OAuth', 200),
      'Ops OAuth did not answer with a usable access token (HTTP 200).',
    );
  });

  it('an item Jira did not find, for each actor', () => {
    const base = 'Jira did not find the item Workflow Guard needed, or it is hidden from';
    saidAsBefore(notFound({ actor: USER }), `${base} you.`);
    saidAsBefore(notFound({ actor: APP }), `${base} the Workflow Guard app's bot user.`);
    saidAsBefore(
      notFound({ actor: impersonate('acc-1') }),
      `${base} the user acc-1 (Workflow Guard acting on their behalf).`,
    );
    expect(sayInFrench(saidAsBefore(notFound({}), `${base} Workflow Guard.`))).toBe(
      "Jira n'a pas trouvé l'élément dont Workflow Guard avait besoin, ou il est masqué pour Workflow Guard.",
    );
  });

  it('a settings conflict, naming who saved first and when', () => {
    const latest = {
      revision: 4,
      settings: DEFAULT_PROJECT_SETTINGS,
      updatedAt: '2026-11-30T09:15:00.000Z',
      updatedBy: 'jo',
    };
    const said = saidAsBefore(
      settingsConflict(latest, 'me', 'Jo Jira-Admin'),
      'Your changes were not saved: these settings were changed by Jo Jira-Admin at 2026-11-30 09:15 UTC (revision 4) after you opened them. Reload to see the current settings, then make your changes again.',
    );
    expect(sayInFrench(said)).toBe(
      "Vos modifications n'ont pas été enregistrées : ces paramètres ont été modifiés par Jo Jira-Admin le 2026-11-30 09:15 UTC (révision 4) après leur ouverture. Rechargez la page pour voir les paramètres actuels, puis refaites vos modifications.",
    );
    saidAsBefore(
      settingsConflict({ ...latest, updatedBy: 'me' }, 'me'),
      'Your changes were not saved: these settings were changed by you, in another tab or window at 2026-11-30 09:15 UTC (revision 4) after you opened them. Reload to see the current settings, then make your changes again.',
    );
    saidAsBefore(
      settingsConflict({ revision: 1, settings: DEFAULT_PROJECT_SETTINGS }, 'me'),
      'Your changes were not saved: these settings were changed by the user unknown at an unknown time (revision 1) after you opened them. Reload to see the current settings, then make your changes again.',
    );
  });

  it('a connection the admin page refuses: its schema, and hosts not approved', () => {
    const connection = {
      id: 'ops-hook',
      name: 'Ops webhook',
      url: 'https://hooks.example.com/ops',
      auth: { kind: 'api-token', scheme: 'bearer' },
    } as Connection;
    saidAsBefore(
      thrown(() => checkConnection({ ...connection, url: 7 } as unknown as Connection)),
      'Invalid connection: url: must be a string.',
    );
    const one = saidAsBefore(
      thrown(() => requireApprovedHosts(connection, [])),
      'Connection "Ops webhook" was not saved: https://hooks.example.com is not approved for Workflow Guard, so it could not send anything. Approve the host when Forge asks, then save again.',
    );
    expect(sayInFrench(one)).toContain("https://hooks.example.com n'est pas approuvé pour Workflow Guard");
    saidAsBefore(
      thrown(() =>
        requireApprovedHosts(
          {
            ...connection,
            auth: {
              kind: 'oauth-client-credentials',
              tokenUrl: 'https://login.example.org/token',
              clientId: 'wg',
            },
          },
          [],
        ),
      ),
      'Connection "Ops webhook" was not saved: https://hooks.example.com and https://login.example.org are not approved for Workflow Guard, so it could not send anything. Approve the host when Forge asks, then save again.',
    );
  });

  it('a Fields requirement pattern RE2 refuses: the same clause and sentence as before, in French too', () => {
    const compiled = compilePattern('(?=OPS)');
    if (compiled.ok) throw new Error('expected the pattern to be refused');
    const { clause, sentence } = compiled.problem('Summary');
    const before =
      'the pattern for "Summary" uses a lookahead such as (?=…) or (?!…), which Workflow Guard does not support: patterns run on a linear-time engine (RE2 syntax) so that no value can hold up a transition. Rewrite the pattern without it';
    expect(say(clause)).toBe(before);
    expect(say(sentence)).toBe(`The${before.slice(3)}.`);
    expect(sayInFrench(sentence)).toBe(
      "Le modèle de « Summary » utilise une assertion avant comme (?=…) ou (?!…), que Workflow Guard ne prend pas en charge : les modèles s'exécutent sur un moteur en temps linéaire (syntaxe RE2) pour qu'aucune valeur ne puisse bloquer une transition. Réécrivez le modèle sans cette construction.",
    );
    const parsed = FieldsRequirementConfig.safeParse({
      requirements: [{ fieldId: 'summary', fieldName: 'Summary', condition: 'matches', pattern: '(?=OPS)' }],
    });
    if (parsed.success) throw new Error('expected the configuration to be refused');
    expect(describeIssues(parsed.error)).toBe(`requirements.0.pattern: ${before}`);
    expect(fieldMessages(parsed.error)).toEqual({ 'requirements.0.pattern': `The${before.slice(3)}.` });
  });

  it('zod issues: the banner sentence and the field sentences, in English as before and in French', () => {
    const Schema = z.strictObject({
      name: z.string().min(1),
      code: z.string().min(3).max(5),
      size: z.union([z.string(), z.number()]).optional(),
      tags: z.array(z.string()).min(2).optional(),
      count: z.number().gt(0).optional(),
    });
    const parsed = Schema.safeParse({ name: '', code: 'toolong', size: {}, tags: ['a'], count: 0, x: 1 });
    if (parsed.success) throw new Error('expected a refusal');
    const before =
      'name: must not be empty; code: must be at most 5 characters long; size: must be a string or a number; tags: must have at least 2 items; count: must be more than 0; and 1 more';
    expect(describeIssues(parsed.error)).toBe(before);
    expect(say(issuesText(parsed.error))).toBe(before);
    expect(sayInFrench(issuesText(parsed.error))).toBe(
      'name : ne doit pas être vide ; code : doit contenir au plus 5 caractères ; size : doit être une chaîne de caractères ou un nombre ; tags : doit contenir au moins 2 éléments ; count : doit être supérieur à 0 ; et 1 autre',
    );
    const fields = issueFieldTexts(parsed.error);
    expect(Object.fromEntries(Object.entries(fields).map(([path, t]) => [path, say(t)]))).toEqual(
      fieldMessages(parsed.error),
    );
    expect(sayInFrench(fields.code ?? { verbatim: '' })).toBe('Ce champ doit contenir au plus 5 caractères.');
    expect(sayInFrench(fields.configuration ?? { verbatim: '' })).toBe('Clé non reconnue : "x".');
  });

  it('an unexpected error is said as a text, and a failure without one keeps its words as they are', () => {
    expect(explain(new Error('boom')).userText).toEqual({ key: 'messages.failure.internal' });
    const plain = new AccessFailure('INVALID_INPUT', 'Sign in to Jira.', 'Anonymous caller.');
    expect(explain(plain).userText).toEqual({ verbatim: 'Sign in to Jira.' });
  });
});
