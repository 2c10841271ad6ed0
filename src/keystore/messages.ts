import { basename, dirname, extname, join } from 'node:path';
import { quote } from 'shell-quote';
import {
	KeystoreError,
	MalformedError,
	PasswordError,
	TooExpensiveError,
	UnsupportedAlgorithmError,
	UnsupportedFormatError,
} from './errors';
import type { Sniffed } from './sniff';

/**
 * Turns anything a reader threw into a KeystoreError whose message names the file and says
 * what to do. Messages say which password is needed, not how to give it: the extension asks,
 * the command-line tool names its options.
 */
export function toKeystoreError(error: unknown, fileName: string, format: string): KeystoreError {
	const file = `"${fileName}"`;
	if (error instanceof KeystoreError) {
		return error;
	}
	if (error instanceof PasswordError) {
		return passwordError(error, file, format);
	}
	if (error instanceof UnsupportedAlgorithmError) {
		return new KeystoreError(
			'unsupported_algorithm',
			`${file} uses ${error.algorithm} for its ${error.purpose}, which mTLS Webhooks cannot ` +
				'read. Export the keystore again with current defaults, for example: openssl ' +
				'pkcs12 -export -inkey key.pem -in cert.pem -certfile chain.pem -out client.p12',
			{ algorithm: error.algorithm },
		);
	}
	if (error instanceof TooExpensiveError) {
		const what =
			error.purpose === 'key derivations in all'
				? 'key-derivation iterations in all'
				: `key-derivation iterations for its ${error.purpose}`;
		// Three derivations (MAC, certificates, key) at the suggested count fit the limit.
		const fewer = Math.min(
			600_000,
			error.purpose === 'key derivations in all' ? Math.floor(error.limit / 4) : error.limit,
		);
		return new KeystoreError(
			'too_expensive',
			`${file} asks for ${count(error.iterations)} ${what}, more than the limit of ` +
				`${count(error.limit)}. Export it again with fewer (openssl pkcs12 -export ` +
				`-iter ${fewer}), or raise the limit if you trust the file.`,
		);
	}
	if (error instanceof UnsupportedFormatError) {
		return new KeystoreError(
			'unsupported_format',
			`${file} is ${error.what}, which mTLS Webhooks does not read. Export the client ` +
				'certificate and key as a password-protected PKCS#12 (.p12) file.',
		);
	}
	// MalformedError names what could not be read; anything else a library threw while reading
	// bytes that passed the format check also means the bytes are not what they claim.
	const what = error instanceof MalformedError ? ` (${error.what})` : '';
	return new KeystoreError(
		'truncated_or_malformed',
		`${file} looks like a ${format} keystore but is damaged or cut short${what}. Copy or ` +
			'export it again from its source.',
	);
}

function count(value: number): string {
	return value.toLocaleString('en-US');
}

function passwordError(error: PasswordError, file: string, format: string): KeystoreError {
	const {
		alias,
		passwordGiven = true,
		keyPasswordGiven = false,
		twoPasswords = false,
	} = error.detail;
	switch (error.reason) {
		case 'integrity_check_failed':
			return new KeystoreError(
				'integrity_check_failed',
				`${file}: the password opens the contents, but the integrity check fails: the ` +
					'file was damaged or changed after it was saved' +
					(twoPasswords
						? ', or it was saved with a separate integrity password (openssl -twopass). ' +
							'Copy or export it again from its source; or give the integrity password ' +
							'as the store password and the password that opened the contents as the ' +
							'key password.'
						: '. Copy or export it again from its source.'),
			);
		case 'key_password_required': {
			const subject = twoPasswords
				? 'the store password checks the integrity but does not decrypt the contents: the ' +
					'file was saved with a second password'
				: `the private key "${alias ?? ''}" has a password of its own, different from the ` +
					'store password';
			const ask = keyPasswordGiven
				? 'The key password given is not it either; give the right one.'
				: 'Give the key password.';
			return new KeystoreError(
				'key_password_required',
				`${file}: ${subject}. ${ask}`,
				alias === undefined ? {} : { alias },
			);
		}
		case 'wrong_password':
			return new KeystoreError(
				'wrong_password',
				passwordGiven
					? `${file}: the password does not open this ${format} keystore. Give the ` +
							'password it was saved with.'
					: `${file} is a ${format} keystore protected by a password. Give its password.`,
			);
	}
}

/**
 * A file name for a command's output, next to the input and never the input itself, quoted
 * for a POSIX shell.
 */
function outputFor(fileName: string, extension: string): string {
	const stem = join(dirname(fileName), basename(fileName, extname(fileName)));
	const candidate = `${stem}${extension}`;
	return quote([candidate === fileName ? `${stem}-converted${extension}` : candidate]);
}

/** The error for a file whose content is not a keystore the engine reads. */
export function notKeystoreError(sniffed: Sniffed, fileName: string): KeystoreError {
	const file = `"${fileName}"`;
	const input = quote([fileName]);
	switch (sniffed.kind) {
		case 'empty':
			return new KeystoreError(
				'empty_file',
				`${file} is empty (0 bytes). Copy the keystore again; the transfer may have failed.`,
			);
		case 'pem':
			return new KeystoreError(
				'pem_not_pkcs12',
				`${file} is PEM text holding ${sniffed.holds}, not a keystore. Bundle the ` +
					'certificate and its key into one: openssl pkcs12 -export -inkey key.pem ' +
					`-in cert.pem -certfile chain.pem -out ${outputFor(fileName, '.p12')}`,
			);
		case 'base64': {
			const extension = sniffed.inner === 'pkcs12' ? '.p12' : '.jks';
			const name = sniffed.inner === 'pkcs12' ? 'PKCS#12' : sniffed.inner.toUpperCase();
			// A byte-order mark (Windows editors write one) is not base64: skip its 3 bytes.
			const read = sniffed.bom ? `tail -c +4 ${input} | ` : '';
			const from = sniffed.bom ? '' : ` ${input}`;
			const decode = sniffed.armored
				? `${read}sed '/^-----/d'${from} | base64 -d > ${outputFor(fileName, extension)}`
				: `${read}base64 -d${from} > ${outputFor(fileName, extension)}`;
			return new KeystoreError(
				'base64_text_not_der',
				`${file} holds a ${name} keystore written as base64 text` +
					`${sniffed.armored ? ' inside PEM lines' : ''}. Decode it first: ${decode}`,
			);
		}
		case 'jceks':
			return new KeystoreError(
				'unsupported_format',
				`${file} is a JCEKS keystore, which mTLS Webhooks does not read. Convert it to ` +
					`PKCS#12: keytool -importkeystore -srckeystore ${input} -srcstoretype JCEKS ` +
					`-destkeystore ${outputFor(fileName, '.p12')} -deststoretype PKCS12`,
			);
		default:
			return new KeystoreError(
				'not_a_keystore',
				`${file} is not a keystore: it is ${sniffed.kind === 'unknown' ? sniffed.looksLike : 'unreadable'}. ` +
					'Choose a .p12, .pfx or .jks file.',
			);
	}
}
