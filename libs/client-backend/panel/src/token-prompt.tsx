import { useEffect, useRef, useState } from 'preact/hooks';
import type { TokenKeeper, TokenPromptState } from './token-keeper.js';

/** Asks for the API token when the server refused a call; the token stays in this tab only. */
export function TokenPrompt({ tokens }: { tokens: TokenKeeper }) {
  const [state, setState] = useState<TokenPromptState>({ needed: false });
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => tokens.subscribe(setState), [tokens]);
  useEffect(() => {
    if (state.needed) input.current?.focus();
  }, [state]);
  if (!state.needed) return null;

  const submit = (event: SubmitEvent): void => {
    event.preventDefault();
    const value = input.current?.value.trim() ?? '';
    if (value !== '') tokens.provide(value);
  };
  return (
    <section class="token-prompt" aria-labelledby="token-heading">
      <h2 id="token-heading">API token needed</h2>
      <p id="token-help">
        {state.refused
          ? 'The server refused that token. Enter the token the server was started with.'
          : 'This server requires the token it was started with (PRISMQ_API_TOKEN). It is kept for this tab only.'}
      </p>
      {/* POST, so that even a failed script could never put the token in a URL. */}
      <form class="token-form" method="post" onSubmit={submit}>
        <label for="token">API token</label>
        <input
          ref={input}
          id="token"
          name="token"
          type="password"
          autocomplete="current-password"
          required
          aria-describedby="token-help"
          aria-invalid={state.refused ? 'true' : undefined}
        />
        <button type="submit">Use token</button>
      </form>
    </section>
  );
}
