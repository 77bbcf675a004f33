import { CommentConfig } from '../../src/rules/comment/configuration';

describe('Comment configuration', () => {
  it('rejects unknown placeholders, naming them and the ones it knows', () => {
    const result = CommentConfig.safeParse({ template: 'Hi {{assignee}} and {{user}}' });
    expect(result.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      [
        'template',
        'unknown placeholder {{assignee}}; use one of {{issue.key}}, {{transition.name}}, {{transition.from}}, {{transition.to}}, {{user}}',
      ],
    ]);
  });

  it('accepts known placeholders and fills in the post-function settings', () => {
    expect(CommentConfig.parse({ template: 'Moved by {{user}} to {{transition.to}}' })).toEqual({
      template: 'Moved by {{user}} to {{transition.to}}',
      actor: 'app',
      fallback: 'fail',
      reportFailureOnIssue: false,
    });
  });
});
