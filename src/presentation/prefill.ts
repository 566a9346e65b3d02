import type { ConfigOwner } from '@data-product-portal/plugin-sdk';
import type { PluginView } from '../catalog/plugin-view.js';

/**
 * The form of a plugin for one data product: a product that is not source aligned gets its
 * namespace as the initial value of every `useNamespaceWhenNotSourceAligned` element, disabled
 * and (for a select) as its only option, as the portal's frontend fills them. The JSON Schema stays the plugin's: the namespace is a suggestion.
 */
export function formFor(view: PluginView, owner: ConfigOwner | null | undefined): PluginView {
  if (!owner || owner.sourceAligned) return view;
  if (!view.elements.some((element) => element.useNamespaceWhenNotSourceAligned)) return view;
  const elements = view.elements.map((element) =>
    element.useNamespaceWhenNotSourceAligned
      ? {
          ...element,
          initialValue: owner.namespace,
          // As the portal's form: fixed to the namespace, a select offering only it.
          disabled: true,
          ...(element.type === 'select'
            ? { options: [{ label: owner.namespace, value: owner.namespace }] }
            : {}),
        }
      : element,
  );
  return { ...view, elements };
}
