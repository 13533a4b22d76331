// Lint: the machine-checked boundaries between the parts (see README, "Layout"), and no `any` in the source.
// Imports point one way, core <- graph <- protocol <- extension / webview / cli, and each part reaches core and
// graph only through their index.ts. One rule set per folder, because a later `no-restricted-imports` entry for the
// same file replaces an earlier one instead of adding to it.
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';

const nodeBuiltins = `^(node:.*|${builtinModules.filter((name) => !name.startsWith('_')).map((name) => name.replace(/[/]/g, '\\/')).join('|')})$`;

const rule = {
  vscode: { regex: '^vscode$', message: 'Only src/extension imports vscode.' },
  coreIndex: {
    regex: '(^|/)core/(?!(index|node)$).+',
    message: 'Import the core through src/core/index.ts, or src/core/node.ts to read files (`node scripts/fix-index-imports.mjs` rewrites the import; widen the index if a part needs more).',
  },
  coreNode: { regex: '(^|/)core/node$', message: 'src/core/node.ts reads files with Node: not for pure or browser code.' },
  graphIndex: {
    regex: '(^|/)graph/(?!index$).+',
    message: 'Import the graph layer through src/graph/index.ts (`node scripts/fix-index-imports.mjs` rewrites the import; widen the index if a part needs more).',
  },
  graph: { regex: '(^|/)graph(/|$)', message: 'The core does not depend on the graph layer.' },
  protocol: { regex: '(^|/)protocol(/|$)', message: 'This part sits below the protocol and must not import it.' },
  extension: { regex: '(^|/)extension(/|$)', message: 'Only the extension imports the extension (host code).' },
  cli: { regex: '(^|/)cli(/|$)', message: 'Only the command line imports the command line.' },
  webview: { regex: '(^|/)webview(/|$)', message: 'Only webview code imports webview code.' },
  react: { regex: '^react(-dom)?(/.*)?$', message: 'React belongs to the webviews.' },
  nodeBuiltins: { regex: nodeBuiltins, message: 'This part runs in a browser or stays pure: no Node built-ins.' },
};

/** The `no-restricted-imports` setting for one folder: the listed patterns are refused, with their messages. */
function refuse(...patterns) {
  return { '@typescript-eslint/no-restricted-imports': ['error', { patterns }] };
}

const noMathRandom = {
  'no-restricted-properties': ['error',
    { object: 'Math', property: 'random', message: 'Use the seeded generator (core Random) so runs reproduce.' }],
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'out/**', '**/*.d.ts'] },
  {
    files: ['src/**/*.ts', 'webview/**/*.ts', 'webview/**/*.tsx'],
    languageOptions: { parser: tseslint.parser },
    plugins: { '@typescript-eslint': tseslint.plugin },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      // Imports are static, so the rules above see every one of them.
      'no-restricted-syntax': ['error',
        { selector: 'ImportExpression', message: 'No dynamic import(): the import rules only see static imports.' },
        { selector: "CallExpression[callee.name='require']", message: 'No require(): the import rules only see static imports.' },
      ],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      ...refuse(rule.vscode, rule.graph, rule.protocol, rule.extension, rule.cli, rule.webview, rule.react),
      ...noMathRandom,
    },
  },
  {
    files: ['src/graph/**/*.ts'],
    rules: {
      ...refuse(rule.vscode, rule.coreIndex, rule.coreNode, rule.protocol, rule.extension, rule.cli, rule.webview, rule.react,
        rule.nodeBuiltins),
      ...noMathRandom,
    },
  },
  {
    files: ['src/protocol/**/*.ts'],
    rules: refuse(rule.vscode, rule.coreIndex, rule.coreNode, rule.graphIndex, rule.extension, rule.cli, rule.webview,
      rule.react),
  },
  {
    files: ['src/cli/**/*.ts'],
    rules: refuse(rule.vscode, rule.coreIndex, rule.graphIndex, rule.extension, rule.webview, rule.react),
  },
  {
    files: ['src/extension/**/*.ts'],
    rules: refuse(rule.coreIndex, rule.graphIndex, rule.cli, rule.webview, rule.react),
  },
  {
    files: ['webview/**/*.ts', 'webview/**/*.tsx'],
    rules: refuse(rule.vscode, rule.coreIndex, rule.coreNode, rule.graphIndex, rule.extension, rule.cli,
      rule.nodeBuiltins),
  },
);
