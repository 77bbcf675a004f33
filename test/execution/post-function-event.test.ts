import { PostFunctionEvent } from '../../src/execution/post-function-event';

const base = { issue: { key: 'OPS-1' }, configuration: {} };

describe('post-function event: the transition in every public shape', () => {
  it('reads ids nested in from/to', () => {
    const event = PostFunctionEvent.parse({
      ...base,
      transition: { executionId: 'e1', id: '21', name: 'Done', from: { id: '1' }, to: { id: '3' } },
    });
    expect(event.transition).toEqual({
      executionId: 'e1',
      id: '21',
      name: 'Done',
      from: { id: '1' },
      to: { id: '3' },
    });
  });

  it('reads transitionId, transitionName and statuses named in from_status/to_status', () => {
    const event = PostFunctionEvent.parse({
      ...base,
      transition: {
        executionId: 'e1',
        transitionId: 21,
        transitionName: 'Done',
        from_status: 'In Progress',
        to_status: 'Done',
        workflowName: 'Software workflow',
      },
    });
    expect(event.transition).toEqual({
      executionId: 'e1',
      id: '21',
      name: 'Done',
      from: { name: 'In Progress' },
      to: { name: 'Done' },
    });
  });

  it('reads a status id given bare, and a transition with nothing but its execution id', () => {
    const bare = PostFunctionEvent.parse({ ...base, transition: { executionId: 'e1', to_status: '10001' } });
    expect(bare.transition.to).toEqual({ id: '10001' });
    expect(PostFunctionEvent.parse({ ...base, transition: { executionId: 'e1' } }).transition).toEqual({
      executionId: 'e1',
    });
  });

  it('still refuses an event without an execution id, which every effect is claimed by', () => {
    const parsed = PostFunctionEvent.safeParse({ ...base, transition: { id: '21', to: { id: '3' } } });
    expect(parsed.success).toBe(false);
  });
});
