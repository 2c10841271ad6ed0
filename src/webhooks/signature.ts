import { createHmac } from 'node:crypto';

/** The algorithms a new integration may sign with; SHA-1 is only kept for older ones. */
export type SigningAlgorithm = 'sha256' | 'sha512' | 'sha1';

/** The header that carries the hub signature of a delivery. */
export const SIGNATURE_HEADER = 'x-hub-signature';

/**
 * The hub signature of a delivery: the hex HMAC of the raw body bytes, keyed with the hub
 * secret. The receiver computes the same over the bytes it got and compares.
 */
export function hubSignature(
	body: string | Buffer,
	secret: string,
	algorithm: SigningAlgorithm,
): string {
	return createHmac(algorithm, secret).update(body).digest('hex');
}

/** A sample delivery for Test: recognisable as a test, and shaped like a real event. */
export function sampleEvent(event: string | undefined, now = new Date()): string {
	return JSON.stringify({
		event: event ?? 'mtls-webhooks.test',
		test: true,
		sentAt: now.toISOString(),
		data: { message: 'A test delivery from mTLS Webhooks. It needs no action.' },
	});
}
