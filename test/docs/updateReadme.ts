import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../harness/paths';
import { readmeTables, replaceBlocks, type Manifest } from './readmeTables';

/** `npm run docs`: writes README's generated tables from package.json. */
const readmePath = join(REPO_ROOT, 'README.md');
const manifest = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as Manifest;
const before = readFileSync(readmePath, 'utf8');
const after = replaceBlocks(before, readmeTables(manifest));
if (after !== before) {
	writeFileSync(readmePath, after);
	console.log('README.md: Commands and Settings tables updated from package.json.');
} else {
	console.log('README.md: Commands and Settings tables already match package.json.');
}
