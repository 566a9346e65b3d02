import type { PlatformSettings } from '@data-product-portal/plugin-sdk';
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
    description: `Options of ${setting.fields.map((f) => `\`${f}\``).join(', ')}, in the order the form lists them.`,
  }));
}

const option = z.string().trim().min(1, 'Must not be empty');

/** What an operator may store for these settings: each a list of distinct, non-empty options. */
export function platformSettingsSchema(settings: readonly PlatformSetting[]) {
  return z.strictObject(
    Object.fromEntries(
      settings.map((setting) => [
        setting.name,
        z.array(option).superRefine((values, ctx) => {
          values.forEach((value, index) => {
            if (values.indexOf(value) !== index)
              ctx.addIssue({
                code: 'custom',
                path: [index],
                message: `"${value}" is listed twice`,
              });
          });
        }),
      ]),
    ),
  );
}

/** Stored settings as read back from the database; anything else counts as not configured. */
export const storedSettingsSchema: z.ZodType<PlatformSettings> = z.record(
  z.string(),
  z.array(z.string()),
);
