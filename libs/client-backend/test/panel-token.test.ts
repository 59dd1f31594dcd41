import { describe, expect, it } from 'vitest';
import { TokenKeeper, type TokenPromptState } from '../panel/src/token-keeper.js';

/** sessionStorage's surface over a Map. */
function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    getItem: (key) => items.get(key) ?? null,
    key: (index) => [...items.keys()][index] ?? null,
    removeItem: (key) => void items.delete(key),
    setItem: (key, value) => void items.set(key, value),
  };
}

describe('token keeper', () => {
  it('asks once for requests refused together, and keeps the token for the tab', async () => {
    const storage = memoryStorage();
    const keeper = new TokenKeeper(storage);
    const states: TokenPromptState[] = [];
    keeper.subscribe((state) => states.push(state));
    const first = keeper.request(undefined);
    const second = keeper.request(undefined);
    expect(states).toEqual([{ needed: false }, { needed: true, refused: false }]);
    keeper.provide('t1');
    expect(await first).toBe('t1');
    expect(await second).toBe('t1');
    expect(states.at(-1)).toEqual({ needed: false });
    expect(new TokenKeeper(storage).current()).toBe('t1');
  });

  it('forgets a refused token and says so; a request refused with an older token gets the new one', async () => {
    const storage = memoryStorage();
    const keeper = new TokenKeeper(storage);
    keeper.provide('old');
    const states: TokenPromptState[] = [];
    keeper.subscribe((state) => states.push(state));
    const retry = keeper.request('old');
    expect(keeper.current()).toBeUndefined();
    expect(states.at(-1)).toEqual({ needed: true, refused: true });
    keeper.provide('new');
    expect(await retry).toBe('new');
    // A late 401 for a request sent with the old token does not ask again.
    expect(await keeper.request('old')).toBe('new');
    expect(states.at(-1)).toEqual({ needed: false });
  });
});
