// ESLint: typescript-eslint's type-checked recommended rules, plus the import graph rules that keep the
// analysis core's stages flowing one way (see "Layout" in CONTRIBUTING.md / README.md).
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import importX from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

const core = 'server/src/analysis';
// Each stage may import the stages before it, never one after it.
const stages = ['read', 'resolve', 'schema', 'judge', 'propose', 'findings', 'weigh', 'fix', 'workspace'];
const bottom = ['model', 'sqlText', 'text', 'host'];
const laterStageZones = stages.flatMap((stage, i) =>
  stages.slice(i + 1).map((later) => ({
    target: `./${core}/${stage}`,
    from: `./${core}/${later}`,
    message: `The ${stage} stage runs before ${later}: it may not import it.`,
  })),
);
const bottomZones = bottom.flatMap((b) => [
  {
    target: `./${core}/${b}`,
    from: `./${core}`,
    except: bottom.map((x) => `./${x}`),
    message: `${b}/ is below every stage: it imports only model/, sqlText/, text/ and host/.`,
  },
]);
const coreIsPure = {
  target: `./${core}`,
  from: ['./server/src/lsp', './server/src/cli', './server/src/prove', './server/src/database', './server/src/node', './client'],
  message: 'The analysis core is pure: it never imports the protocol, CLI, proof or Node layers.',
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test/fixtures/**', 'test/kit-rc/**', '.vscode-test/**', 'test-results/**', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [importX.createNodeResolver({ extensions: ['.ts', '.js', '.json'] })],
      'import-x/extensions': ['.ts', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
    },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-restricted-paths': ['error', { zones: [...laterStageZones, ...bottomZones, coreIsPure] }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // node:test's test()/describe() return promises the runner itself awaits.
      '@typescript-eslint/no-floating-promises': [
        'error',
        {
          allowForKnownSafeCalls: [
            { from: 'package', package: 'node:test', name: ['test', 'describe', 'it', 'suite', 'before', 'after', 'beforeEach', 'afterEach'] },
          ],
        },
      ],
    },
  },
  prettier,
);
