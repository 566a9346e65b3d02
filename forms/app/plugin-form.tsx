import Form from '@rjsf/react-bootstrap';
import type { ErrorSchema, RJSFSchema, UiSchema } from '@rjsf/utils';
import validator from '@rjsf/validator-ajv8';
import { useEffect, useState } from 'react';
import {
  CREATE_MUTATION,
  type Issue,
  type PluginForm,
  RESULT_QUERY,
  RequestFailed,
  request,
} from './api.js';

type Values = Record<string, unknown>;

/** RJSF's `extraErrors` from the API's issues: each message at its `field` inside the input. */
function errorSchemaOf(issues: readonly Issue[]): ErrorSchema {
  const root: Record<string, unknown> = {};
  for (const issue of issues) {
    let node = root;
    for (const step of issue.field) {
      const key = String(step);
      node[key] ??= {};
      node = node[key] as Record<string, unknown>;
    }
    node.__errors = [...((node.__errors as string[] | undefined) ?? []), issue.message];
  }
  return root as ErrorSchema;
}

/**
 * A plugin's form as RJSF draws it from the API's `jsonSchema` and `uiSchema`, with nothing that
 * knows the plugin. Saving sends the values to createDataOutputConfiguration; refused values get
 * their messages beside their fields.
 */
export function PluginFormView(props: { form: PluginForm; onSaved: () => void }) {
  const { form } = props;
  const [values, setValues] = useState<Values>({});
  const [issues, setIssues] = useState<Issue[]>([]);
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const [result, setResult] = useState<string | null>(null);
  // The "Resulting table" box follows the values as they are typed, rendered by the plugin.
  useEffect(() => {
    let current = true;
    request<{ renderResultString: string | null }>(RESULT_QUERY, { plugin: form.name, values })
      .then((data) => current && setResult(data.renderResultString))
      .catch(() => current && setResult(null));
    return () => {
      current = false;
    };
  }, [form.name, values]);

  const save = async (data: Values) => {
    setStatus(null);
    try {
      const created = await request<{ createDataOutputConfiguration: { id: string } }>(
        CREATE_MUTATION,
        { input: { [form.platform]: data } },
      );
      setIssues([]);
      setValues({});
      setStatus({ ok: true, text: `Saved ${created.createDataOutputConfiguration.id}` });
      props.onSaved();
    } catch (error) {
      const refused = error instanceof RequestFailed ? error.issues : [];
      setIssues(refused);
      // Issues of the input as a whole have no field to sit beside.
      const general = refused.filter((issue) => issue.field.length === 0);
      const text =
        refused.length === 0
          ? String(error)
          : general.length > 0
            ? general.map((issue) => issue.message).join('; ')
            : 'Not saved: see the fields marked below.';
      setStatus({ ok: false, text });
    }
  };

  return (
    <section className="card mb-4" aria-label="Form">
      <div className="card-body">
        {form.notConfigured ? (
          <div className="alert alert-warning">
            Not configured: set the platform settings above first.
          </div>
        ) : null}
        <Form
          schema={form.jsonSchema as RJSFSchema}
          uiSchema={{
            ...(form.uiSchema as UiSchema),
            'ui:submitButtonOptions': { submitText: 'Save' },
          }}
          validator={validator}
          formData={values}
          extraErrors={errorSchemaOf(issues)}
          showErrorList={false}
          // Fields hidden by a rule are left out of what is sent.
          omitExtraData
          onChange={(event) => {
            setValues(event.formData as Values);
            if (issues.length > 0) setIssues([]);
          }}
          onSubmit={(event) => void save(event.formData as Values)}
        />
        {result === null ? null : (
          <output className="d-block mt-3" aria-label={form.resultLabel}>
            <span className="text-secondary">{form.resultLabel}: </span>
            <code data-result>{result}</code>
          </output>
        )}
        {status ? (
          <div
            role="status"
            className={`alert mt-3 ${status.ok ? 'alert-success' : 'alert-danger'}`}
          >
            {status.text}
          </div>
        ) : null}
      </div>
    </section>
  );
}
