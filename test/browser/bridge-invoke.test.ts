/** static/app/src/bridge/invoke.ts against the real @forge/bridge, with a stand-in `__bridge` (no browser needed). */
import type * as InvokeModule from '../../static/app/src/bridge/invoke';
import { catalogueTranslate } from '../support/envelope';

type CallBridge = (name: string, payload?: unknown) => Promise<unknown>;

describe('invokeResolver (Custom UI resolver envelope)', () => {
  const callBridge = jest.fn<ReturnType<CallBridge>, Parameters<CallBridge>>();
  let mod: typeof InvokeModule;

  beforeAll(async () => {
    // @forge/bridge reads __bridge when it is imported, so it must exist first.
    (globalThis as { __bridge?: { callBridge: CallBridge } }).__bridge = { callBridge };
    mod = await import('../../static/app/src/bridge/invoke');
  });
  afterAll(() => {
    delete (globalThis as { __bridge?: unknown }).__bridge;
  });
  beforeEach(() => callBridge.mockReset());

  it('sends functionKey and payload through the bridge and unwraps { ok: true, data }', async () => {
    callBridge.mockResolvedValue({ ok: true, data: { rules: 3 } });
    await expect(mod.invokeResolver('getRules', { projectKey: 'WG' })).resolves.toEqual({ rules: 3 });
    expect(callBridge).toHaveBeenCalledWith('invoke', {
      functionKey: 'getRules',
      payload: { projectKey: 'WG' },
      metadata: undefined,
    });
  });

  it('throws a ResolverError with code and message for { ok: false }', async () => {
    callBridge.mockResolvedValue({ ok: false, error: { code: 'FORBIDDEN', message: 'Admins only' } });
    const error = await mod.invokeResolver('saveRule').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(mod.ResolverError);
    expect(error).toMatchObject({ name: 'ResolverError', code: 'FORBIDDEN', message: 'Admins only' });
  });

  it('carries the error as texts, said in the viewer’s language beside each field and in the banner', async () => {
    const fieldText = { key: 'errors.config.unknownField', values: { field: 'customfield_9' } };
    callBridge.mockResolvedValue({
      ok: false,
      error: {
        code: 'INVALID_INPUT',
        message:
          'Field 1: Jira has no field "customfield_9" that you can see. Pick the field from the list. Nothing was saved.',
        text: { key: 'errors.notSaved.row', values: { row: 1, problem: fieldText } },
        fields: {
          'requirements.0.fieldId':
            'Jira has no field "customfield_9" that you can see. Pick the field from the list.',
        },
        fieldTexts: { 'requirements.0.fieldId': fieldText },
      },
    });
    const error = (await mod.invokeResolver('prepareConfiguration').catch((e: unknown) => e)) as InstanceType<
      typeof mod.ResolverError
    >;
    const french = catalogueTranslate('fr-FR');
    expect(error.said(french)).toBe(
      "Champ 1 : Jira n'a aucun champ « customfield_9 » visible pour vous. Choisissez le champ dans la liste. Rien n'a été enregistré.",
    );
    expect(error.saidBesideFields(french)).toEqual({
      'requirements.0.fieldId':
        "Jira n'a aucun champ « customfield_9 » visible pour vous. Choisissez le champ dans la liste.",
    });
    // An envelope from before the texts: its English words, as they are.
    callBridge.mockResolvedValue({
      ok: false,
      error: { code: 'X', message: 'Admins only', fields: { a: 'No.' } },
    });
    const older = (await mod.invokeResolver('x').catch((e: unknown) => e)) as InstanceType<
      typeof mod.ResolverError
    >;
    expect([older.said(french), older.saidBesideFields(french)]).toEqual(['Admins only', { a: 'No.' }]);
  });

  it.each([
    undefined,
    null,
    'text',
    { data: 1 },
    { ok: false, error: { code: 1 } },
    { ok: false, error: { code: 'X', message: 'm', text: { key: 7 } } },
  ])('throws BAD_ENVELOPE for %j', async (response) => {
    callBridge.mockResolvedValue(response);
    await expect(mod.invokeResolver('x')).rejects.toMatchObject({ code: 'BAD_ENVELOPE' });
  });

  it('passes bridge failures through unchanged', async () => {
    callBridge.mockRejectedValue(new Error('resolver crashed'));
    await expect(mod.invokeResolver('x')).rejects.toThrow('resolver crashed');
  });
});
