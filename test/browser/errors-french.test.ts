import type { Page } from 'playwright-core';
import { callResolver, startInvocation, type MemoryKvs, type ResolverHandler } from '../harness';
import type { JiraSite } from '../emulator';
import { validatorConfigResolver } from '../../src/rules/validator-config';
import { projectSettingsResolver } from '../../src/pages/project-settings';
import { deleteConnection, saveConnection } from '../../src/connections/store';
import { seedSite } from '../support/seed';
import { pageContext, seedProjects } from '../settings/project-site';
import { buildCustomUi, openForgePage, screenshot, type ForgePage } from './index';

type RuleModule = 'jira:workflowValidator' | 'jira:workflowCondition' | 'jira:workflowPostFunction';
const STORED: Record<RuleModule, string> = {
  'jira:workflowValidator': 'validatorConfig',
  'jira:workflowCondition': 'conditionConfig',
  'jira:workflowPostFunction': 'postFunctionConfig',
};

/**
 * What the resolvers refuse, as a French-speaking Jira admin reads it (context locale fr-FR): the envelope carries
 * the error as catalogue texts, and the page words them from locales/fr-FR.json, beside the field and in the banner.
 * Jira's own words (an expression's analysis) stay as Jira said them.
 */
describe('resolver errors in French in headless Chromium', () => {
  let distDir: string;
  beforeAll(async () => {
    distDir = await buildCustomUi();
  }, 120_000);

  function openRule(type: RuleModule, moduleKey: string, config: unknown): Promise<ForgePage> {
    const { site, kvs } = seedSite();
    site.addField({ id: 'customfield_10101', name: 'Severity', type: 'option' });
    const extension = { type, entryPoint: 'edit', [STORED[type]]: JSON.stringify(config) };
    return openForgePage({
      distDir,
      host: {
        getContext: () => Promise.resolve({ moduleKey, localId: 'local-1', locale: 'fr-FR', extension }),
        invoke: (functionKey, payload) =>
          callResolver(
            validatorConfigResolver,
            functionKey,
            payload,
            { accountId: 'dev', moduleKey, extension },
            { site, kvs },
          ),
      },
    });
  }

  async function clean(forge: ForgePage) {
    expect(forge.externalRequests).toEqual([]);
    expect(forge.pageErrors).toEqual([]);
    await forge.close();
  }

  const choose = async (page: Page, id: string, option: string) => {
    await page.locator(`#${id}`).focus();
    await page.keyboard.press('ArrowDown');
    await page.getByRole('option', { name: option, exact: true }).click();
  };
  const said = async (page: Page, testId: string) =>
    ((await page.getByTestId(testId).innerText()) ?? '').replace(/\s+/g, ' ').trim();

  it('Fields requirement: a pattern RE2 cannot read is refused in French beside the pattern, and the banner says so', async () => {
    const forge = await openRule('jira:workflowValidator', 'fields-requirement', {
      requirements: [{ fieldId: 'duedate', fieldName: 'Due date', condition: 'matches', pattern: '(' }],
    });
    try {
      const { page } = forge;
      await page.locator('#pattern-0').waitFor();
      expect(await forge.onConfigure()).toBeUndefined();
      await page.getByTestId('pattern-0-error').waitFor();
      // RE2's own description ("missing closing )") is quoted as it says it.
      expect(await said(page, 'pattern-0-error')).toBe(
        "Le modèle de « Due date » n'est pas une expression régulière valide : RE2 signale « missing closing ) » à « ( ».",
      );
      const banner = await said(page, 'config-errors');
      expect(banner).toContain("Cette configuration n'a pas été enregistrée");
      expect(banner).toContain('Corrigez le champ signalé ci-dessous, puis enregistrez à nouveau.');
      expect(banner).not.toMatch(/pattern|regular expression/);
      await screenshot(page, 'errors-fr-fields-requirement-pattern');
    } finally {
      await clean(forge);
    }
  });

  it('Custom expression: Jira’s refusal is framed in French beside the expression, Jira’s words kept', async () => {
    const forge = await openRule('jira:workflowValidator', 'custom-expression', {
      expression: 'issue.assignee != ',
      message: 'Assignez le ticket.',
    });
    try {
      const { page } = forge;
      await page.locator('#expression').waitFor();
      expect(await forge.onConfigure()).toBeUndefined();
      await page.getByTestId('expression-error').waitFor();
      expect(await said(page, 'expression-error')).toBe(
        'Jira a refusé cette expression : Unexpected end of expression (ligne 1, colonne 16).',
      );
      expect(await said(page, 'config-errors')).toContain(
        'Corrigez le champ signalé ci-dessous, puis enregistrez à nouveau.',
      );
    } finally {
      await clean(forge);
    }
  });

  it('Field value (condition): a comparison the field cannot take is refused in French in the banner', async () => {
    const forge = await openRule('jira:workflowCondition', 'field-value-condition', {
      field: { id: 'customfield_10101', name: 'Severity' },
      operator: 'equals',
      value: 'High',
    });
    try {
      const { page } = forge;
      await page.locator('#test-operator').waitFor();
      await choose(page, 'test-operator', 'est supérieur à');
      expect(await forge.onConfigure()).toBeUndefined();
      await page.getByTestId('config-error').waitFor();
      const banner = await said(page, 'config-error');
      expect(banner).toContain("Cette configuration n'a pas été enregistrée");
      expect(banner).toContain(
        "field : « Severity » ne peut pas être testé avec « est supérieur à » ; il peut l'être avec : « est vide », « n'est pas vide », « est », « n'est pas ». Rien n'a été enregistré.",
      );
      expect(banner).toContain('Code : INVALID_INPUT');
      await screenshot(page, 'errors-fr-field-value-operator');
    } finally {
      await clean(forge);
    }
  });

  it('Comment (post-function): a field placeholder Jira does not know is refused in French beside the template', async () => {
    const forge = await openRule('jira:workflowPostFunction', 'comment', {
      template: 'Gravité : {{field:Sevrity}}',
    });
    try {
      const { page } = forge;
      await page.locator('#template').waitFor();
      expect(await forge.onConfigure()).toBeUndefined();
      await page.getByTestId('template-error').waitFor();
      expect(await said(page, 'template-error')).toBe(
        "Jira n'a aucun champ nommé « Sevrity » visible pour vous : vérifiez l'orthographe, ou choisissez le champ dans la liste.",
      );
      expect(await said(page, 'config-errors')).toContain("Corrigez les paramètres avant d'enregistrer");
    } finally {
      await clean(forge);
    }
  });

  describe('project settings', () => {
    const handler = projectSettingsResolver as unknown as ResolverHandler;

    async function open(site: JiraSite, kvs: MemoryKvs): Promise<ForgePage> {
      const context = pageContext(site, 'opsAdmin', 'OPS');
      return openForgePage({
        distDir,
        host: {
          getContext: () => Promise.resolve({ ...context, localId: 'local-1', locale: 'fr-FR' }),
          invoke: (functionKey, payload) =>
            callResolver(handler, functionKey, payload, context, { site, kvs }),
        },
      });
    }
    const inInvocation = async (site: JiraSite, kvs: MemoryKvs, work: () => Promise<unknown>) => {
      const invocation = startInvocation({ site, kvs });
      try {
        await work();
      } finally {
        invocation.end();
      }
    };

    it('a connection removed meanwhile is refused in French beside the field and in the banner; a conflict is said in French', async () => {
      const { site, kvs } = seedProjects();
      await inInvocation(site, kvs, () =>
        saveConnection({
          id: 'ops-hook',
          name: 'Ops webhook',
          url: 'https://hooks.example.com/ops',
          auth: { kind: 'api-token', scheme: 'bearer' },
        }),
      );
      const forge = await open(site, kvs);
      try {
        const { page } = forge;
        await page.locator('#connections').waitFor();
        await choose(page, 'connections', 'Ops webhook (ops-hook)');
        // The Jira admin removes the connection while this page is open.
        await inInvocation(site, kvs, () => deleteConnection('ops-hook'));
        await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
        await page.getByTestId('connections-error').waitFor();
        expect(await said(page, 'connections-error')).toBe(
          "« ops-hook » n'est pas une connexion configurée par votre administrateur Jira sur la page d'administration de Workflow Guard.",
        );
        await page.getByText("Impossible d'enregistrer les paramètres").waitFor();
        const body = (await page.locator('body').innerText()).replace(/\s+/g, ' ');
        expect(body).toContain(
          "Requête non valide : settings.defaults.connections : « ops-hook » n'est pas une connexion configurée",
        );
        await screenshot(page, 'errors-fr-project-settings-connection');

        // Another admin saves first: the conflict is said in French, naming them.
        await page.getByRole('button', { name: 'Annuler les modifications' }).click();
        const other = await callResolver(
          handler,
          'saveProjectSettings',
          {
            expectedRevision: 0,
            settings: {
              disabledRules: [],
              defaults: {
                actor: 'app',
                allowAppFallback: false,
                reportFailureOnIssue: false,
                connections: [],
              },
            },
          },
          pageContext(site, 'jiraAdmin', 'OPS'),
          { site, kvs },
        );
        expect(other).toMatchObject({ ok: true });
        await choose(page, 'rule-comment', 'Désactivée');
        await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
        await page.getByText("Quelqu'un d'autre a modifié ces paramètres").waitFor();
        expect(
          await page
            .getByText(
              /^Vos modifications n'ont pas été enregistrées : ces paramètres ont été modifiés par Jo Jira-Admin le \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC \(révision 1\) après leur ouverture\./,
            )
            .count(),
        ).toBe(1);
        expect(forge.pageErrors).toEqual([]);
      } finally {
        await forge.close();
      }
    });
  });
});
