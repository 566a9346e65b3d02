import { GraphQLError, Kind, type ValueNode, valueFromASTUntyped } from 'graphql';
import type { Builder, FormValue } from './builder.js';

function isFormValue(value: unknown): value is FormValue {
  return (
    typeof value === 'string' ||
    typeof value === 'boolean' ||
    (typeof value === 'number' && Number.isFinite(value))
  );
}

function fromLiteral(node: ValueNode): FormValue {
  if (node.kind === Kind.STRING || node.kind === Kind.ENUM) return node.value;
  if (node.kind === Kind.BOOLEAN) return node.value;
  if (node.kind === Kind.INT || node.kind === Kind.FLOAT) return Number(node.value);
  throw new GraphQLError('FormValue must be a string, number or boolean.');
}

/** A form field's value: string, number or boolean (initial values of any widget). */
export function addFormValueScalar(builder: Builder): void {
  builder.scalarType('FormValue', {
    description: 'The value of a form field: a string, a number or a boolean.',
    serialize: (value) => {
      if (!isFormValue(value))
        throw new GraphQLError('FormValue must be a string, number or boolean.');
      return value;
    },
    parseValue: (value) => {
      if (!isFormValue(value))
        throw new GraphQLError('FormValue must be a string, number or boolean.');
      return value;
    },
    parseLiteral: fromLiteral,
  });
}

function asObject(value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new GraphQLError('JSONObject must be an object.');
  return value as Record<string, unknown>;
}

/** An arbitrary JSON object (JSON Schema documents). */
export function addJsonObjectScalar(builder: Builder): void {
  builder.scalarType('JSONObject', {
    description: 'A JSON object.',
    serialize: asObject,
    parseValue: asObject,
    parseLiteral: (node) => asObject(valueFromASTUntyped(node)),
  });
}

function toDate(value: unknown): Date {
  const date =
    value instanceof Date
      ? value
      : typeof value === 'string'
        ? new Date(value)
        : new Date(Number.NaN);
  if (Number.isNaN(date.getTime()))
    throw new GraphQLError('DateTime must be an ISO 8601 date-time string.');
  return date;
}

/** A point in time, as an ISO 8601 string in UTC. */
export function addDateTimeScalar(builder: Builder): void {
  builder.scalarType('DateTime', {
    description:
      'A point in time: an ISO 8601 date-time string in UTC, e.g. 2026-11-26T12:00:00.000Z.',
    serialize: (value) => toDate(value).toISOString(),
    parseValue: toDate,
    parseLiteral: (node) => {
      if (node.kind !== Kind.STRING)
        throw new GraphQLError('DateTime must be an ISO 8601 date-time string.');
      return toDate(node.value);
    },
  });
}
