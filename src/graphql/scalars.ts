import { GraphQLError, Kind, valueFromASTUntyped, type ValueNode } from 'graphql';
import type { Builder, FormValue } from './builder.js';

function isFormValue(value: unknown): value is FormValue {
  return typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value));
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
      if (!isFormValue(value)) throw new GraphQLError('FormValue must be a string, number or boolean.');
      return value;
    },
    parseValue: (value) => {
      if (!isFormValue(value)) throw new GraphQLError('FormValue must be a string, number or boolean.');
      return value;
    },
    parseLiteral: fromLiteral,
  });
}

function asObject(value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new GraphQLError('JSONObject must be an object.');
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
