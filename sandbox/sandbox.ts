import { randomUUID } from 'node:crypto';
import type { AuditEntry } from '../src/audit/entry';
import { readStoredEntry } from '../src/audit/stored-entry';
import { entryView } from '../src/pages/admin/executions';
import { storageKeys } from '../src/access/storage-keys';
import {
  adfToText,
  expressionFailedEvent,
  forgeModuleOf,
  takeSentExpressionFailures,
  transitionsAllowed,
  type ExpressionFailedEvent,
  type JiraSite,
} from '../test/emulator';
import {
  evaluateValidatorExpression,
  configuredExpression,
  manifestExpressionValidator,
} from '../test/emulator/expression-validator';
import {
  buildPostFunctionEvent,
  callResolver,
  egressApprovalsOf,
  MemoryKvs,
  readManifestPermissions,
  runPlatformRetry,
  runTrigger,
  runValidator,
  withInvocation,
} from '../test/harness';
import { hostTheme, type ColorMode } from '../test/browser/theme-host';
import { DEFAULT_CLIENT, loopbackFetch, startThirdParty, type ThirdParty } from '../test/third-party';
import { saveConnection, setConnectionSecret } from '../src/connections/store';
import { projectSettingsStore } from '../src/settings/for-rules';
import { DEFAULT_PROJECT_SETTINGS } from '../src/settings/model';
import { forgetLocales } from '../src/access/texts';
import { loadAppModules, titleIn, type AppModule, type ForgeHandler } from './app-modules';
import { DEMO_USERS, forgeRule, moduleKeyOf, seedDemoSite } from './demo';

/** A Custom UI page open in the sandbox: which module, for whom, and (for rule screens) which rule. */
interface Frame {
  moduleKey: string;
  accountId: string;
  extension: Record<string, unknown>;
  rule?: { transitionId: string; list: RuleList; index: number };
}

type RuleList = 'validators' | 'postFunctions' | 'conditions';

export const LICENCES = ['none', 'active', 'inactive'] as const;
/** The languages the app has catalogues for (manifest `translations`). */
export const LANGUAGES = ['en-US', 'fr-FR'] as const;
export type Language = (typeof LANGUAGES)[number];
export type Licence = (typeof LICENCES)[number];

/** Where a workflow keeps each kind of rule module. */
const RULE_LISTS: Partial<Record<string, RuleList>> = {
  'jira:workflowValidator': 'validators',
  'jira:workflowCondition': 'conditions',
  'jira:workflowPostFunction': 'postFunctions',
};

/** How the sandbox page names a rule of the workflow (public/jira.js). */
const label = (rule: { title: string; transitionName: string }) =>
  `${rule.title} on “${rule.transitionName}”`;

/** Where Jira hands a rule screen its saved configuration (workflow validator, post-function and condition pages). */
const CONFIG_KEYS: Readonly<Record<RuleList, string>> = {
  validators: 'validatorConfig',
  postFunctions: 'postFunctionConfig',
  conditions: 'conditionConfig',
};

export type FaultKind = 'rate-limit-storm' | 'missing-scope' | 'server-errors' | 'revoked-token' | 'clear';

/** What a Jira admin might change under the rules, for the health check to find (and the change undone). */
export type Breakage = 'rename-group' | 'revoke-bot-permission' | 'restore';

/** The Notify connection of the demo: OAuth 2.0 client credentials against the loopback stand-in service. */
export const DEMO_CONNECTION = 'demo-webhook';

/** The platform's part, played on this machine: the production handlers run through the Forge harness. */
export class Sandbox {
  readonly site: JiraSite = seedDemoSite();
  private broken = new Set<Exclude<Breakage, 'restore'>>();
  readonly kvs = new MemoryKvs();
  readonly modules = loadAppModules();
  private readonly manifest = readManifestPermissions();
  private scopes = [...this.manifest.scopes];
  private readonly frames = new Map<string, Frame>();
  private queue: Promise<unknown> = Promise.resolve();
  /** `avi:jira:failed:expression` events of the expression validators the sandbox ran (Jira's part), not yet sent. */
  private validatorFailures: ExpressionFailedEvent[] = [];

  private constructor(private readonly thirdParty: ThirdParty) {}

  /**
   * The demo site, plus a third-party service on loopback that Notify posts to. A Jira admin has set up the
   * connection (client id and secret) and the project admin of OPS and WEB allowed it, as they would on the pages.
   * Its hosts are not approved yet: the Jira admin approves them on the admin page (Secrets and connections), in
   * the consent dialog Forge would show; until then Notify sends nothing and says why.
   */
  static async create(): Promise<Sandbox> {
    const sandbox = new Sandbox(await startThirdParty());
    await sandbox.install();
    await sandbox.connectDemoService();
    return sandbox;
  }

  /** What Forge sends when an admin installs the app: the admin page's log starts with it. */
  private async install() {
    const module = this.module('app-installed');
    if (!module.handler) throw new Error('The app has no function for its app-installed trigger');
    await runTrigger(
      module.handler as Parameters<typeof runTrigger>[0],
      // The payload of https://developer.atlassian.com/platform/forge/events-reference/life-cycle/.
      { id: randomUUID(), installerAccountId: 'ada-admin', app: { id: randomUUID(), version: '1.0.0' } },
      this.options(),
    );
  }

  private async connectDemoService() {
    const url = this.thirdParty.url;
    await withInvocation({ ...this.options('ada-admin') }, async () => {
      await saveConnection({
        id: DEMO_CONNECTION,
        name: 'Demo webhook (OAuth client credentials)',
        url: `${url}/hooks/issue-transitioned`,
        auth: {
          kind: 'oauth-client-credentials',
          tokenUrl: `${url}/oauth/token`,
          clientId: DEFAULT_CLIENT.clientId,
        },
      });
      await setConnectionSecret(DEMO_CONNECTION, DEFAULT_CLIENT.clientSecret, 'ada-admin');
      for (const project of this.site.projects.values()) {
        await projectSettingsStore.save(project, {
          expectedRevision: 0,
          settings: {
            ...DEFAULT_PROJECT_SETTINGS,
            defaults: { ...DEFAULT_PROJECT_SETTINGS.defaults, connections: [DEMO_CONNECTION] },
          },
          accountId: 'ada-admin',
        });
      }
    });
  }

  close(): Promise<void> {
    return this.thirdParty.close();
  }

  /**
   * The harness binds one invocation at a time: platform work is serialised. Expression failures Jira noticed during
   * the work are delivered after it, as Forge delivers events: asynchronously, once the request that caused them is
   * over.
   */
  private serial<T>(work: () => Promise<T>): Promise<T> {
    const run = () => work().finally(() => this.sendExpressionFailures());
    const next = this.queue.then(run, run);
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Settles once the platform work queued so far, events' deliveries included, is over. */
  delivered(): Promise<void> {
    return this.queue.then(() => undefined);
  }

  /**
   * Sends the app every `avi:jira:failed:expression` event Jira has for it (its conditions' from the emulator, its
   * validators' from this sandbox) through the app's trigger (manifest `expression-failed`), queued after the work
   * under way: Jira sends the event "when a Jira expression fails to evaluate" and it "will only reach the app that
   * registered the failing expression"
   * (https://developer.atlassian.com/platform/forge/events-reference/jira/#expression-evaluation-failed). The page's
   * next call to the app (serialised behind them) sees what the app recorded.
   */
  private sendExpressionFailures() {
    const events = [...takeSentExpressionFailures(this.site), ...this.validatorFailures];
    this.validatorFailures = [];
    if (!events.length) return;
    const module = this.module('expression-failed');
    const handler = module.handler;
    if (!handler) throw new Error('The app has no function for its expression-failed trigger');
    const deliver = async () => {
      for (const event of events)
        await runTrigger(handler as Parameters<typeof runTrigger>[0], event, this.options());
    };
    const next = this.queue.then(deliver, deliver);
    // A trigger that throws is the app's failure to record, which Forge would log: the sandbox logs it too.
    this.queue = next.catch((error: unknown) =>
      console.error('The app failed to record an expression failure:', error),
    );
  }

  /**
   * The app's licence on this installation: none (a development or staging install, or a free app), or a paid
   * production install's, active or not (src/access/licence.ts says what an inactive one turns off).
   */
  private licence: Licence = 'none';

  /** The sandbox's licence switch: functions and pages see it as Forge would give it. */
  setLicence(licence: Licence) {
    if (!LICENCES.includes(licence)) throw new Error(`Unknown licence state: ${String(licence)}`);
    this.licence = licence;
    return { licence };
  }

  /** The language of everyone on the demo site, as Jira knows it (each person's preference and the site's default). */
  private language: Language = 'en-US';

  /**
   * The sandbox's language switch. Pages get it from `view.getContext().locale`; functions are given none ("A
   * user's locale information is not directly available to Forge functions", runtime-reference/i18n) and learn it
   * from Jira, which now answers it for every person and as the site's default. The app keeps what it learnt for a
   * while (LOCALE_CACHE_MS); the switch has it forget, as if that time had passed.
   */
  setLanguage(language: Language) {
    if (!LANGUAGES.includes(language)) throw new Error(`Unknown language: ${String(language)}`);
    this.language = language;
    const jira = language.replace('-', '_');
    this.site.defaultLocale = jira;
    for (const user of this.site.users.values()) if (user.accountType === 'atlassian') user.locale = jira;
    forgetLocales();
    return { language };
  }

  /** A module's name as Jira shows it in the demo's language. */
  private titleOf(module: AppModule): string {
    return titleIn(module, this.language);
  }

  private options(accountId?: string) {
    return {
      ...(this.licence === 'none' ? {} : { license: { isActive: this.licence === 'active' } }),
      site: this.site,
      kvs: this.kvs,
      scopes: this.scopes,
      impersonationScopes: this.manifest.impersonationScopes.filter((s) => this.scopes.includes(s)),
      // Where fetch lands once Forge let it out: the manifest's egress, or hosts approved at run time through the
      // bridge (egressApprovalsOf(this.site), changed only by the consent dialog).
      externalFetch: loopbackFetch,
      ...(accountId ? { accountId } : {}),
    };
  }

  private module(key: string): AppModule {
    const found = this.modules.get(key);
    if (!found) throw new Error(`The app has no module "${key}"`);
    return found;
  }

  /** The page as `accountId` sees it: each issue offers only the transitions that person may make. */
  state(accountId?: string) {
    const issues = [...this.site.issues.values()].map((record) => {
      const issue = this.site.issue(record.key);
      return {
        key: issue.key,
        projectKey: issue.projectKey,
        summary: issue.summary,
        status: issue.status,
        description: adfToText(issue.fields.description),
        fields: this.fieldsShown(issue),
        comments: issue.comments.map((c) => ({
          author: this.site.users.get(c.author)?.displayName ?? c.author,
          text: c.text,
        })),
        transitions: this.transitionsOf(accountId, record.key).map((t) => ({
          id: t.id,
          name: t.name,
          rules: [
            ...t.conditions.map((r, index) => ({ list: 'conditions', index, moduleKey: moduleKeyOf(r) })),
            ...t.validators.map((r, index) => ({ list: 'validators', index, moduleKey: moduleKeyOf(r) })),
            ...t.postFunctions.map((r, index) => ({
              list: 'postFunctions',
              index,
              moduleKey: moduleKeyOf(r),
            })),
          ],
        })),
      };
    });
    // Listing each issue's transitions evaluated their conditions: Jira tells the app of any it could not evaluate.
    this.sendExpressionFailures();
    return {
      users: DEMO_USERS,
      workflowRules: this.workflowRules(),
      ...this.ruleChoices(),
      projects: [...this.site.projects.values()].map((p) => ({
        id: p.id,
        key: p.key,
        name: p.name,
        style: p.style,
      })),
      issues,
      scopes: this.scopes,
      // As the app's own pages show them: people by name (the entries keep account ids).
      audit: this.auditEntries()
        .slice(0, 15)
        .map((entry) => ({
          ...entry,
          summary: this.named(entry.summary),
          ...(entry.error ? { error: { ...entry.error, message: this.named(entry.error.message) } } : {}),
        })),
      // Notifications the service accepted (it also records the ones it refused, e.g. with a revoked token).
      notifications: this.thirdParty.state.received.filter(
        (r) => r.path.startsWith('/hooks/') && r.status < 300,
      ).length,
    };
  }

  /** The issue's fields as the issue view lists them, by name, so that a rule that sets one shows its effect. */
  private fieldsShown(issue: ReturnType<JiraSite['issue']>) {
    const person = (accountId?: string) =>
      accountId ? (this.site.users.get(accountId)?.displayName ?? accountId) : 'Unassigned';
    const shown = [
      { name: 'Assignee', value: person(issue.assignee) },
      { name: 'Reporter', value: issue.reporter ? person(issue.reporter) : 'None' },
    ];
    for (const [id, value] of Object.entries(issue.fields)) {
      if (id === 'summary' || id === 'description') continue;
      shown.push({ name: this.site.fieldDefs.get(id)?.name ?? id, value: fieldText(value) });
    }
    return shown;
  }

  /**
   * What Jira's issue view offers the person: GET /rest/api/3/issue/{issueIdOrKey}/transitions lists no transition
   * without "Transition issues", nor one whose conditions are false for them (emulator handlers/transitions.ts,
   * expression-condition.ts), and the issue view offers the same list.
   */
  private transitionsOf(accountId: string | undefined, issueKey: string) {
    const record = this.site.requireIssue(issueKey);
    return accountId && this.site.can(accountId, 'TRANSITION_ISSUES', record.projectKey)
      ? transitionsAllowed(this.site, record, accountId)
      : [];
  }

  /**
   * Every Workflow Guard rule of the demo workflow, as the workflow editor lists them: all transitions, whatever the
   * issues' statuses, named by the rule's title, in a fixed order (by the label the page shows: title, then
   * transition).
   */
  private workflowRules() {
    const workflow = this.site.workflows.get('Guarded workflow');
    return (workflow?.transitions ?? [])
      .flatMap((t) =>
        (['conditions', 'validators', 'postFunctions'] as const).flatMap((list) =>
          t[list].flatMap((rule, index) => {
            const moduleKey = moduleKeyOf(rule);
            const module = moduleKey ? this.modules.get(moduleKey) : undefined;
            return module
              ? [
                  {
                    transitionId: t.id,
                    transitionName: t.name,
                    list,
                    index,
                    moduleKey,
                    title: this.titleOf(module),
                  },
                ]
              : [];
          }),
        ),
      )
      .sort((a, b) => label(a).localeCompare(label(b)));
  }

  /**
   * What the workflow editor offers when adding a rule: each transition of the demo workflow, and each of the app's
   * validators, conditions and post-functions by title (every one, whether or not the demo uses it yet).
   */
  private ruleChoices() {
    const workflow = this.site.workflows.get('Guarded workflow');
    return {
      workflowTransitions: (workflow?.transitions ?? []).map((t) => ({ id: t.id, name: t.name })),
      ruleModules: [...this.modules.values()]
        .flatMap((m) => {
          const list = RULE_LISTS[m.type];
          return list ? [{ moduleKey: m.key, title: this.titleOf(m), list }] : [];
        })
        .sort((a, b) => a.title.localeCompare(b.title)),
    };
  }

  private named(text: string): string {
    return DEMO_USERS.reduce((said, user) => said.split(user.accountId).join(user.displayName), text);
  }

  private auditEntries(): AuditEntry[] {
    return Object.entries(this.kvs.snapshot().kvs)
      .filter(([key]) => key.startsWith(storageKeys.auditPrefix))
      .sort(([a], [b]) => a.localeCompare(b))
      .flatMap(([key, value]) => readStoredEntry(value, key) ?? []);
  }

  /** Runs a transition as Jira does: validators first, then the transition, then post-functions. */
  transition(input: { accountId: string; issueKey: string; transitionId: string; description?: string }) {
    return this.serial(async () => {
      const record = this.site.requireIssue(input.issueKey);
      const transition = this.transitionsOf(input.accountId, input.issueKey).find(
        (t) => t.id === input.transitionId,
      );
      if (!transition)
        return {
          ok: false,
          messages: [
            `You cannot make this transition on ${input.issueKey}: it is not available from its status, a condition hides it from you, or you lack the Jira permission "Transition issues" in its project.`,
          ],
        };
      const modifiedFields =
        input.description === undefined
          ? {}
          : {
              description: {
                type: 'doc',
                version: 1,
                content: input.description
                  ? [{ type: 'paragraph', content: [{ type: 'text', text: input.description }] }]
                  : [],
              },
            };
      const from = this.site.requireStatus(record.status).id;
      const to = this.site.requireStatus(transition.to).id;
      const messages: string[] = [];
      const firstCall = this.site.calls.length;
      for (const rule of transition.validators) {
        const module = this.module(moduleKeyOf(rule) ?? '');
        if (!module.handler) {
          // An expression validator: Jira evaluates it itself, as the transitioning user, with the screen's edits.
          const validator = manifestExpressionValidator(module.key);
          const config = rule.parameters?.config ?? '{}';
          const verdict = evaluateValidatorExpression(this.site, {
            ...validator,
            config,
            issueKey: input.issueKey,
            transitionId: transition.id,
            accountId: input.accountId,
            screenEdits: modifiedFields,
          });
          if (!verdict.result) messages.push(verdict.errorMessage);
          // Jira counts a validator it could not evaluate as false and tells the app (sendExpressionFailures).
          const app = forgeModuleOf(rule);
          if (!verdict.result && verdict.failure && app)
            this.validatorFailures.push(
              expressionFailedEvent(this.site, {
                app,
                moduleKey: module.key,
                rule,
                expression: configuredExpression(JSON.parse(config), validator.expression) ?? '',
                failure: verdict.failure,
                issueKey: input.issueKey,
                accountId: input.accountId,
                at: this.site.clock(),
              }),
            );
          continue;
        }
        const result = await runValidator(
          module.handler as Parameters<typeof runValidator>[0],
          {
            issue: { key: input.issueKey },
            configuration: rule.parameters?.config ?? '{}',
            transition: { from: { id: from }, to: { id: to }, modifiedFields },
          },
          this.options(),
        );
        if (!result.result)
          messages.push(result.errorMessage ?? `${this.titleOf(module)} blocked the transition.`);
      }
      if (messages.length) return { ok: false, messages };
      const response = await this.site.handle(
        { kind: 'user', accountId: input.accountId },
        `/rest/api/3/issue/${input.issueKey}/transitions`,
        {
          method: 'POST',
          body: JSON.stringify({
            transition: { id: transition.id },
            ...(input.description !== undefined ? { fields: modifiedFields } : {}),
          }),
        },
      );
      if (!response.ok) return { ok: false, messages: [await refusalText(response)] };
      const executionId = randomUUID();
      const postFunctions = [];
      for (const rule of transition.postFunctions) {
        const module = this.module(moduleKeyOf(rule) ?? '');
        if (!module.handler) continue;
        const event = buildPostFunctionEvent(this.site, {
          issueKey: input.issueKey,
          transitionId: transition.id,
          atlassianId: input.accountId,
          configuration: rule.parameters?.config ?? '{}',
          executionId,
          postFunctionId: rule.id ?? module.key,
        });
        const before = new Set(this.auditEntries().map((entry) => entry.id));
        // Platform retries are delivered at once here: the sandbox shows them instead of waiting.
        const report = await runPlatformRetry(
          module.handler as Parameters<typeof runPlatformRetry>[0],
          event,
          this.options(),
        );
        // The outcome is the one the app recorded: its newest audit entry of these deliveries (newest first).
        const recorded = this.auditEntries().find(
          (entry) => !before.has(entry.id) && entry.module === 'post-function',
        );
        postFunctions.push({
          rule: this.titleOf(module),
          deliveries: report.deliveries.length,
          outcome: recorded?.outcome ?? 'not recorded',
          ...(recorded?.fallback ? { fallback: true } : {}),
          // Who acted, as the admin page says it, for a post-function acting as the user in a field.
          ...(recorded?.actingFor ? { actedAs: this.named(entryView(recorded).actor) } : {}),
          summary: this.named(recorded?.summary ?? 'The app wrote no audit entry for this delivery.'),
          ...(recorded?.error ? { error: recorded.error.message } : {}),
        });
      }
      // What Jira answered the app during this transition, so a person sees the app cope with injected faults.
      const calls = this.site.calls.slice(firstCall);
      const jira = { calls: calls.length, rateLimited: calls.filter((c) => c.status === 429).length };
      return { ok: true, messages: [], postFunctions, jira };
    });
  }

  /** A Custom UI page (admin, project settings or a rule screen) opened by a user. */
  openFrame(input: {
    moduleKey: string;
    accountId: string;
    projectKey?: string;
    transitionId?: string;
    list?: RuleList;
    index?: number;
  }) {
    const module = this.module(input.moduleKey);
    this.mayOpen(module, input.accountId, input.projectKey);
    const extension: Record<string, unknown> = { type: module.type };
    let rule: Frame['rule'];
    if (input.projectKey) {
      const project = this.site.requireProject(input.projectKey);
      extension.project = { id: project.id, key: project.key, type: 'software' };
    }
    if (input.transitionId && input.list) {
      const transition = this.workflowTransition(input.transitionId);
      const existing = transition[input.list][input.index ?? -1];
      rule = {
        transitionId: input.transitionId,
        list: input.list,
        index: input.index ?? transition[input.list].length,
      };
      extension.entryPoint = existing ? 'edit' : 'create';
      const config = existing?.parameters?.config;
      if (config) extension[CONFIG_KEYS[input.list]] = config;
      extension.isNewEditor = true;
      extension.transitionContext = { id: transition.id, name: transition.name };
    }
    const id = randomUUID();
    this.frames.set(id, {
      moduleKey: module.key,
      accountId: input.accountId,
      extension,
      ...(rule ? { rule } : {}),
    });
    return {
      frameId: id,
      url: `/app/index.html?frame=${id}`,
      ...(extension.entryPoint ? { entryPoint: extension.entryPoint } : {}),
    };
  }

  /**
   * Jira shows a page only to who may reach where it lives: Jira settings › Apps (jira:adminPage) and the workflow
   * editor's rule screens to Jira admins, Project settings (jira:projectSettingsPage) to admins of that project
   * (https://developer.atlassian.com/platform/forge/manifest-reference/modules/jira-admin-page/,
   * .../jira-project-settings-page/).
   */
  private mayOpen(module: AppModule, accountId: string, projectKey?: string) {
    const name = this.site.users.get(accountId)?.displayName ?? 'This person';
    const jiraAdmin = this.site.can(accountId, 'ADMINISTER');
    if (module.type === 'jira:adminPage' && !jiraAdmin)
      throw new Error(
        `${name} is not a Jira admin, so Jira does not show them the app's page in Jira settings › Apps.`,
      );
    if (module.type.startsWith('jira:workflow') && !jiraAdmin)
      throw new Error(`${name} is not a Jira admin, so Jira does not let them change the workflow's rules.`);
    if (
      module.type === 'jira:projectSettingsPage' &&
      !jiraAdmin &&
      !(projectKey && this.site.can(accountId, 'ADMINISTER_PROJECTS', projectKey))
    )
      throw new Error(
        `${name} is not an admin of project ${projectKey ?? ''}, so Jira does not show them its project settings.`,
      );
  }

  private workflowTransition(transitionId: string) {
    const workflow = this.site.workflows.get('Guarded workflow');
    const transition = workflow?.transitions.find((t) => t.id === transitionId);
    if (!transition) throw new Error(`No transition ${transitionId} in the demo workflow`);
    return transition;
  }

  /** What Jira does with the string a rule screen's onConfigure callback returned. */
  saveRuleConfiguration(frameId: string, configuration: string) {
    const frame = this.frames.get(frameId);
    if (!frame?.rule) throw new Error('This page is not a workflow rule screen');
    const rule = frame.rule;
    let added = false;
    // Saving a rule edits the workflow: Jira gives it a new version, which the health check reads again.
    this.site.editWorkflow('Guarded workflow', () => {
      const transition = this.workflowTransition(rule.transitionId);
      added = rule.index >= transition[rule.list].length;
      // A new rule goes last; saving again from the same screen updates it (the editor's screen now edits it).
      if (added) rule.index = transition[rule.list].length;
      transition[rule.list][rule.index] = forgeRule(frame.moduleKey, JSON.parse(configuration));
    });
    return { saved: true, added, index: rule.index };
  }

  /** Bridge calls from a Custom UI page: the parts of Jira's iframe host the app uses. */
  bridge(frameId: string, name: string, payload: unknown, colorMode: ColorMode) {
    const frame = this.frames.get(frameId);
    if (!frame) return Promise.reject(new Error('Unknown page: reopen it from the sandbox'));
    switch (name) {
      case 'getContext':
        return Promise.resolve({
          accountId: frame.accountId,
          moduleKey: frame.moduleKey,
          extension: frame.extension,
          localId: frameId,
          locale: this.language,
          // @forge/bridge's context names it `active` (out/types.d.ts LicenseDetails).
          ...(this.licence === 'none' ? {} : { license: { active: this.licence === 'active' } }),
        });
      case 'enableTheming':
        return hostTheme(colorMode);
      // router.open / router.navigate of @forge/bridge: Jira would open its own page (the sandbox has none).
      case 'navigate':
        return Promise.resolve();
      case '__permission__egressGet':
        return Promise.resolve(egressApprovalsOf(this.site).bridgeCall(name, payload));
      case '__permission__egressSet':
      case '__permission__egressDeleteDomain':
      case '__permission__egressDeleteGroup':
        // "This requires the user to be an administrator otherwise the Promise will reject"
        // (customer-managed-egress-and-remotes-api); the site's Jira admins stand in for them.
        if (!this.site.can(frame.accountId, 'ADMINISTER'))
          return Promise.reject(new Error('Only an administrator can change this app’s egress.'));
        return Promise.resolve().then(() => egressApprovalsOf(this.site).bridgeCall(name, payload));
      case 'invoke': {
        const module = this.module(frame.moduleKey);
        const call = payload as { functionKey: string; payload?: unknown };
        if (!module.resolver) return Promise.reject(new Error(`Module ${module.key} has no resolver`));
        return this.serial(() =>
          callResolver(
            module.resolver as Parameters<typeof callResolver>[0],
            call.functionKey,
            call.payload ?? {},
            {
              accountId: frame.accountId,
              accountType: 'licensed',
              moduleKey: frame.moduleKey,
              extension: frame.extension,
            },
            this.options(),
          ),
        );
      }
      default:
        return Promise.reject(new Error(`The sandbox does not support the bridge call "${name}"`));
    }
  }

  /**
   * Changes the site under the demo's rules as a Jira admin might, for the health check to find: the group "Who may
   * transition" names is renamed, or the app's bot loses "Add comments" in WEB (the Comment post-function acts as
   * the app when the user may not). `restore` undoes both.
   */
  breakReference(kind: Breakage) {
    const bot = this.site.appBot.accountId;
    if (kind === 'rename-group' && !this.broken.has(kind)) this.site.renameGroup('ops-leads', 'ops-leaders');
    if (kind === 'revoke-bot-permission' && !this.broken.has(kind)) {
      this.site.revoke('ADD_COMMENTS', { accountId: bot });
      this.site.grant('ADD_COMMENTS', { accountId: bot, projectKey: 'OPS' });
    }
    if (kind === 'restore') {
      if (this.broken.has('rename-group')) this.site.renameGroup('ops-leaders', 'ops-leads');
      if (this.broken.has('revoke-bot-permission')) {
        this.site.revoke('ADD_COMMENTS', { accountId: bot, projectKey: 'OPS' });
        this.site.grant('ADD_COMMENTS', { accountId: bot });
      }
      this.broken.clear();
    } else this.broken.add(kind);
    return { broken: [...this.broken] };
  }

  /** The daily scheduled trigger (manifest `health-check`), run now, as the platform would: no user. */
  runDailyHealthCheck() {
    return this.serial(async () => {
      const module = this.module('health-check');
      if (!module.handler) throw new Error('The app has no function for its health-check trigger');
      const before = this.site.calls.length;
      await runTrigger(
        module.handler as Parameters<typeof runTrigger>[0],
        { context: { moduleKey: 'health-check' } },
        this.options(),
      );
      return { jiraCalls: this.site.calls.length - before };
    });
  }

  injectFault(kind: FaultKind) {
    this.site.faults.clear();
    this.scopes = [...this.manifest.scopes];
    if (kind === 'rate-limit-storm') {
      // Half of the app's calls answered 429 until cleared: the app must wait as Jira asks and still finish.
      // Rate limits count an app's REST calls (https://developer.atlassian.com/cloud/jira/platform/rate-limiting/),
      // not a person's clicks in Jira, so the person's own transition is not refused.
      for (const identity of ['app', 'impersonated'] as const) {
        this.site.faults.inject({
          match: { identity },
          times: Infinity,
          probability: 0.5,
          response: { kind: 'rateLimit', reason: 'jira-burst-based', retryAfterSeconds: 1 },
        });
      }
    } else if (kind === 'server-errors') {
      this.site.faults.inject({ times: 3, response: { kind: 'serverError', status: 503 } });
    } else if (kind === 'revoked-token') {
      // The service revokes every access token (a key rotation): Notify must get a new one and carry on.
      this.thirdParty.state.revokeAllAccessTokens();
    } else if (kind === 'missing-scope') {
      // As if an admin had not approved an update that added write:jira-work.
      this.scopes = this.scopes.filter((s) => s !== 'write:jira-work');
    }
    return { fault: kind, scopes: this.scopes };
  }
}

/** A field value as the issue view shows it: names of options and people, text of rich text, "None" when empty. */
function fieldText(value: unknown): string {
  if (value === null || value === undefined || value === '') return 'None';
  if (Array.isArray(value)) return value.length ? value.map(fieldText).join(', ') : 'None';
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (record.type === 'doc') return adfToText(value) || 'None';
    for (const key of ['displayName', 'name', 'value', 'key']) {
      if (typeof record[key] === 'string') return record[key];
    }
    return 'Set (a value this page cannot show)';
  }
  if (typeof value === 'string') return value;
  return typeof value === 'number' || typeof value === 'boolean' ? `${value}` : 'None';
}

/**
 * Jira's refusal worded for the person: Jira's own `errorMessages`/`errors` (ErrorCollection in the spec), never
 * the raw body; a 429 says when to try again from its Retry-After header (https://developer.atlassian.com/cloud/jira/platform/rate-limiting/).
 */
async function refusalText(response: Response): Promise<string> {
  if (response.status === 429) {
    const seconds = Number(response.headers.get('retry-after'));
    return `Jira is handling too many requests right now and did not make the transition. Try again${Number.isFinite(seconds) && seconds > 0 ? ` in ${seconds} second${seconds === 1 ? '' : 's'}` : ' shortly'}.`;
  }
  const body = (await response.json().catch(() => ({}))) as {
    errorMessages?: unknown;
    errors?: Record<string, unknown>;
  };
  const said = [
    ...(Array.isArray(body.errorMessages) ? (body.errorMessages as unknown[]) : []),
    ...Object.values(body.errors ?? {}),
  ].filter((m): m is string => typeof m === 'string' && m.length > 0);
  if (response.status >= 500)
    return 'Jira could not make the transition because of a problem on its side. Try again in a moment.';
  return `Jira did not make the transition${said.length ? `: ${said.join(' ')}` : '.'}`;
}

export type { ForgeHandler };
