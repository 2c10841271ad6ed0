import { diagnosis, likelyCause, type ClientFacts } from './diagnosis';
import type { Diagnosis } from './model';

/**
 * An HTTP status that says the TLS layer refused our certificate: nginx completes the handshake
 * and answers 400 with a page that names the cause.
 */
export function diagnoseCertificatePage(body: string, client: ClientFacts): Diagnosis | undefined {
	if (/No required SSL certificate was sent/i.test(body)) {
		return diagnosis(
			'client_certificate_required',
			client.offered
				? 'The receiver (nginx) says no client certificate was sent, although one was ' +
						'offered: it asks only for certificates from CAs it trusts, and ours is not one.'
				: 'The receiver (nginx) requires a client certificate and none was sent. Add a ' +
						'certificate to the integration.',
		);
	}
	if (/The SSL certificate error/i.test(body)) {
		return (
			likelyCause(client) ??
			diagnosis(
				'unknown_ca',
				'The receiver (nginx) could not verify our client certificate. Nothing is wrong ' +
					'with the certificate itself, so most likely the receiver does not trust the CA ' +
					'that issued it: send its administrator the chain from Download. (It may also ' +
					'have been revoked: the error log of nginx names the reason.)',
			)
		);
	}
	return undefined;
}

/** The statuses after which Webex Connect does not retry a delivery, from its documentation. */
const NOT_RETRIED = new Set([
	202, 203, 204, 205, 206, 207, 208, 226, 300, 301, 302, 303, 304, 305, 306, 307, 308, 400, 402,
	404, 405, 406, 407, 408, 409, 410, 411, 414, 415, 416, 418, 505,
]);

/** A reply other than 200, which the platform takes as a failure: what it means. */
export function diagnoseStatus(
	status: number,
	method: 'HEAD' | 'POST',
	location?: string,
): Diagnosis {
	const what = `The receiver answered ${method} with HTTP ${status}`;
	let advice: string;
	if (status > 200 && status < 300) {
		advice = ', not 200: the platform counts only 200 as delivered.';
	} else if (status >= 300 && status < 400) {
		advice =
			`: a redirect${location ? ` to ${location}` : ''}, which was not followed, so that ` +
			'the client certificate is never presented to another address. Use the final URL.';
	} else if (status === 401 || status === 403) {
		advice =
			': it accepted the TLS connection but does not authorise this sender. Ask its ' +
			'administrator to allow our certificate (give them the Identifier) and, when the ' +
			'integration signs its events, to check the hub secret.';
	} else if (status === 404) {
		advice = ': the path of the URL is not one it serves. Check the URL.';
	} else if (status === 405) {
		advice =
			`: it does not allow ${method} at this URL. The platform checks an endpoint with a ` +
			'HEAD request that must answer 200 before it delivers events.';
	} else if (status === 413 && method === 'POST') {
		advice =
			': the body is larger than it accepts. The sample event is small, so real events ' +
			'will be refused too: raise its limit on request bodies.';
	} else if (status === 413) {
		advice = ': it finds the request too large, though a HEAD has no body: check its limits.';
	} else if (status >= 500) {
		advice = ': the receiver failed; its log says why. Deliveries are retried on such errors.';
	} else {
		advice = ', not 200.';
	}
	const final = NOT_RETRIED.has(status)
		? ' Webex Connect does not retry a delivery answered with this status.'
		: '';
	return diagnosis('http_status', `${what}${advice}${final}`);
}
