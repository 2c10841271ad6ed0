import { basename, extname } from 'node:path';
import {
	KeystoreError,
	MalformedError,
	PasswordError,
	TooExpensiveError,
	UnsupportedAlgorithmError,
	UnsupportedFormatError,
} from './errors';
import type { Sniffed } from './sniff';

/** Turns anything a reader threw into a KeystoreError whose message names the file. */
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
		return new KeystoreError(
			'too_expensive',
			`${file} asks for ${error.iterations.toLocaleString('en-US')} key-derivation ` +
				`iterations for its ${error.purpose}, more than the limit of ` +
				`${error.limit.toLocaleString('en-US')}. Export it again with fewer (openssl ` +
				'pkcs12 -export -iter 600000), or raise the limit if you trust the file.',
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

function passwordError(error: PasswordError, file: string, format: string): KeystoreError {
	switch (error.reason) {
		case 'integrity_check_failed':
			return new KeystoreError(
				'integrity_check_failed',
				`${file}: the password opens the contents, but the integrity check fails: the ` +
					'file was damaged or changed after it was saved. Copy or export it again ' +
					'from its source.',
			);
		case 'key_password_required':
			return new KeystoreError(
				'key_password_required',
				`${file}: the private key "${error.alias ?? ''}" has a password of its own, ` +
					'different from the store password. Enter the key password.',
				error.alias === undefined ? {} : { alias: error.alias },
			);
		case 'wrong_password':
			return new KeystoreError(
				'wrong_password',
				error.passwordGiven
					? `${file}: the password does not open this ${format} keystore. Enter the ` +
							'password it was saved with.'
					: `${file} is a ${format} keystore protected by a password. Enter its password.`,
			);
	}
}

/** The error for a file whose content is not a keystore the engine reads. */
export function notKeystoreError(sniffed: Sniffed, fileName: string): KeystoreError {
	const file = `"${fileName}"`;
	const stem = basename(fileName, extname(fileName));
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
					`-in cert.pem -certfile chain.pem -out ${stem}.p12`,
			);
		case 'base64':
			return new KeystoreError(
				'base64_text_not_der',
				`${file} holds a ${sniffed.inner === 'pkcs12' ? 'PKCS#12' : sniffed.inner.toUpperCase()} ` +
					'keystore written as base64 text. Decode it first: ' +
					`base64 -d ${fileName} > ${stem}.${sniffed.inner === 'pkcs12' ? 'p12' : 'jks'}`,
			);
		case 'jceks':
			return new KeystoreError(
				'unsupported_format',
				`${file} is a JCEKS keystore, which mTLS Webhooks does not read. Convert it to ` +
					`PKCS#12: keytool -importkeystore -srckeystore ${fileName} -srcstoretype JCEKS ` +
					`-destkeystore ${stem}.p12 -deststoretype PKCS12`,
			);
		default:
			return new KeystoreError(
				'not_a_keystore',
				`${file} is not a keystore: it is ${sniffed.kind === 'unknown' ? sniffed.looksLike : 'unreadable'}. ` +
					'Choose a .p12, .pfx or .jks file.',
			);
	}
}
