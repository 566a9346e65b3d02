import type { ConfigIssue } from '@data-product-portal/plugin-sdk';
import type { PluginView } from '../catalog/plugin-view.js';
import { type Condition, conditionHolds } from '../config-schema/depends-on.js';

const shown = (value: unknown) => JSON.stringify(value ?? null);

function expected(condition: Condition): string {
  return condition.values.map((v) => JSON.stringify(v)).join(' or ');
}

/**
 * Values sent for fields whose `dependsOn` does not hold. The service would ignore such a value or
 * its save rules would overwrite it (a table typed at schema granularity would become `*`, access
 * to the whole schema), so it is refused instead, beside both fields: a form that hides the
 * dependent field still shows the message at the field that hides it. A field's default passes.
 */
export function dependsOnIssues(view: PluginView, input: Record<string, unknown>): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  for (const rule of view.rules) {
    const failed = rule.conditions.filter((condition) => !conditionHolds(condition, input));
    if (failed.length === 0) continue;
    for (const name of rule.fields) {
      const value = input[name];
      const initial = view.elements.find((element) => element.name === name)?.initialValue;
      if (value === undefined || value === null || value === initial) continue;
      const fallback =
        initial === null || initial === undefined ? '' : ` or send ${shown(initial)}`;
      const when = failed.map((c) => `${c.field} is ${expected(c)}`).join(' and ');
      issues.push({
        path: [name],
        message: `Only used when ${when}; leave ${name} out${fallback}`,
      });
      for (const condition of failed) {
        const current = input[condition.field] ?? null;
        issues.push({
          path: [condition.field],
          message: `${name} ${shown(value)} is only used when ${condition.field} is ${expected(condition)}, not ${shown(current)}: choose ${expected(condition)}, or leave ${name} out`,
        });
      }
    }
  }
  return issues;
}
