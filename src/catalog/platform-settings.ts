import {
  IDENTIFIER_MAX_LENGTH,
  type PlatformSettings,
  textProblem,
} from '@data-product-portal/plugin-sdk';
import { z } from 'zod';
import type { FormElement } from '../config-schema/form.js';

/**
 * A setting of a platform's configuration: an option list an operator maintains, which fills the
 * options of the form fields that name it in `optionsFrom` (e.g. `databases` → `database`).
 */
export interface PlatformSetting {
  name: string;
  /** The config fields whose options it supplies, in form order. */
  fields: string[];
  description: string;
}

/** The settings a plugin's form needs, read from its elements' `optionsFrom`. */
export function platformSettingsOf(elements: readonly FormElement[]): PlatformSetting[] {
  const byName = new Map<string, PlatformSetting>();
  for (const element of elements) {
    if (element.optionsFrom === null) continue;
    const setting = byName.get(element.optionsFrom) ?? {
      name: element.optionsFrom,
      fields: [],
      description: '',
    };
    setting.fields.push(element.name);
    byName.set(setting.name, setting);
  }
  return [...byName.values()].map((setting) => ({
    ...setting,
    description:
      `Options of ${setting.fields.map((f) => `\`${f}\``).join(', ')}, in the order the form lists them. ` +
      `At most ${MAX_OPTIONS_PER_SETTING} options of at most ${IDENTIFIER_MAX_LENGTH} characters each.`,
  }));
}

/**
 * The most options one setting holds. A select of more is of no use in a form, and the whole list
 * is stored, read and sent to every form as one value.
 */
export const MAX_OPTIONS_PER_SETTING = 1000;

// Options name platform objects (databases, catalogs, buckets): trimmed as an operator pastes
// them, then held to the SDK's identifier rules (a blank option is empty once trimmed).
const option = z
  .string()
  .trim()
  .superRefine((value, ctx) => {
    const problem = textProblem(value, IDENTIFIER_MAX_LENGTH);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  })
  .min(1, 'Must not be empty');

// The count is checked before any option is looked at, so an oversized list costs one answer.
const optionList = z
  .array(z.unknown())
  .max(MAX_OPTIONS_PER_SETTING, {
    error: (issue) =>
      `At most ${MAX_OPTIONS_PER_SETTING} options; this list has ${(issue.input as unknown[]).length}`,
  })
  .pipe(
    z.array(option).superRefine((values, ctx) => {
      // One pass over a set: linear, where a search per option was quadratic.
      const seen = new Set<string>();
      values.forEach((value, index) => {
        if (!seen.has(value)) seen.add(value);
        else ctx.addIssue({ code: 'custom', path: [index], message: `"${value}" is listed twice` });
      });
    }),
  );

/** What an operator may store for these settings: each a bounded list of distinct, valid options. */
export function platformSettingsSchema(settings: readonly PlatformSetting[]) {
  return z.strictObject(Object.fromEntries(settings.map((setting) => [setting.name, optionList])));
}

/** Stored settings as read back from the database; anything else counts as not configured. */
export const storedSettingsSchema: z.ZodType<PlatformSettings> = z.record(
  z.string(),
  z.array(z.string()),
);
