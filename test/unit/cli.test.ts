import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT } from '../harness/paths';

const CLI = join(REPO_ROOT, 'dist', 'cli.js');

interface Result {
	code: number;
	stdout: string;
	stderr: string;
}

/** Runs the built command-line tool as a user would, through its shebang line. */
async function cli(...args: string[]): Promise<Result> {
	try {
		const { stdout, stderr } = await promisify(execFile)(CLI, args);
		return { code: 0, stdout, stderr };
	} catch (error) {
		const failed = error as { code: number; stdout: string; stderr: string };
		return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
	}
}

describe('mtls-webhooks command-line tool', () => {
	it('prints the version from package.json', async () => {
		const { version } = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
			version: string;
		};

		const result = await cli('--version');

		assert.deepEqual(result, { code: 0, stdout: `${version}\n`, stderr: '' });
	});

	it('describes itself in --help', async () => {
		const result = await cli('--help');

		assert.equal(result.code, 0);
		assert.match(result.stdout, /^Usage: mtls-webhooks /);
		assert.match(result.stdout, /client certificates of mTLS webhook integrations/);
	});

	it('rejects an unknown option with a non-zero exit code and says which', async () => {
		const result = await cli('--no-such-option');

		assert.notEqual(result.code, 0);
		assert.match(result.stderr, /unknown option '--no-such-option'/);
	});
});
