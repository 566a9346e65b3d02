import type { CodegenConfig } from '@graphql-codegen/cli';

// GraphQL Code Generator: writes the committed schema.graphql from the composed schema (the
// enabled plugins decide its types). `npm run schema:build` runs it; `npm run schema:check`
// runs it with --check. Typed client operations go in a further `generates` entry, e.g.
// 'src/generated/graphql/': { preset: 'client', documents: ['test/**/*.graphql'] }.
const config: CodegenConfig = {
  schema: './tools/schema-build/codegen-schema.ts',
  silent: true,
  // Keep definition order (loading sorts by default): input fields follow the plugins' form order.
  config: { sort: false },
  generates: {
    './schema.graphql': {
      plugins: [
        {
          add: {
            content:
              '# GENERATED FILE, do not edit. `npm run schema:build` writes it from the enabled plugins.\n',
          },
        },
        'schema-ast',
      ],
    },
  },
};

export default config;
