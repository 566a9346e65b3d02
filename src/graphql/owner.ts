import type { ConfigOwner } from '@data-product-portal/plugin-sdk';
import { IDENTIFIER_MAX_LENGTH, textProblem } from '@data-product-portal/plugin-sdk';
import type { InputIssue } from '../validation/issues.js';
import type { Builder } from './builder.js';

/** `Owner` and `OwnerInput`: the data product a configuration belongs to. */
export function addOwnerTypes(builder: Builder) {
  const Owner = builder.objectRef<ConfigOwner>('Owner').implement({
    description: 'The data product a configuration belongs to.',
    fields: (t) => ({
      dataProductId: t.exposeString('dataProductId'),
      namespace: t.exposeString('namespace'),
      sourceAligned: t.exposeBoolean('sourceAligned'),
    }),
  });
  const OwnerInput = builder.inputType('OwnerInput', {
    description: 'The data product a configuration belongs to.',
    fields: (t) => ({
      dataProductId: t.string({ required: true, description: 'Id of the data product.' }),
      namespace: t.string({
        required: true,
        description:
          'The product’s namespace: pre-fills `useNamespaceWhenNotSourceAligned` fields, whose value may then start with it.',
      }),
      sourceAligned: t.boolean({
        required: true,
        defaultValue: false,
        description: 'A source-aligned product gets no namespace pre-fill.',
      }),
    }),
  });
  return { Owner, OwnerInput };
}

export type OwnerRefs = ReturnType<typeof addOwnerTypes>;

/** Problems with an owner as sent: the same text rules as configuration values. */
export function ownerIssues(owner: ConfigOwner, path: readonly string[]): InputIssue[] {
  return (['dataProductId', 'namespace'] as const).flatMap((field) => {
    const problem =
      owner[field].trim() === ''
        ? 'Must not be empty'
        : textProblem(owner[field], IDENTIFIER_MAX_LENGTH);
    return problem ? [{ path: [...path, field], field: [], message: problem }] : [];
  });
}
