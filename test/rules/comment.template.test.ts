import { onBehalfFooter, renderComment, unknownPlaceholders } from '../../src/rules/comment/template';

describe('comment templates', () => {
  it('renders paragraphs, placeholders and a real mention of the transitioning user', () => {
    const doc = renderComment('Moved {{issue.key}} by {{user}}.\n\nThanks!', {
      issueKey: 'OPS-1',
      userAccountId: 'acc-1',
    });
    expect(doc).toEqual({
      type: 'doc',
      version: 1,
      content: [
        {
          type: 'paragraph',
          content: [
            { type: 'text', text: 'Moved ' },
            { type: 'text', text: 'OPS-1' },
            { type: 'text', text: ' by ' },
            { type: 'mention', attrs: { id: 'acc-1' } },
            { type: 'text', text: '.' },
          ],
        },
        { type: 'paragraph', content: [{ type: 'text', text: 'Thanks!' }] },
      ],
    });
  });

  it('keeps markup typed by the template author as plain text, and flags unknown placeholders', () => {
    const doc = renderComment('<b>{{issue.key}}</b>', { issueKey: 'A-1' });
    expect(doc.content[0]?.content).toEqual([
      { type: 'text', text: '<b>' },
      { type: 'text', text: 'A-1' },
      { type: 'text', text: '</b>' },
    ]);
    expect(unknownPlaceholders('{{issue.key}} {{issue.secret}}')).toEqual(['issue.secret']);
  });

  it('adds the on-behalf footer when the app acted for the user', () => {
    const doc = renderComment('Done', { issueKey: 'A-1' }, onBehalfFooter('acc-2'));
    expect(doc.content[1]?.content[1]).toEqual({ type: 'mention', attrs: { id: 'acc-2' } });
  });
});
