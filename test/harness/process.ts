import { spawn, type SpawnOptions } from 'node:child_process';

/** Runs a command to completion; rejects with its exit status and the end of its output. */
export function run(command: string, args: string[], options: SpawnOptions = {}): Promise<string> {
	return new Promise((resolvePromise, reject) => {
		const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
		let output = '';
		child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
		child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
		child.on('error', reject);
		child.on('close', (code, signal) => {
			if (code === 0) {
				resolvePromise(output);
			} else {
				const status = signal ? `signal ${signal}` : `exit code ${code}`;
				const tail = output.split('\n').slice(-40).join('\n');
				reject(new Error(`${command} ${args.join(' ')} failed with ${status}:\n${tail}`));
			}
		});
	});
}

/** Whether a command runs at all (found on PATH and exits 0). */
export async function succeeds(command: string, args: string[]): Promise<boolean> {
	try {
		await run(command, args);
		return true;
	} catch {
		return false;
	}
}
