import type { Actor } from '../access/actor';
import type { AccessSession } from '../access/session';
import { inEnglish, type Text } from '../access/texts';
import { recordExecution } from '../execution/audit-sink';
import { explain } from '../execution/explain';
import { readConfiguration } from '../execution/configuration';
import { ruleCatalog } from '../rules/catalog';
import { ruleReferences, type RuleReferences } from '../rules/references';
import type { HealthProblemView, HealthReportView, HealthRunView } from '../shared/health';
import { checkBotPermissions, projectsUsing } from './bot-permissions';
import { referenceCheckers } from './checkers';
import type { ReferenceKind, Referenced } from './checkers/types';
import { fixAt } from './links';
import {
  problemId,
  ruleAndTransition,
  said,
  verbatim,
  type CheckEnvironment,
  type Finding,
  type RuleUse,
} from './model';
import { checkScopes } from './scopes';
import { readShapeReports, shapeFindings } from './shapes';
import { MAX_STORED_PROBLEMS, readHealthState, writeHealthState, type HealthState } from './store';
import { scanWorkflows, type ScanResult } from './workflows';

/** New problems written to the audit log per run, one entry each; more are counted in the last. */
const MAX_AUDITED = 20;

export interface RunOptions {
  session: AccessSession;
  reader: Actor;
  trigger: HealthRunView['trigger'];
  now: number;
  /** The admin who asked for the run. */
  triggeredBy?: string;
}

/** A checker that could not ask Jira says so, instead of reporting the site healthy. */
function incomplete(what: Text, error: unknown): Finding {
  return {
    kind: 'check-incomplete',
    // In English, as the ids of problems found by earlier versions were made.
    subject: inEnglish(what),
    problem: said('incomplete.problem', { what, message: explain(error).adminMessage }),
    fix: said('incomplete.fix'),
    fixAt: fixAt.manageApps,
  };
}

async function guarded(what: Text, check: () => Promise<Finding[]>): Promise<Finding[]> {
  try {
    return await check();
  } catch (error) {
    return [incomplete(what, error)];
  }
}

/** What a checker checks, in the reader's words: `healthProblems.incomplete.what.<kind>`. */
const what = (
  name: ReferenceKind | 'workflows' | 'workflowProjects' | 'botPermissions',
  values?: Record<string, string>,
): Text => said(`incomplete.what.${name}`, values);

/** Each rule's references, from its own declaration (src/rules/references.ts); an unusable configuration is a finding. */
function collectReferences(uses: readonly { use: RuleUse; config?: string }[]) {
  const byKind = new Map<ReferenceKind, Referenced<unknown>[]>();
  const findings: Finding[] = [];
  for (const { use, config } of uses) {
    const declaration = ruleReferences.find((d) => d.rule === use.rule.key);
    if (!declaration) continue;
    const parsed = readConfiguration(declaration.configuration, config ?? '');
    if (!parsed.ok) {
      findings.push({
        kind: 'configuration',
        subject: 'configuration',
        use,
        problem: config ? verbatim(parsed.message) : said('configuration.none'),
        fix: said('configuration.fix', ruleAndTransition(use)),
        fixAt: fixAt.workflow(use.workflow.name),
      });
      continue;
    }
    const references: RuleReferences = declaration.references(parsed.value);
    for (const kind of Object.keys(referenceCheckers) as ReferenceKind[])
      for (const ref of references[kind] ?? []) byKind.set(kind, [...(byKind.get(kind) ?? []), { ref, use }]);
  }
  return { byKind, findings };
}

function toView(
  finding: Finding,
  previous: ReadonlyMap<string, HealthProblemView>,
  at: string,
): HealthProblemView {
  const id = problemId(finding);
  const projects = finding.projects ?? finding.use?.projects;
  return {
    id,
    kind: finding.kind,
    ...(finding.use
      ? { workflow: finding.use.workflow, transition: finding.use.transition, rule: finding.use.rule }
      : {}),
    ...(projects?.length ? { projects } : {}),
    // In English as the audit log records them (and as the previous versions stored them); `said` for the pages.
    problem: inEnglish(finding.problem),
    fix: inEnglish(finding.fix),
    fixAt: { label: inEnglish(finding.fixAt.label), href: finding.fixAt.href },
    said: { problem: finding.problem, fix: finding.fix, fixAt: finding.fixAt.label },
    firstSeen: previous.get(id)?.firstSeen ?? at,
  };
}

/** One audit entry per new problem (a failed execution, so the failure counters count it too). */
async function auditNew(problems: readonly HealthProblemView[], options: RunOptions): Promise<void> {
  const listed = problems.slice(0, MAX_AUDITED);
  for (const [index, problem] of listed.entries()) {
    const more = problems.length - listed.length;
    const project = problem.projects?.length === 1 ? problem.projects[0] : undefined;
    await recordExecution({
      module: 'health-check',
      rule: problem.rule?.key ?? 'health-check',
      ...(project?.key ? { projectKey: project.key, projectId: project.id } : {}),
      ...(options.triggeredBy ? { triggeredBy: options.triggeredBy } : {}),
      actor: options.reader,
      // The run's calls are listed once, on its first entry.
      calls: index === 0 ? options.session.calls : [],
      outcome: 'failed',
      summary: [
        problem.workflow && `Workflow "${problem.workflow.name}"`,
        problem.transition && `transition "${problem.transition.name}"`,
        problem.rule && problem.rule.title,
      ]
        .filter(Boolean)
        .join(', ')
        .concat(problem.workflow ? ': ' : '', problem.problem)
        .concat(
          index === listed.length - 1 && more > 0
            ? ` (and ${more} more new problems: see the Health tab)`
            : '',
        ),
      error: { code: 'HEALTH_PROBLEM', message: `${problem.problem} Fix: ${problem.fix}` },
    });
  }
}

/**
 * The health check: every rule of this app on every workflow, each of its references checked once per kind, the
 * bot's permissions where the rules run, the scopes granted, and what the platform sent compared with what the app
 * reads. Problems not seen by the previous run are audited; the report is kept for the pages.
 */
export async function runHealthCheck(options: RunOptions): Promise<HealthReportView> {
  const previous: HealthState = await readHealthState();
  const base = {
    session: options.session,
    reader: options.reader,
    scheduled: options.trigger === 'scheduled',
  };
  const findings: Finding[] = [];
  let scan: ScanResult;
  try {
    scan = await scanWorkflows(
      { ...base, statusNames: new Set(), transitionNames: new Set() },
      previous,
      options.now,
    );
  } catch (error) {
    findings.push(incomplete(what('workflows'), error));
    scan = { workflows: previous.workflows, withRules: [], reread: 0, fullRead: false, truncated: false };
  }
  if (scan.truncated)
    findings.push({
      kind: 'check-incomplete',
      subject: 'truncated',
      problem: said('truncated.problem', { number: Object.keys(scan.workflows).length }),
      fix: said('truncated.fix'),
      fixAt: fixAt.workflows,
    });
  const env: CheckEnvironment = {
    ...base,
    statusNames: new Set(Object.values(scan.workflows).flatMap((w) => w.statuses)),
    transitionNames: new Set(
      Object.values(scan.workflows).flatMap((w) => w.transitions.map((t) => t.toLowerCase())),
    ),
  };
  const uses: { use: RuleUse; config?: string }[] = [];
  for (const workflow of scan.withRules) {
    // A rule turned off in the workflow editor does not run: nothing it names can break anything.
    const running = workflow.rules.filter((rule) => !rule.disabled);
    if (!running.length) continue;
    let projects: { id: string }[] = [];
    try {
      projects = await projectsUsing(env, workflow.id);
    } catch (error) {
      findings.push(incomplete(what('workflowProjects', { name: workflow.name }), error));
    }
    for (const rule of running) {
      const entry = ruleCatalog.find((r) => r.key === rule.rule);
      if (!entry) continue;
      uses.push({
        use: {
          workflow: { id: workflow.id, name: workflow.name },
          transition: { id: rule.transitionId, name: rule.transitionName },
          rule: { key: entry.key, title: entry.title },
          projects,
        },
        ...(rule.config !== undefined ? { config: rule.config } : {}),
      });
    }
  }
  const collected = collectReferences(uses);
  findings.push(...collected.findings);
  for (const [kind, items] of collected.byKind) {
    const checker = referenceCheckers[kind] as {
      check(i: typeof items, e: CheckEnvironment): Promise<Finding[]>;
    };
    findings.push(...(await guarded(what(kind), () => checker.check(items, env))));
  }
  findings.push(
    ...(await guarded(what('botPermissions'), () =>
      checkBotPermissions(
        env,
        uses.map((u) => u.use),
      ),
    )),
  );
  findings.push(...checkScopes());
  const shapes = await readShapeReports();
  findings.push(...shapeFindings(shapes));

  const at = new Date(options.now).toISOString();
  const before = new Map(previous.problems.map((p) => [p.id, p]));
  const unique = new Map<string, HealthProblemView>();
  for (const finding of findings) {
    const view = toView(finding, before, at);
    if (!unique.has(view.id)) unique.set(view.id, view);
  }
  const problems = [...unique.values()];
  const lastRun: HealthRunView = {
    at,
    trigger: options.trigger,
    jiraCalls: options.session.calls.filter((c) => c.pathTemplate.startsWith('/rest/')).length,
    workflows: Object.keys(scan.workflows).length,
    workflowsReread: scan.reread,
    rules: uses.length,
  };
  await writeHealthState({
    schemaVersion: 1,
    ...(scan.fullRead ? { fullReadAt: at } : previous.fullReadAt ? { fullReadAt: previous.fullReadAt } : {}),
    workflows: scan.workflows,
    lastRun,
    problems: problems.slice(0, MAX_STORED_PROBLEMS),
  });
  await auditNew(
    problems.filter((p) => !before.has(p.id)),
    options,
  );
  return { lastRun, problems, shapes };
}

/**
 * The last run's report, without asking Jira. A project's page gets the problems of rules that run in that project,
 * and the scopes every rule needs; never another project's, nor what only the Jira admin can act on.
 */
export async function readHealthReport(projectId?: string): Promise<HealthReportView> {
  const [state, shapes] = await Promise.all([readHealthState(), readShapeReports()]);
  const problems = projectId
    ? state.problems.filter(
        (p) => p.kind === 'scope' || p.projects?.some((project) => project.id === projectId),
      )
    : state.problems;
  return { ...(state.lastRun ? { lastRun: state.lastRun } : {}), problems, shapes: projectId ? [] : shapes };
}
