import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readmeTables, replaceBlocks, type Manifest } from '../docs/readmeTables';
import { REPO_ROOT } from '../harness/paths';
import { KEYSTORE_ERROR_CODES } from '../../src/keystore/errors';
import { FINDING_CODES } from '../../src/keystore/model';
import { DIAGNOSIS_CODES } from '../../src/mtls/model';

describe('README', () => {
	it('lists exactly the commands and settings that package.json contributes', () => {
		const manifest = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as Manifest;
		const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');

		const current = replaceBlocks(readme, readmeTables(manifest));

		assert.equal(readme, current, 'README.md is stale: run `npm run docs`');
	});

	it('explains every finding, error and diagnosis code', () => {
		const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');

		const missing = [...FINDING_CODES, ...KEYSTORE_ERROR_CODES, ...DIAGNOSIS_CODES].filter(
			(code) => !readme.includes(`| \`${code}\` |`),
		);

		assert.deepEqual(missing, []);
	});

	it('shows its pictures from the .vsix: every image it links to is packaged', () => {
		const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
		const images = [...readme.matchAll(/!\[[^\]]*\]\(([^)\s]+)\)/g)].map((match) => match[1]);
		const packaged = execFileSync(
			join(REPO_ROOT, 'node_modules', '.bin', 'vsce'),
			['ls', '--no-dependencies'],
			{ cwd: REPO_ROOT, encoding: 'utf8' },
		).split('\n');

		assert.ok(images.length > 0);
		assert.deepEqual(
			images.filter((image) => !packaged.includes(image ?? '')),
			[],
			'README.md shows images that the .vsix leaves out (.vscodeignore)',
		);
		assert.deepEqual(
			packaged.filter(
				(file) => /^(src|test|node_modules|out)\//.test(file) || file.endsWith('.map'),
			),
			[],
		);
	});

	it('escapes pipes in table cells and says when there are no settings', () => {
		const tables = readmeTables({
			contributes: {
				commands: [{ command: 'a.b', title: 'Pick A | B', category: 'Cat' }],
				menus: { commandPalette: [{ command: 'a.b', when: 'false' }] },
			},
		});

		assert.equal(
			tables.commands,
			'| Command | ID | Where |\n| --- | --- | --- |\n' +
				'| Cat: Pick A \\| B | `a.b` | from the view and menus |\n',
		);
		assert.equal(tables.settings, 'mTLS Webhooks has no settings yet.\n');
	});

	it('refuses to write into a README without the markers', () => {
		assert.throws(() => replaceBlocks('# Title\n', { commands: 'x' }), /no "<!-- commands -->"/);
	});
});
