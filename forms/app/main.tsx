import 'bootstrap/dist/css/bootstrap.min.css';
import './style.css';
import { StrictMode, useCallback, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import {
  FORM_QUERY,
  listQuery,
  PAGE_QUERY,
  type PlatformConfiguration,
  type PlatformTile,
  type PluginForm,
  request,
  type StoredList,
} from './api.js';
import { PlatformSettings } from './platform-settings.js';
import { PluginFormView } from './plugin-form.js';
import { StoredConfigurations } from './stored-list.js';
import { Tiles } from './tiles.js';

interface PageData {
  platformTiles: PlatformTile[];
  platformConfigurations: PlatformConfiguration[];
}

/** The preview page: platform tiles, then the chosen plugin's settings, form and stored rows. */
function App() {
  const [page, setPage] = useState<PageData | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [form, setForm] = useState<PluginForm | null>(null);
  const [list, setList] = useState<StoredList | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const fail = useCallback((error: unknown) => setFailure(String(error)), []);

  const loadPage = useCallback(
    () => request<PageData>(PAGE_QUERY).then(setPage).catch(fail),
    [fail],
  );
  const loadForm = useCallback(
    (name: string) =>
      request<{ pluginForm: PluginForm }>(FORM_QUERY, { name })
        .then(async ({ pluginForm }) => {
          setForm(pluginForm);
          setList(await request<StoredList>(listQuery(pluginForm), { plugin: pluginForm.name }));
        })
        .catch(fail),
    [fail],
  );
  useEffect(() => {
    void loadPage();
  }, [loadPage]);
  useEffect(() => {
    if (selected) void loadForm(selected);
  }, [selected, loadForm]);
  // After a save: the tiles (configured or not), the form (new options) and the list change.
  const refresh = useCallback(() => {
    void loadPage();
    if (selected) void loadForm(selected);
  }, [selected, loadPage, loadForm]);

  const configuration = page?.platformConfigurations.find((c) => c.plugin === selected);
  return (
    <main className="container py-4">
      <h1 className="h3 mb-3">Data output forms</h1>
      {failure ? <div className="alert alert-danger">{failure}</div> : null}
      {page ? (
        <Tiles tiles={page.platformTiles} selected={selected} onSelect={setSelected} />
      ) : null}
      {form && form.name === selected ? (
        <div className="mt-4">
          <h2 className="h4">{form.displayName}</h2>
          <p className="text-secondary">{form.description}</p>
          {configuration ? (
            <PlatformSettings
              // One editor per plugin, started from the stored settings; it keeps what was typed.
              key={configuration.plugin}
              configuration={configuration}
              onSaved={refresh}
            />
          ) : null}
          <PluginFormView
            // A new form when its schema changes (new options), not after each save.
            key={`${form.name}:${JSON.stringify(form.jsonSchema)}`}
            form={form}
            onSaved={refresh}
          />
          <StoredConfigurations form={form} list={list} />
        </div>
      ) : null}
    </main>
  );
}

const root = document.getElementById('root');
if (!root) throw new Error('The page has no #root element.');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
