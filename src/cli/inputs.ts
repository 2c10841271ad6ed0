import { constants } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { tooLargeError } from '../keystore/inspect';

/** Something to fix before the keystore can be read at all: the file, or a variable. */
export class UsageError extends Error {
	constructor(
		public readonly code: 'file_unreadable' | 'password_env_unset' | 'usage',
		message: string,
	) {
		super(message);
	}
}

/**
 * Reads the file after checking, without reading, that it is a regular file of a sensible
 * size: a pipe or a device would never end, and a huge file would fill the memory.
 */
export async function readKeystoreFile(file: string, maxBytes: number): Promise<Buffer> {
	// Opening a pipe for reading waits for a writer, so look before opening; and open without
	// waiting, in case the file was swapped for a pipe in between.
	const described = await stat(file).catch((error: NodeJS.ErrnoException) => {
		throw unreadable(file, error.code);
	});
	if (!described.isFile()) {
		throw unreadable(file, described.isDirectory() ? 'EISDIR' : 'NOTFILE');
	}
	if (described.size > maxBytes) {
		throw tooLargeError(file, described.size, maxBytes);
	}
	const handle = await open(file, constants.O_RDONLY | constants.O_NONBLOCK).catch(
		(error: NodeJS.ErrnoException) => {
			throw unreadable(file, error.code);
		},
	);
	try {
		return await handle.readFile();
	} finally {
		await handle.close();
	}
}

function unreadable(file: string, code: string | undefined): UsageError {
	const why: Record<string, string> = {
		ENOENT: 'does not exist. Check the path',
		EISDIR: 'is a folder. Name the keystore file inside it',
		EACCES: 'cannot be read: permission denied. Check its permissions',
		NOTFILE: 'is not a regular file (a pipe or a device). Name the keystore file itself',
	};
	return new UsageError(
		'file_unreadable',
		`"${file}" ${why[code ?? ''] ?? 'cannot be read. Check that it is a readable file'}.`,
	);
}

export function fromEnvironment(
	name: string | undefined,
	what: string,
	file: string,
): string | undefined {
	if (name === undefined) {
		return undefined;
	}
	const value = process.env[name];
	if (value === undefined) {
		throw new UsageError(
			'password_env_unset',
			`The environment variable ${name}, named for the ${what} of "${file}", is not set. ` +
				`Set it to the ${what}, for example: read -rs ${name} && export ${name}`,
		);
	}
	return value;
}
