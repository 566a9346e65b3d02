import { TEXT_MAX_LENGTH } from '@data-product-portal/plugin-sdk';
import { z } from 'zod';

/**
 * The longest value a string field takes: the maximum its schema states, else the SDK's
 * `TEXT_MAX_LENGTH`, which the service holds every plugin to (a bare `z.string()` too).
 */
export function maxLengthOf(schema: z.core.$ZodType): number {
  const declared = schema instanceof z.ZodString ? schema.maxLength : null;
  return declared ?? TEXT_MAX_LENGTH;
}

/** The description with the field's length limit stated, as GraphQL and JSON Schema show it. */
export function withLengthLimit(description: string, maxLength: number): string {
  const sentence = /[.!?]$/.test(description) ? description : `${description}.`;
  return `${sentence} At most ${maxLength} characters.`;
}
