import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT } from '../harness/paths';

const CLI = join(REPO_ROOT, 'dist', 'cli.js');

export interface Result {
	code: number;
	stdout: string;
	stderr: string;
}

/** Runs the built command-line tool as a user would, through its shebang line. */
export async function cli(...args: string[]): Promise<Result> {
	return cliWith({}, ...args);
}

/** The same, with these variables added to the environment. */
export async function cliWith(env: NodeJS.ProcessEnv, ...args: string[]): Promise<Result> {
	try {
		const { stdout, stderr } = await promisify(execFile)(CLI, args, {
			env: { ...process.env, ...env },
		});
		return { code: 0, stdout, stderr };
	} catch (error) {
		const failed = error as { code: number; stdout: string; stderr: string };
		return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
	}
}
