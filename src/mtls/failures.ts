import { alertNumber, errorCode } from './alerts';
import { diagnoseAlert, diagnoseSilentClose, type ClientFacts } from './diagnosis';
import { diagnoseCertificatePage, diagnoseStatus } from './httpDiagnosis';
import type { Diagnosis, TestStep } from './model';
import { ServerTrustError, type Reply, type Session } from './session';
import { pushConnectionSteps, since, step, timeout } from './steps';

/**
 * What a thrown request means. undici reports a peer's TLS alert as "other side closed", so the
 * socket's own error, recorded by the connector, is read first.
 */
export function connectionFailure(
	error: unknown,
	session: Session,
	steps: TestStep[],
	client: ClientFacts,
	during: 'head' | 'post',
	started: number,
): Diagnosis {
	const record = session.connection;
	if (error instanceof ServerTrustError) {
		pushConnectionSteps(record, steps, error.diagnosis.message);
		return error.diagnosis;
	}
	const cause = record?.socketError ?? error;
	const alert = alertNumber(cause) ?? alertNumber(error);
	if (alert !== undefined) {
		const diagnosis = diagnoseAlert(alert, client, {
			afterServerHello: record?.errorAfterServerHello ?? false,
		});
		pushConnectionSteps(record, steps, `alert ${alert} from the receiver`);
		return diagnosis;
	}
	const code = errorCode(cause) ?? errorCode(error);
	const timedOut =
		code === 'UND_ERR_CONNECT_TIMEOUT' ||
		code === 'UND_ERR_HEADERS_TIMEOUT' ||
		code === 'UND_ERR_BODY_TIMEOUT' ||
		code === 'ETIMEDOUT' ||
		(error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError'));
	if (code === 'ECONNREFUSED') {
		pushConnectionSteps(record, steps, undefined);
		return {
			code: 'connection_refused',
			message:
				`Nothing accepts connections at ${record ? 'that address and port' : 'the URL'}` +
				': the receiver is down, or the port is wrong, or a firewall refuses us.',
		};
	}
	if (timedOut) {
		const secured = record?.secured !== undefined;
		pushConnectionSteps(record, steps, secured ? undefined : 'no answer in time');
		if (secured) {
			steps.push(step(during, false, since(started), 'no answer in time'));
		}
		return timeout(
			record?.connected === undefined
				? 'The receiver did not accept the connection in time: a firewall may drop it, or ' +
						'the host is down.'
				: secured
					? `The receiver did not answer the ${during.toUpperCase()} within the time-out ` +
						"(the integration's timeoutSeconds or --timeout; 10 s by default, as on the " +
						'platform). ' +
						(during === 'head'
							? 'The platform checks an endpoint with a HEAD that must answer 200 in ' +
								'time: the receiver must answer HEAD, and quickly.'
							: 'The platform would count the delivery as failed: the receiver must ' +
								'answer within the time-out.')
					: 'The receiver accepted the connection but did not complete the TLS handshake ' +
						'in time: check that the port of the URL is its HTTPS port.',
		);
	}
	if (code === 'ERR_SSL_WRONG_VERSION_NUMBER' || code === 'ERR_SSL_PACKET_LENGTH_TOO_LONG') {
		pushConnectionSteps(record, steps, 'the server does not speak TLS');
		return {
			code: 'protocol_version',
			message:
				'The receiver does not answer with TLS on this port: it may serve plain HTTP ' +
				'there. Check the port of the URL.',
		};
	}
	const secured = record?.secured !== undefined;
	if (secured && (isParserError(cause) || isParserError(error))) {
		// undici's HTTP parser: the TLS connection, and so our certificate, was accepted.
		pushConnectionSteps(record, steps, undefined);
		steps.push(step(during, false, since(started), 'the reply is not HTTP/1.1'));
		return {
			code: 'bad_reply',
			message:
				`The receiver accepted the TLS connection with our certificate, but its reply to ` +
				`the ${during.toUpperCase()} is not valid HTTP/1.1. Something other than a web ` +
				'server may listen on this port: check the port of the URL.',
		};
	}
	if (secured && during === 'head') {
		pushConnectionSteps(record, steps, 'closed by the receiver right after the handshake');
		return diagnoseSilentClose(client);
	}
	pushConnectionSteps(record, steps, secured ? undefined : 'closed by the receiver');
	if (secured) {
		steps.push(step(during, false, since(started), 'closed without a reply'));
		return {
			code: 'bad_reply',
			message:
				`The receiver closed the connection without answering the ${during.toUpperCase()}: ` +
				'it accepted our certificate, then failed on the request. Its log says why.',
		};
	}
	return {
		code: 'connection_refused',
		message:
			'The receiver closed the connection during the TLS handshake without saying why. Check ' +
			'that the port of the URL is its HTTPS port; its log says why it hung up.',
	};
}

/** undici's HTTP parser refused the reply; its code (HPE_…) is not always set. */
function isParserError(error: unknown): boolean {
	return (
		error instanceof Error &&
		(error.name === 'HTTPParserError' || (errorCode(error)?.startsWith('HPE_') ?? false))
	);
}

/** A status other than 200; nginx's 400 pages name a certificate problem, read them. */
export async function refusal(
	session: Session,
	reply: Reply,
	method: 'HEAD' | 'POST',
	client: ClientFacts,
): Promise<Diagnosis> {
	if (reply.status === 400) {
		// A HEAD reply has no body: ask again with GET to read the page.
		let page = reply.body;
		if (method === 'HEAD') {
			page = await session.request('GET').then(
				(again) => again.body,
				() => '',
			);
		}
		const fromPage = diagnoseCertificatePage(page, client);
		if (fromPage) {
			return fromPage;
		}
	}
	const location = reply.headers['location'];
	return diagnoseStatus(reply.status, method, typeof location === 'string' ? location : undefined);
}
