// Lint rules: typescript-eslint's type-aware recommendations plus the VS Code team's own
// habits (curly, eqeqeq, no console in the extension host: use the log channel).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
	{ ignores: ['dist/', 'out/', '.vscode-test/', 'node_modules/'] },
	js.configs.recommended,
	...tseslint.configs.recommendedTypeChecked,
	{
		languageOptions: {
			parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
		},
		rules: {
			curly: 'error',
			eqeqeq: 'error',
			'no-console': 'error',
			'@typescript-eslint/naming-convention': [
				'error',
				{ selector: 'typeLike', format: ['PascalCase'] },
				{
					selector: 'interface',
					format: ['PascalCase'],
					custom: { regex: '^I[A-Z]', match: false },
				},
			],
			'@typescript-eslint/no-floating-promises': 'error',
			'@typescript-eslint/no-unused-vars': [
				'error',
				{ argsIgnorePattern: '^_', ignoreRestSiblings: true },
			],
		},
	},
	{
		// The command-line tool, the test harness and the suites talk to a terminal.
		files: ['src/cli.ts', 'test/**/*.ts'],
		rules: { 'no-console': 'off' },
	},
	{
		files: ['**/*.mjs'],
		extends: [tseslint.configs.disableTypeChecked],
		languageOptions: { globals: { console: 'readonly', process: 'readonly' } },
		rules: { 'no-console': 'off' },
	},
);
