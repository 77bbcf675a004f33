import type { Page } from 'playwright-core';
import { seedIssueCreation, seedSubTasks } from '../support/seed';
import { screenshot, type ForgePage } from './index';
import { choose, clean, optionsOf as options, appScreens, type RuleModule } from './app-screens';

type Seeded = ReturnType<typeof seedIssueCreation>;

/**
 * The rule configuration screens as a French-speaking Jira admin reads them: the context says `fr-FR`, and the
 * screens' labels, choices, help, field errors, summaries and the expression tester come from locales/fr-FR.json.
 * Jira's side of the bridge is stood in; `invoke` reaches the real configuration resolver as the admin `dev`.
 */
describe('rule configuration screens in French', () => {
  const screens = appScreens();

  function open(
    type: RuleModule,
    moduleKey: string,
    entryPoint: 'create' | 'edit' | 'view',
    config?: unknown,
    seed: () => Seeded = seedIssueCreation,
  ): Promise<ForgePage> {
    const { site, kvs } = seed();
    site.assignRole('OPS', 'Developers', 'dev');
    // Workflows are edited by Jira admins: roles and workflows are theirs to read.
    site.grant('ADMINISTER', { accountId: 'dev' });
    site.grant('BROWSE_PROJECTS', { accountId: 'dev', projectKey: 'OPS' });
    return screens.open({ type, moduleKey, entryPoint, config, site, kvs, locale: 'fr-FR' });
  }

  /** What a person reads: paragraph breaks as single spaces. */
  const bodyText = async (page: Page) => (await page.locator('body').innerText()).replace(/\s+/g, ' ');

  it('Validator (fields requirement): labels, choices and the banner in French', async () => {
    const forge = await open('jira:workflowValidator', 'fields-requirement', 'edit', {
      requirements: [{ fieldId: 'duedate', fieldName: 'Due date', condition: 'matches', pattern: '(' }],
    });
    try {
      const { page } = forge;
      await page.locator('#pattern-0').waitFor();
      const text = await bodyText(page);
      expect(text).toContain(
        'Exigences sur les champs : bloque la transition tant que les champs que vous choisissez ne sont pas renseignés ou ne correspondent pas à un modèle.',
      );
      expect(text).toContain('Les champs obligatoires sont signalés par un astérisque');
      expect(await page.locator('label[for="field-0"]').innerText()).toMatch(/^Champ 1\s*\*$/);
      expect(await page.locator('label[for="pattern-0"]').innerText()).toMatch(
        /^Modèle \(expression régulière\)/,
      );
      expect(text).toContain('Par exemple ^[A-Z]+-\\d+$ pour une clé de ticket.');
      expect(await page.locator('code', { hasText: '^[A-Z]+-\\d+$' }).count()).toBe(1);
      expect(await options(page, 'condition-0')).toEqual(['est renseigné', 'correspond à un modèle']);
      expect(await options(page, 'failurePolicy')).toEqual([
        'Bloquer la transition (plus sûr)',
        'Autoriser la transition',
      ]);
      await page.getByRole('button', { name: 'Ajouter un champ' }).waitFor();

      expect(await forge.onConfigure()).toBeUndefined();
      const banner = page.getByTestId('config-errors');
      await banner.waitFor();
      expect(await banner.innerText()).toContain("Cette configuration n'a pas été enregistrée");
      expect(await banner.innerText()).toContain(
        'Corrigez le champ signalé ci-dessous, puis enregistrez à nouveau.',
      );
      await screenshot(page, 'validator-fields-requirement-fr');
    } finally {
      await clean(forge);
    }
  });

  it('Condition (related issues): Jira’s status categories and the help in French', async () => {
    const forge = await open('jira:workflowCondition', 'related-status-condition', 'create');
    try {
      const { page } = forge;
      await page.getByText("Jira les vérifie lui-même chaque fois qu'il liste les transitions").waitFor();
      expect(await bodyText(page)).toContain(
        'Tickets associés dans un statut (condition) : ne propose la transition que si',
      );
      expect(await page.locator('label[for="kinds"]').innerText()).toMatch(
        /^Tickets associés à vérifier\s*\*$/,
      );
      expect(await options(page, 'requiredCategory')).toEqual(['Terminé', 'En cours', 'À faire']);
      await choose(page, 'kinds', 'Sous-tâches');
      await choose(page, 'kinds', 'Tickets liés : « is blocked by » (Blocks)');
      await screenshot(page, 'condition-related-status-fr');
      expect(JSON.parse((await forge.onConfigure()) ?? 'null')).toMatchObject({
        requiredCategory: 'done',
        subtasks: true,
        links: [{ linkType: 'Blocks', direction: 'is blocked by' }],
      });
    } finally {
      await clean(forge);
    }
  });

  it('Post-function (assign): choices, zod’s and the schema’s field errors, and the summary in French', async () => {
    const forge = await open('jira:workflowPostFunction', 'assign', 'create');
    try {
      const { page } = forge;
      await page.locator('#target').waitFor();
      expect(await bodyText(page)).toContain(
        "Attribuer : attribue le ticket après la transition, uniquement à une personne à qui Jira permet de l'attribuer.",
      );
      expect(await options(page, 'target')).toEqual([
        'Le rapporteur',
        "L'utilisateur indiqué dans un champ",
        "Un membre d'un rôle de projet",
        'Le responsable précédent',
        "Personne (retirer l'attribution)",
      ]);
      await choose(page, 'target', "Un membre d'un rôle de projet");
      expect(await forge.onConfigure()).toBeUndefined();
      await page.getByTestId('roleId-error').waitFor();
      expect(await page.getByTestId('roleId-error').textContent()).toBe('Choisissez le rôle de projet.');
      expect(await page.getByTestId('config-errors').innerText()).toContain(
        "Corrigez les paramètres avant d'enregistrer",
      );
      await screenshot(page, 'post-function-assign-fr');
      await choose(page, 'roleId', 'Developers');
      await choose(page, 'roleStrategy', 'Les membres à tour de rôle');
      const saved = JSON.parse((await forge.onConfigure()) ?? 'null') as Record<string, unknown>;
      expect(saved).toMatchObject({ target: 'role', roleName: 'Developers', roleStrategy: 'round-robin' });

      const view = await open('jira:workflowPostFunction', 'assign', 'view', {
        ...saved,
        onlyIf: 'issue.priority != null',
      });
      await view.page.getByTestId('rule-summary').waitFor();
      const summary = await view.page.getByTestId('rule-summary').textContent();
      expect(summary).toContain('Attribue le ticket aux membres de Developers à tour de rôle.');
      expect(summary).toContain('Seulement si issue.priority != null est vraie.');
      await clean(view);
    } finally {
      await clean(forge);
    }
  });

  it('Post-function (set fields): actions, labels, the placeholder picker and the summary in French', async () => {
    const forge = await open('jira:workflowPostFunction', 'set-fields', 'create');
    try {
      const { page } = forge;
      await page.locator('#op-0').waitFor();
      expect(await bodyText(page)).toContain(
        'Définir des champs : définit, copie ou vide des champs du ticket après la transition, en une seule modification.',
      );
      expect(await options(page, 'op-0')).toEqual(['Définir à', 'Copier depuis le champ', 'Vider']);
      expect(await bodyText(page)).toContain(
        'Insérer la valeur d’un champ (affichée en texte ; « {{field:Name}} » désigne un champ',
      );
      await page.getByRole('button', { name: 'Ajouter un champ' }).click();
      expect(await bodyText(page)).toContain('Modification 2');
      await page.getByRole('button', { name: 'Supprimer la modification 2' }).waitFor();

      const view = await open('jira:workflowPostFunction', 'set-fields', 'view', {
        operations: [
          { op: 'set', field: 'labels', value: 'audited' },
          { op: 'clear', field: 'priority' },
        ],
      });
      await view.page.getByTestId('rule-summary').waitFor();
      expect(await view.page.getByTestId('rule-summary').textContent()).toMatch(
        /définit labels à « audited » ; vide priority\./i,
      );
      await clean(view);
    } finally {
      await clean(forge);
    }
  });

  it('Post-function (notify): a missing value is said by zod’s error map in French', async () => {
    const forge = await open('jira:workflowPostFunction', 'notify', 'create');
    try {
      const { page } = forge;
      await page
        .getByText('Paramètres Jira › Applications › Workflow Guard › Secrets et connexions')
        .waitFor();
      expect(await page.locator('label[for="connectionId"]').innerText()).toMatch(/^Connexion\s*\*$/);
      expect(await forge.onConfigure()).toBeUndefined();
      await page
        .getByTestId('connectionId-error')
        .getByText('Ce champ est obligatoire.', { exact: true })
        .waitFor();
      await screenshot(page, 'post-function-notify-fr');
    } finally {
      await clean(forge);
    }
  });

  it('Post-function (link issues): the JQL help keeps {{issue.key}} as code and formats the limit', async () => {
    const forge = await open('jira:workflowPostFunction', 'link-issues', 'create');
    try {
      const { page } = forge;
      await page.locator('#jql').waitFor();
      expect(await bodyText(page)).toContain(
        '{{issue.key}} désigne le ticket ayant fait la transition. Au plus 50 tickets ;',
      );
      expect(await page.locator('code', { hasText: '{{issue.key}}' }).count()).toBe(1);
      // The JQL is checked once the link type is there (the schema's refinement runs on a complete object).
      expect(await forge.onConfigure()).toBeUndefined();
      expect(await page.getByTestId('linkType-error').textContent()).toBe('Ce champ est obligatoire.');
      await choose(page, 'linkType', 'Relates (relates to / relates to)');
      expect(await forge.onConfigure()).toBeUndefined();
      expect(await page.getByTestId('jql-error').textContent()).toBe(
        'Écrivez la requête JQL qui trouve les tickets à lier.',
      );
    } finally {
      await clean(forge);
    }
  });

  it('Post-function (transition related issues): workflows and statuses listed the French way', async () => {
    const forge = await open('jira:workflowPostFunction', 'transition-related', 'create', undefined, () => {
      const seeded = seedSubTasks();
      seeded.site.addWorkflow({
        name: 'Sub-task workflow',
        statuses: [
          { name: 'To Do', category: 'new' },
          { name: 'Done', category: 'done' },
        ],
        transitions: [{ id: '31', name: 'Done', from: ['To Do'], to: 'Done' }],
        projects: ['OPS'],
        issueTypes: ['Subtask'],
      });
      return seeded;
    });
    try {
      const { page } = forge;
      await page.locator('#transitionName').waitFor();
      expect(await options(page, 'transitionName')).toContain(
        'Done — dans les workflows Default Workflow et Sub-task workflow',
      );
      await choose(page, 'transitionName', 'Done — dans les workflows Default Workflow et Sub-task workflow');
      expect(await page.getByTestId('transitionName-help').textContent()).toMatch(
        /^Les tickets aux? statuts? .+ sont déplacés directement/,
      );
      await screenshot(page, 'post-function-transition-related-fr');
    } finally {
      await clean(forge);
    }
  });

  it('Expression tester: the result, the value and the run-time note in French', async () => {
    const forge = await open('jira:workflowValidator', 'custom-expression', 'create');
    try {
      const { page } = forge;
      await page.locator('#expression').fill('issue.summary');
      expect(await bodyText(page)).toContain(
        'Par exemple issue.assignee != null. Disponibles : issue, originalIssue, user (qui effectue la transition), project, transition, workflow, config.',
      );
      const tester = page.getByTestId('expression-tester');
      expect(await tester.innerText()).toContain('Tester sur un ticket');
      expect(await tester.innerText()).toContain(
        "Évaluée en votre nom, pour ce test. Quand quelqu'un effectue la transition, Jira l'évalue pour cet utilisateur",
      );
      await page.locator('#expression-tester-issue').fill('OPS-1');
      await page
        .getByRole('option', { name: /^OPS-1 / })
        .first()
        .click();
      await page.getByRole('button', { name: "Tester l'expression" }).click();
      const result = page.getByTestId('expression-tester-result');
      await result.getByText('ni vrai ni faux').waitFor();
      expect((await result.innerText()).replace(/\s+/g, ' ')).toMatch(
        /^Résultat pour OPS-1 : ni vrai ni faux Valeur : ".+"$/,
      );
      await screenshot(page, 'validator-custom-expression-tester-fr');
    } finally {
      await clean(forge);
    }
  });
});
