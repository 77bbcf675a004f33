import { capturingConsole } from '../support/console';

/**
 * The leak canaries search what the console capture recorded: it must record what was logged whole, or a secret
 * logged inside an object (or an error's cause) would pass them.
 */
const SECRET = 'canary-in-an-object-5e2a';

describe('console capture for the leak canaries', () => {
  it('records a secret nested deep in an object, a Map, an error and its cause chain', async () => {
    const found: boolean[] = [];
    await capturingConsole((printed) => {
      const deep = { a: { b: { c: { d: { e: { token: SECRET } } } } } };
      const cause = Object.assign(new Error('upstream refused'), { response: { body: { echoed: SECRET } } });
      const cases: unknown[][] = [
        ['request failed', deep],
        [[[[[[SECRET]]]]]],
        [new Map([['headers', { Authorization: `Bearer ${SECRET}` }]])],
        [new Error('request failed', { cause })],
        [new Error('wrapper', { cause: new Error(`inner ${SECRET}`) })],
      ];
      for (const args of cases) {
        printed.length = 0;
        console.error(...args);
        found.push(printed.join('\n').includes(SECRET));
      }
      printed.length = 0;
      console.warn('nothing secret', { ok: true });
      found.push(!printed.join('\n').includes(SECRET));
      return Promise.resolve();
    });
    expect(found).toEqual([true, true, true, true, true, true]);
  });
});
