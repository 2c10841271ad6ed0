import { X509Certificate, type KeyObject } from 'node:crypto';
import { lookup } from 'node:dns/promises';
import type { LookupAddress } from 'node:dns';
import { isIP } from 'node:net';
import { performance } from 'node:perf_hooks';
import {
	SIGNATURE_HEADER,
	hubSignature,
	sampleEvent,
	type SigningAlgorithm,
} from '../webhooks/signature';
import {
	alertNumber,
	diagnoseAlert,
	diagnoseCertificatePage,
	diagnoseSilentClose,
	diagnoseStatus,
	errorCode,
	type ClientFacts,
} from './diagnosis';
import type { Diagnosis, HttpFacts, StepName, TestReport, TestStep, TlsFacts } from './model';
import { ServerTrustError, Session, type ConnectionRecord, type Reply } from './session';

/** The client side of a test: the key and certificates from the keystore, in memory only. */
export interface ClientCertificate {
	readonly key: KeyObject;
	/** DER certificates, leaf first, then the intermediates to send with it. */
	readonly chain: readonly Buffer[];
	/** The Identifier of the leaf (its SHA-256 fingerprint). */
	readonly identifier: string;
	/** What the keystore check found, to explain a refusal. */
	readonly facts: Omit<ClientFacts, 'offered'>;
}

export interface ConnectionTestOptions {
	/** The webhook URL; HTTPS only. */
	readonly url: string;
	/** The client certificate to present; none tests what the receiver does without one. */
	readonly client?: ClientCertificate | undefined;
	/** Extra trusted roots (PEM) for the server's certificate, besides Node's own. */
	readonly ca?: string | undefined;
	/** Go on although the server's certificate is not trusted (testing only; reported). */
	readonly acceptUntrustedServer?: boolean;
	/** Sign the sample event as the platform does, with the hub secret. */
	readonly hub?: { readonly secret: string; readonly algorithm: SigningAlgorithm } | undefined;
	/** The event name the sample delivery carries. */
	readonly event?: string | undefined;
	/** Headers the integration sends with every delivery. */
	readonly headers?: Record<string, string> | undefined;
	/** Time-out of each step, in milliseconds; the platform's is 10 s. */
	readonly timeoutMs?: number;
	/** After a success, repeat the HEAD without a client certificate (on by default). */
	readonly checkEnforcement?: boolean;
	readonly signal?: AbortSignal | undefined;
}

/** A URL the test cannot use; raised before anything is sent. */
export class UnusableUrlError extends Error {}

/**
 * Tests a webhook receiver the way the platform uses it: DNS, TCP, TLS with our client
 * certificate, a HEAD that must answer 200, then a sample JSON event POSTed (and signed when a
 * hub secret is set), each step timed and every failure put in plain words. Redirects are never
 * followed, so the client certificate goes to no other host.
 */
export async function testConnection(options: ConnectionTestOptions): Promise<TestReport> {
	const url = checkedUrl(options.url);
	const timeoutMs = options.timeoutMs ?? 10_000;
	const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
	const client: ClientFacts = { offered: options.client !== undefined, ...options.client?.facts };
	const steps: TestStep[] = [];
	const warnings: string[] = [];
	const finish = (diagnosis: Diagnosis, extra: Partial<TestReport> = {}): TestReport => ({
		ok: diagnosis.code === 'ok',
		url: url.href,
		steps,
		diagnosis,
		warnings,
		...extra,
	});

	// DNS, on its own so that it is timed and a wrong name is told apart from a refusal.
	let address: LookupAddress;
	const family = isIP(host);
	if (family !== 0) {
		address = { address: host, family };
		steps.push(
			step('dns', true, 0, `${host} is an IP address: no lookup, and no server name sent`),
		);
	} else {
		const started = performance.now();
		try {
			address = await withTimeout(lookup(host), timeoutMs, options.signal);
			steps.push(step('dns', true, since(started), `${host} is ${address.address}`));
		} catch (error) {
			const timedOut = error instanceof TimeoutError;
			steps.push(step('dns', false, since(started), timedOut ? 'no answer' : 'no such host'));
			return finish(
				timedOut
					? timeout(`The name ${host} was not resolved within ${timeoutMs / 1000} s.`)
					: {
							code: 'host_not_found',
							message: `The name ${host} does not resolve to an address. Check the URL.`,
						},
			);
		}
	}
	const extra: { address: string; tls?: TlsFacts; http?: HttpFacts } = {
		address: address.address,
	};

	const session = new Session(url, {
		address,
		...(options.client ? { client: clientPem(options.client) } : {}),
		...(options.ca === undefined ? {} : { ca: options.ca }),
		acceptUntrustedServer: options.acceptUntrustedServer ?? false,
		timeoutMs,
		signal: options.signal,
	});
	try {
		// HEAD: the platform's own check of an endpoint, which must answer 200.
		let head: Reply;
		try {
			head = await session.request('HEAD', undefined, options.headers);
		} catch (error) {
			return finish(connectionFailure(error, session, steps, client, 'head'), extra);
		}
		pushConnectionSteps(session.connection, steps, undefined);
		extra.tls = tlsFacts(session.connection, options);
		if (extra.tls.acceptedUntrustedServer) {
			warnings.push(
				`The receiver's certificate is not trusted (${extra.tls.serverTrustProblem ?? ''}); ` +
					'the test went on only because this integration accepts an untrusted server ' +
					'certificate, which is for testing only.',
			);
		}
		steps.push(step('head', head.status === 200, head.ms, `HTTP ${head.status}`));
		extra.http = { status: head.status, headStatus: head.status };
		if (head.status !== 200) {
			return finish(await refusal(session, head, 'HEAD', client), extra);
		}

		// POST: a sample event, signed as the platform signs it.
		const body = sampleEvent(options.event);
		const headers: Record<string, string> = {
			...options.headers,
			'content-type': 'application/json',
		};
		if (options.hub) {
			headers[SIGNATURE_HEADER] = hubSignature(body, options.hub.secret, options.hub.algorithm);
		}
		let post: Reply;
		try {
			post = await session.request('POST', body, headers);
		} catch (error) {
			return finish(connectionFailure(error, session, steps, client, 'post'), extra);
		}
		steps.push(step('post', post.status === 200, post.ms, `HTTP ${post.status}`));
		extra.http = {
			status: post.status,
			headStatus: head.status,
			postStatus: post.status,
			...(options.hub ? { signatureAlgorithm: options.hub.algorithm } : {}),
		};
		if (post.status !== 200) {
			return finish(await refusal(session, post, 'POST', client), extra);
		}
	} finally {
		await session.close();
	}

	const report = finish(
		{
			code: 'ok',
			message: options.client
				? 'The receiver accepted our client certificate and answered HEAD and POST with 200.'
				: 'The receiver answered HEAD and POST with 200 without any client certificate.',
		},
		extra,
	);
	if (options.client && (options.checkEnforcement ?? true)) {
		const enforced = await checkEnforcement(url, address, options, timeoutMs, steps);
		if (!enforced) {
			warnings.push(
				'The receiver also accepted a request without any client certificate: it does not ' +
					'require mutual TLS, so the certificate protects nothing. Ask its administrator ' +
					'to require client certificates (nginx: ssl_verify_client on).',
			);
		}
		return { ...report, mtlsEnforced: enforced };
	}
	return report;
}

/** A report for a keystore that holds no private key: nothing to connect with. */
export function noClientKeyReport(url: string, file: string): TestReport {
	return {
		ok: false,
		url,
		steps: [],
		warnings: [],
		diagnosis: {
			code: 'no_client_key',
			message:
				`"${file}" holds no private key, so it cannot present a client certificate. ` +
				'Use the keystore that holds the key and certificate together.',
		},
	};
}

function checkedUrl(text: string): URL {
	let url: URL;
	try {
		url = new URL(text);
	} catch {
		throw new UnusableUrlError(`"${text}" is not a URL.`);
	}
	if (url.protocol !== 'https:') {
		throw new UnusableUrlError(
			`"${text}" is not an HTTPS URL: webhooks secured with mutual TLS use https://.`,
		);
	}
	return url;
}

function clientPem(client: ClientCertificate) {
	return {
		key: client.key,
		chainPem: client.chain.map((der) => new X509Certificate(der).toString()).join(''),
	};
}

function step(name: StepName, ok: boolean, ms: number, detail: string): TestStep {
	return { name, ok, ms: Math.round(ms * 10) / 10, detail };
}

function since(started: number): number {
	return performance.now() - started;
}

function timeout(message: string): Diagnosis {
	return { code: 'timeout', message };
}

/** The TCP and TLS steps of the first connection, as far as it got. */
function pushConnectionSteps(
	record: ConnectionRecord | undefined,
	steps: TestStep[],
	tlsFailure: string | undefined,
): void {
	if (!record || steps.some((s) => s.name === 'tcp')) {
		return;
	}
	const { started, connected, secured } = record;
	if (connected === undefined) {
		steps.push(step('tcp', false, since(started), 'no connection'));
		return;
	}
	steps.push(step('tcp', true, connected - started, 'connected'));
	const ms = (secured ?? performance.now()) - connected;
	if (tlsFailure !== undefined || secured === undefined) {
		steps.push(step('tls', false, ms, tlsFailure ?? 'no handshake'));
	} else {
		steps.push(step('tls', true, ms, `${record.version ?? ''} ${record.cipher ?? ''}`.trim()));
	}
}

function tlsFacts(record: ConnectionRecord | undefined, options: ConnectionTestOptions): TlsFacts {
	const trusted = record?.serverTrusted ?? false;
	return {
		version: record?.version ?? 'unknown',
		cipher: record?.cipher ?? 'unknown',
		clientCertificate: options.client?.identifier ?? null,
		serverChain: record?.serverChain ?? [],
		serverTrusted: trusted,
		...(record?.serverTrustProblem ? { serverTrustProblem: record.serverTrustProblem } : {}),
		acceptedUntrustedServer: !trusted && (options.acceptUntrustedServer ?? false),
	};
}

/**
 * What a thrown request means. undici reports a peer's TLS alert as "other side closed", so the
 * socket's own error, recorded by the connector, is read first.
 */
function connectionFailure(
	error: unknown,
	session: Session,
	steps: TestStep[],
	client: ClientFacts,
	during: 'head' | 'post',
): Diagnosis {
	const record = session.connection;
	if (error instanceof ServerTrustError) {
		pushConnectionSteps(record, steps, error.diagnosis.message);
		return error.diagnosis;
	}
	const cause = record?.socketError ?? error;
	const alert = alertNumber(cause) ?? alertNumber(error);
	if (alert !== undefined) {
		const diagnosis = diagnoseAlert(alert, client);
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
			steps.push(step(during, false, 0, 'no answer in time'));
		}
		return timeout(
			record?.connected === undefined
				? 'The receiver did not accept the connection in time: a firewall may drop it.'
				: secured
					? `The receiver did not answer the ${during.toUpperCase()} in time.`
					: 'The receiver accepted the connection but did not complete the TLS handshake ' +
						'in time.',
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
	if (secured && during === 'head') {
		pushConnectionSteps(record, steps, 'closed by the receiver right after the handshake');
		return diagnoseSilentClose(client);
	}
	pushConnectionSteps(record, steps, secured ? undefined : 'closed by the receiver');
	if (secured) {
		steps.push(step(during, false, 0, 'closed without a reply'));
		return {
			code: 'http_status',
			message: `The receiver closed the connection without answering the ${during.toUpperCase()}.`,
		};
	}
	return {
		code: 'connection_refused',
		message: 'The receiver closed the connection during the TLS handshake without saying why.',
	};
}

/** A status other than 200; nginx's 400 pages name a certificate problem, read them. */
async function refusal(
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

/** Repeats the HEAD with no client certificate; true when the receiver refused it. */
async function checkEnforcement(
	url: URL,
	address: LookupAddress,
	options: ConnectionTestOptions,
	timeoutMs: number,
	steps: TestStep[],
): Promise<boolean> {
	const session = new Session(url, {
		address,
		...(options.ca === undefined ? {} : { ca: options.ca }),
		acceptUntrustedServer: options.acceptUntrustedServer ?? false,
		timeoutMs,
		signal: options.signal,
	});
	const started = performance.now();
	try {
		const reply = await session.request('HEAD', undefined, options.headers);
		const refused = reply.status !== 200;
		steps.push(
			step(
				'without-certificate',
				refused,
				since(started),
				refused
					? `refused without a client certificate (HTTP ${reply.status})`
					: 'accepted without a client certificate (HTTP 200)',
			),
		);
		return refused;
	} catch {
		steps.push(
			step('without-certificate', true, since(started), 'refused without a client certificate'),
		);
		return true;
	} finally {
		await session.close();
	}
}

class TimeoutError extends Error {}

function withTimeout<T>(promise: Promise<T>, ms: number, signal?: AbortSignal): Promise<T> {
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => reject(new TimeoutError()), ms);
		signal?.addEventListener('abort', () => reject(new TimeoutError()), { once: true });
		promise.then(
			(value) => {
				clearTimeout(timer);
				resolve(value);
			},
			(error: unknown) => {
				clearTimeout(timer);
				reject(error instanceof Error ? error : new Error(String(error)));
			},
		);
	});
}
