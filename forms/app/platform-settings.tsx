import { useState } from 'react';
import { CONFIGURE_MUTATION, type PlatformConfiguration, RequestFailed, request } from './api.js';

const lines = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

/** The operator's side: the option lists of the platform (configurePlatform). */
export function PlatformSettings(props: {
  configuration: PlatformConfiguration;
  onSaved: () => void;
}) {
  const { configuration } = props;
  const [texts, setTexts] = useState<Record<string, string>>(() =>
    Object.fromEntries(configuration.settings.map((s) => [s.name, s.options.join('\n')])),
  );
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  if (configuration.settings.length === 0) return null;

  const save = async () => {
    const settings = Object.fromEntries(
      configuration.settings.map((s) => [s.name, lines(texts[s.name] ?? '')]),
    );
    try {
      await request(CONFIGURE_MUTATION, { input: { [configuration.platform]: settings } });
      setMessage({ ok: true, text: 'Platform settings saved.' });
      props.onSaved();
    } catch (error) {
      const text =
        error instanceof RequestFailed && error.issues.length > 0
          ? error.issues.map((issue) => `${issue.field.join('.')}: ${issue.message}`).join('; ')
          : String(error);
      setMessage({ ok: false, text });
    }
  };

  return (
    <section className="card mb-4" aria-label="Platform settings">
      <h2 className="h5 card-header">Platform settings ({configuration.platform})</h2>
      <div className="card-body">
        {configuration.settings.map((setting) => (
          <div className="mb-3" key={setting.name}>
            <label className="form-label" htmlFor={`setting-${setting.name}`}>
              {setting.name} (one per line)
            </label>
            <textarea
              id={`setting-${setting.name}`}
              className="form-control"
              rows={3}
              value={texts[setting.name] ?? ''}
              onChange={(event) => setTexts({ ...texts, [setting.name]: event.target.value })}
            />
            <div className="form-text">{setting.description}</div>
          </div>
        ))}
        <button type="button" className="btn btn-secondary" onClick={() => void save()}>
          Save platform settings
        </button>
        {message ? (
          <div
            role="status"
            className={`alert mt-3 ${message.ok ? 'alert-success' : 'alert-danger'}`}
          >
            {message.text}
          </div>
        ) : null}
      </div>
    </section>
  );
}
