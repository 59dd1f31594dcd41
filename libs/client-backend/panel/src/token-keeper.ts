const STORAGE_KEY = 'prismq-panel-token';

/** What the token prompt shows: nothing, a first request, or a request after a refusal. */
export type TokenPromptState = { needed: false } | { needed: true; refused: boolean };

/**
 * Holds the API token for this tab (sessionStorage: gone when the tab closes) and asks the
 * person for it when the server answers 401. Requests refused at the same time share one prompt.
 */
export class TokenKeeper {
  private pending: { promise: Promise<string>; resolve: (token: string) => void } | undefined;
  private state: TokenPromptState = { needed: false };
  private readonly listeners = new Set<(state: TokenPromptState) => void>();

  constructor(private readonly storage: Storage) {}

  /** The token to send, if one was entered in this tab. */
  current(): string | undefined {
    return this.storage.getItem(STORAGE_KEY) ?? undefined;
  }

  /**
   * Called when a request sent with `refused` (or without a token) got 401: forgets that token
   * and resolves with the next one the person enters, or at once if another request already
   * got a new one.
   */
  request(refused: string | undefined): Promise<string> {
    const current = this.current();
    if (current !== undefined && current !== refused) return Promise.resolve(current);
    if (current !== undefined) this.storage.removeItem(STORAGE_KEY);
    if (this.pending === undefined) {
      let resolve!: (token: string) => void;
      const promise = new Promise<string>((done) => (resolve = done));
      this.pending = { promise, resolve };
      this.publish({ needed: true, refused: refused !== undefined });
    }
    return this.pending.promise;
  }

  /** The person entered a token: keep it for the tab and retry what waited for it. */
  provide(token: string): void {
    this.storage.setItem(STORAGE_KEY, token);
    const pending = this.pending;
    this.pending = undefined;
    this.publish({ needed: false });
    pending?.resolve(token);
  }

  subscribe(listener: (state: TokenPromptState) => void): () => void {
    this.listeners.add(listener);
    listener(this.state);
    return () => this.listeners.delete(listener);
  }

  private publish(state: TokenPromptState): void {
    this.state = state;
    for (const listener of this.listeners) listener(state);
  }
}
