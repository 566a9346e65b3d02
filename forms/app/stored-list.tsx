import type { PluginForm, StoredList } from './api.js';

const shown = (value: unknown) => (value === null || value === undefined ? '' : String(value));

/** The plugin's stored configurations, one column per visible form field. */
export function StoredConfigurations(props: { form: PluginForm; list: StoredList | null }) {
  const columns = props.form.elements.filter((element) => !element.hidden);
  const connection = props.list?.dataOutputConfigurations;
  return (
    <section aria-label="Stored configurations">
      <h2 className="h5">
        Stored configurations{' '}
        <span className="badge bg-secondary">{connection?.totalCount ?? 0}</span>
      </h2>
      <table className="table table-sm table-striped">
        <thead>
          <tr>
            <th>id</th>
            {columns.map((column) => (
              <th key={column.name}>{column.label}</th>
            ))}
            <th>{props.form.resultLabel}</th>
            <th>Console</th>
          </tr>
        </thead>
        <tbody>
          {(connection?.nodes ?? []).map((node) => (
            <tr key={node.id} data-id={node.id}>
              <td>
                <code>{node.id.slice(0, 8)}</code>
              </td>
              {columns.map((column) => (
                <td key={column.name}>{shown(node[column.name])}</td>
              ))}
              <td>
                <code>{shown(node.resultString)}</code>
              </td>
              <td>
                {node.consoleUrl.url ? (
                  <a href={node.consoleUrl.url} target="_blank" rel="noreferrer">
                    Open
                  </a>
                ) : (
                  <small className="text-secondary">{node.consoleUrl.reason}</small>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
