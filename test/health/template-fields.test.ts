import { JiraSite } from '../emulator';
import { MemoryKvs } from '../harness';
import { forgeRule } from '../pages/admin/admin-site';
import { runCheck } from './health-site';

/**
 * Issue 18, point 5: a template's fields are saved by id with the name it wrote, so the daily check finds a field
 * deleted, retyped or renamed since.
 */
describe('health check: fields shown by templates', () => {
  function seed() {
    const site = new JiraSite();
    site.addUser({ accountId: 'admin', displayName: 'Ada Admin' });
    site.grant('ADMINISTER', { accountId: 'admin' });
    site.grant('BROWSE_PROJECTS', { accountId: 'admin' });
    site.addProject({ key: 'OPS', name: 'Operations' });
    site.addField({ id: 'customfield_10016', name: 'Story points', type: 'number' });
    site.addWorkflow({
      name: 'Ops flow',
      statuses: [
        { name: 'To Do', category: 'new' },
        { name: 'Done', category: 'done' },
      ],
      transitions: [
        {
          id: '21',
          name: 'Finish',
          from: ['To Do'],
          to: 'Done',
          postFunctions: [
            forgeRule('comment', {
              template: 'Done with {{field:Story points}} points',
              templateFields: [{ name: 'Story points', id: 'customfield_10016', kind: 'number' }],
            }),
          ],
        },
      ],
      projects: ['OPS'],
    });
    return { site, kvs: new MemoryKvs() };
  }

  it('is quiet while the field is as saved', async () => {
    const { site, kvs } = seed();
    expect((await runCheck(site, kvs)).problems).toEqual([]);
  });

  it('names a renamed field and the placeholder to write instead', async () => {
    const { site, kvs } = seed();
    site.fieldDefs.get('customfield_10016')!.name = 'Estimate';
    const { problems } = await runCheck(site, kvs);
    expect(problems).toEqual([
      expect.objectContaining({
        kind: 'field',
        rule: expect.objectContaining({ key: 'comment' }),
        problem:
          'Field customfield_10016, a field its comment text shows, was renamed "Estimate"; the template still calls it {{field:Story points}} (it shows the field\'s value, by id).',
        fix: 'Edit the Comment rule on transition "Finish" and write {{field:Estimate}} instead, so the template says what it shows.',
      }),
    ]);
  });

  it('finds the field deleted or retyped', async () => {
    const { site, kvs } = seed();
    site.fieldDefs.set('customfield_10016', {
      id: 'customfield_10016',
      name: 'Story points',
      custom: true,
      schemaType: 'string',
    });
    expect((await runCheck(site, kvs)).problems).toEqual([
      expect.objectContaining({ problem: expect.stringContaining('is now string') }),
    ]);
    site.deleteField('customfield_10016');
    expect((await runCheck(site, kvs)).problems).toEqual([
      expect.objectContaining({ problem: expect.stringContaining('no longer exists in Jira') }),
    ]);
  });
});
