import { useCallback, useEffect, useState } from 'preact/hooks';
import type { PanelApi } from './api.js';
import type { RunRecord } from './api-types.js';
import { ModuleList } from './module-list.js';
import { RunHistory } from './run-history.js';
import { RunView } from './run-view.js';
import { TokenPrompt } from './token-prompt.js';
import type { TokenKeeper } from './token-keeper.js';

const RUN_ROUTE = /^#\/runs\/([0-9a-f-]{36})$/i;

/**
 * The run named by the location hash (`#/runs/<id>`), so a run's view can be linked and
 * reloaded, and whether the person navigated there on this page (then the view takes focus).
 */
function useRouteRunId(): { runId: string | undefined; navigated: boolean } {
  const read = (): string | undefined => RUN_ROUTE.exec(location.hash)?.[1];
  const [route, setRoute] = useState(() => ({ runId: read(), navigated: false }));
  useEffect(() => {
    const onChange = (): void => setRoute({ runId: read(), navigated: true });
    addEventListener('hashchange', onChange);
    return () => removeEventListener('hashchange', onChange);
  }, []);
  return route;
}

export function App({ api, tokens }: { api: PanelApi; tokens: TokenKeeper }) {
  const { runId, navigated } = useRouteRunId();
  // Bumped whenever a run starts or changes state, so the history refreshes at once.
  const [historyVersion, setHistoryVersion] = useState(0);
  const refreshHistory = useCallback(() => setHistoryVersion((version) => version + 1), []);
  const onLaunched = useCallback(
    (run: RunRecord) => {
      location.hash = `#/runs/${run.runId}`;
      refreshHistory();
    },
    [refreshHistory],
  );

  return (
    <>
      <a class="skip-link" href="#modules-heading">
        Skip to modules
      </a>
      <header class="page-header">
        <h1>PrismQ control panel</h1>
      </header>
      <TokenPrompt tokens={tokens} />
      <main class="layout">
        <ModuleList api={api} onLaunched={onLaunched} />
        <div class="runs-column">
          {runId !== undefined && (
            <RunView
              key={runId}
              api={api}
              runId={runId}
              takeFocus={navigated}
              onChanged={refreshHistory}
            />
          )}
          <RunHistory api={api} version={historyVersion} currentRunId={runId} />
        </div>
      </main>
    </>
  );
}
