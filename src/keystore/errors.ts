/**
 * Why a keystore could not be read. Each code is stable (the CLI prints it, the extension
 * decides what to ask from it) and each message names the file and says what to do.
 */
export const KEYSTORE_ERROR_CODES = [
	'wrong_password',
	'key_password_required',
	'integrity_check_failed',
	'truncated_or_malformed',
	'unsupported_algorithm',
	'unsupported_format',
	'not_a_keystore',
	'pem_not_pkcs12',
	'base64_text_not_der',
	'empty_file',
	'too_large',
	'too_expensive',
] as const;

export type KeystoreErrorCode = (typeof KEYSTORE_ERROR_CODES)[number];

/** Extra facts a caller may act on, for example which alias needs its own key password. */
export interface KeystoreErrorDetail {
	readonly alias?: string;
	readonly algorithm?: string;
}

export class KeystoreError extends Error {
	constructor(
		public readonly code: KeystoreErrorCode,
		message: string,
		public readonly detail: KeystoreErrorDetail = {},
	) {
		super(message);
		this.name = 'KeystoreError';
	}
}

/**
 * An error found deep in a parser, before the file name is known: `read` turns it into a
 * KeystoreError with a full sentence. `what` says, in plain words, what was being read.
 */
export class MalformedError extends Error {
	constructor(public readonly what: string) {
		super(what);
		this.name = 'MalformedError';
	}
}

/** An algorithm the engine knows it cannot handle, named for the user. */
export class UnsupportedAlgorithmError extends Error {
	constructor(
		public readonly algorithm: string,
		public readonly purpose: string,
	) {
		super(`${purpose}: ${algorithm}`);
		this.name = 'UnsupportedAlgorithmError';
	}
}

/** A key derivation that asks for more iterations than the caller allows. */
export class TooExpensiveError extends Error {
	constructor(
		public readonly iterations: number,
		public readonly limit: number,
		public readonly purpose: string,
	) {
		super(`${purpose}: ${iterations} iterations`);
		this.name = 'TooExpensiveError';
	}
}

/** How a password failed, for the message. */
export interface PasswordErrorDetail {
	/** The alias of the key concerned. */
	readonly alias?: string | undefined;
	/** Whether any store password was given at all. */
	readonly passwordGiven?: boolean;
	/** Whether a key password was given (and so was wrong). */
	readonly keyPasswordGiven?: boolean;
	/** The file may have been saved with two passwords (openssl -twopass). */
	readonly twoPasswords?: boolean;
}

/** The given password did not open the keystore, or opened it but found it altered. */
export class PasswordError extends Error {
	constructor(
		public readonly reason: 'wrong_password' | 'integrity_check_failed' | 'key_password_required',
		public readonly detail: PasswordErrorDetail = {},
	) {
		super(reason);
		this.name = 'PasswordError';
	}
}

/** A recognised container in a form the engine does not read. */
export class UnsupportedFormatError extends Error {
	constructor(public readonly what: string) {
		super(what);
		this.name = 'UnsupportedFormatError';
	}
}
