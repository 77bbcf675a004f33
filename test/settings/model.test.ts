import { migrate } from '../../src/settings/migrations';
import { applyFallbackCeiling, postFunctionDefaults } from '../../src/settings/for-rules';
import {
  DEFAULT_PROJECT_SETTINGS,
  isRuleEnabled,
  mayUseConnection,
  ProjectSettings,
} from '../../src/settings/model';

describe('project settings model', () => {
  const settings = (
    defaults: Partial<ProjectSettings['defaults']>,
    disabledRules: string[] = [],
  ): ProjectSettings => ({
    disabledRules,
    defaults: { ...DEFAULT_PROJECT_SETTINGS.defaults, ...defaults },
  });

  it('turns rules off by listing them; rules not listed, including future ones, are on', () => {
    const s = settings({}, ['comment']);
    expect(isRuleEnabled(s, 'comment')).toBe(false);
    expect(isRuleEnabled(s, 'fields-requirement')).toBe(true);
    expect(isRuleEnabled(s, 'a-rule-shipped-next-year')).toBe(true);
  });

  it('allows only the connections the project lists', () => {
    expect(mayUseConnection(DEFAULT_PROJECT_SETTINGS, 'slack')).toBe(false);
    expect(mayUseConnection(settings({ connections: ['slack'] }), 'slack')).toBe(true);
  });

  it('rejects duplicates', () => {
    expect(ProjectSettings.safeParse(settings({}, ['comment', 'comment'])).success).toBe(false);
    expect(ProjectSettings.safeParse(settings({ connections: ['a', 'a'] })).success).toBe(false);
  });

  it('fills post-function defaults from the project', () => {
    expect(
      postFunctionDefaults(settings({ actor: 'transitioning-user', reportFailureOnIssue: true })),
    ).toEqual({
      actor: 'transitioning-user',
      reportFailureOnIssue: true,
    });
  });

  it('caps falling back to the app when the project forbids it, and only then', () => {
    const rule = { actor: 'transitioning-user' as const, fallback: 'act-as-app' as const };
    expect(applyFallbackCeiling(rule, settings({ allowAppFallback: true }))).toEqual({
      configuration: rule,
      limited: false,
    });
    expect(applyFallbackCeiling(rule, settings({ allowAppFallback: false }))).toEqual({
      configuration: { ...rule, fallback: 'fail' },
      limited: true,
    });
    expect(
      applyFallbackCeiling({ ...rule, fallback: 'fail' as const }, settings({ allowAppFallback: false }))
        .limited,
    ).toBe(false);
  });
});

describe('settings migrations', () => {
  const steps = {
    1: (d: Record<string, unknown>) => ({ ...d, renamed: d.old, old: undefined }),
    2: (d: Record<string, unknown>) => ({ ...d, added: true }),
  };

  it('upgrades step by step to the target version', () => {
    expect(migrate({ schemaVersion: 1, old: 'x' }, steps, 3)).toEqual({
      ok: true,
      document: { schemaVersion: 3, renamed: 'x', old: undefined, added: true },
    });
  });

  it('leaves a current document alone', () => {
    expect(migrate({ schemaVersion: 3, a: 1 }, steps, 3)).toEqual({
      ok: true,
      document: { schemaVersion: 3, a: 1 },
    });
  });

  it('refuses documents it cannot read, saying why', () => {
    expect(migrate('text', steps, 3)).toEqual({ ok: false, reason: 'the stored settings are not an object' });
    expect(migrate({}, steps, 3)).toMatchObject({
      ok: false,
      reason: expect.stringContaining('no schema version'),
    });
    expect(migrate({ schemaVersion: 4 }, steps, 3)).toMatchObject({
      ok: false,
      reason: expect.stringContaining('newer Workflow Guard'),
    });
    expect(migrate({ schemaVersion: 1 }, { 1: steps[1] }, 3)).toEqual({
      ok: false,
      reason: 'no upgrade from settings schema 2 to 3',
    });
  });

  it('has a step for every version below the current one', () => {
    expect(migrate({ schemaVersion: 1 })).toMatchObject({ ok: true });
  });
});
