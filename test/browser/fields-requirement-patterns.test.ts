import { callResolver } from '../harness';
import { validatorConfigResolver } from '../../src/rules/validator-config';
import { seedSite } from '../support/seed';
import { keysBesidesPlatformShape } from '../support/audit';
import { buildCustomUi, openForgePage } from './index';

/**
 * The Fields requirement screen, with a pattern the linear-time engine cannot run: saving is refused and the admin
 * reads which field's pattern uses which syntax.
 */
describe('Fields requirement screen: a pattern with lookahead', () => {
  let distDir: string;
  beforeAll(async () => {
    distDir = await buildCustomUi();
  }, 120_000);

  it('blocks saving and names the field and the lookahead', async () => {
    const { site, kvs } = seedSite();
    const extension = {
      type: 'jira:workflowValidator',
      entryPoint: 'edit',
      validatorConfig: JSON.stringify({
        requirements: [
          { fieldId: 'summary', fieldName: 'Summary', condition: 'matches', pattern: '^(?!WIP)' },
        ],
      }),
    };
    const forge = await openForgePage({
      distDir,
      host: {
        getContext: () => Promise.resolve({ moduleKey: 'fields-requirement', localId: 'local-1', extension }),
        invoke: (functionKey, payload) =>
          callResolver(
            validatorConfigResolver,
            functionKey,
            payload,
            { accountId: 'dev', moduleKey: 'fields-requirement', extension },
            { site, kvs },
          ),
      },
    });
    try {
      await forge.page.locator('#pattern-0').waitFor();
      expect(await forge.onConfigure()).toBeUndefined();
      await forge.page.getByTestId('pattern-0-error').waitFor();
      expect(await forge.page.getByTestId('pattern-0-error').textContent()).toContain(
        'The pattern for "Summary" uses a lookahead such as (?=…) or (?!…), which Workflow Guard does not support',
      );
      expect(keysBesidesPlatformShape(kvs)).toEqual([]);
      expect(forge.externalRequests).toEqual([]);
      expect(forge.pageErrors).toEqual([]);
    } finally {
      await forge.close();
    }
  });
});
