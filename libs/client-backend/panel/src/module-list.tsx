import { useEffect, useState } from 'preact/hooks';
import type { PanelApi } from './api.js';
import type { ModuleDefinition, RunRecord } from './api-types.js';
import { filterModules } from './module-filter.js';
import { RunForm, type ModuleActionProps } from './run-form.js';

function ModuleCard({ api, module, onLaunched }: ModuleActionProps) {
  const [open, setOpen] = useState(false);
  const headingId = `module-${module.id}`;
  return (
    <li class="module-card" aria-labelledby={headingId} data-module={module.id}>
      <h3 id={headingId}>{module.name}</h3>
      <p class="module-meta">
        <span class="category">{module.category}</span>
        <span class="version">v{module.version}</span>
        {!module.enabled && <span class="badge badge-disabled">disabled</span>}
      </p>
      {module.description !== '' && <p class="module-description">{module.description}</p>}
      {module.tags.length > 0 && (
        <ul class="tags" aria-label="Tags">
          {module.tags.map((tag) => (
            <li key={tag}>{tag}</li>
          ))}
        </ul>
      )}
      <details class="run-details" onToggle={(event) => setOpen(event.currentTarget.open)}>
        <summary>Run {module.name}…</summary>
        {open && <RunForm api={api} module={module} onLaunched={onLaunched} />}
      </details>
    </li>
  );
}

/** The registry's modules with a filter box, each with its run form. */
export function ModuleList({
  api,
  onLaunched,
}: {
  api: PanelApi;
  onLaunched: (run: RunRecord) => void;
}) {
  const [modules, setModules] = useState<ModuleDefinition[] | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [query, setQuery] = useState('');
  useEffect(() => {
    api.modules().then(setModules, (failure: Error) => setError(failure.message));
  }, [api]);

  const shown = modules === undefined ? [] : filterModules(modules, query);
  return (
    <section class="modules" aria-labelledby="modules-heading">
      <h2 id="modules-heading" tabIndex={-1}>
        Modules
      </h2>
      <div class="filter">
        <label for="module-filter">Filter modules</label>
        <input
          id="module-filter"
          type="search"
          value={query}
          placeholder="name, category, tag…"
          aria-describedby="module-count"
          onInput={(event) => setQuery(event.currentTarget.value)}
        />
        <p id="module-count" class="muted" aria-live="polite">
          {modules === undefined
            ? ''
            : `${shown.length} of ${modules.length} module${modules.length === 1 ? '' : 's'}`}
        </p>
      </div>
      {error !== undefined && (
        <p class="error" role="alert">
          Could not load the modules: {error}
        </p>
      )}
      {modules === undefined && error === undefined && <p class="muted">Loading modules…</p>}
      <ul class="module-list">
        {shown.map((module) => (
          <ModuleCard key={module.id} api={api} module={module} onLaunched={onLaunched} />
        ))}
      </ul>
    </section>
  );
}
