import type { KeyObject } from 'node:crypto';
import type { LookupAddress } from 'node:dns';
import { Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import {
	checkServerIdentity,
	createSecureContext,
	type DetailedPeerCertificate,
	type TLSSocket,
} from 'node:tls';
import { Agent, buildConnector, request } from 'undici';
import { parseCertificate } from '../keystore/certificate';
import { defaultRoots } from './caFile';
import { describeTrustProblem } from './serverTrust';
import type { Diagnosis, ServerCertificate } from './model';

/** How to reach the receiver and whom to trust: one TLS configuration for one test. */
export interface SessionOptions {
	readonly address: LookupAddress;
	/** The client key and its chain (PEM, leaf first), or none to connect without. */
	readonly client?: { readonly key: KeyObject; readonly chainPem: string };
	/** Extra trusted roots (PEM) added to Node's own; none means Node's defaults. */
	readonly ca?: string;
	readonly acceptUntrustedServer: boolean;
	readonly timeoutMs: number;
	readonly signal?: AbortSignal | undefined;
}

/** What the first connection of a session showed, timed from the connector's start. */
export interface ConnectionRecord {
	readonly started: number;
	connected?: number;
	secured?: number;
	version?: string;
	cipher?: string;
	serverChain?: ServerCertificate[];
	serverTrusted?: boolean;
	serverTrustProblem?: string;
	/** Set when the server's certificate ended the connection before any request. */
	trustFailure?: Diagnosis;
	/** The first error the socket raised: it carries the TLS alert that undici reports vaguely. */
	socketError?: Error;
	/** Whether the server's hello had arrived (a cipher suite was agreed) when that error came. */
	errorAfterServerHello?: boolean;
}

export interface Reply {
	readonly status: number;
	readonly headers: Record<string, string | string[] | undefined>;
	/** The first 8 KB of the body, as text. */
	readonly body: string;
	readonly ms: number;
}

const BODY_LIMIT = 8 * 1024;

/**
 * One undici Agent with a connector that records what a test reports: TCP and TLS timings, the
 * server's chain and whether it is trusted, and socket errors. The server's certificate is
 * checked here, after the handshake and before any request is written, so that nothing is sent
 * to a server that is not trusted unless the user allowed that.
 */
export class Session {
	/** The first connection; later ones (after the server closed) are not recorded. */
	connection: ConnectionRecord | undefined;
	private readonly agent: Agent;
	/** Every socket opened, so that close() leaves none behind. */
	private readonly sockets = new Set<Socket>();

	constructor(
		private readonly url: URL,
		private readonly options: SessionOptions,
	) {
		const { address } = options;
		// Built once, so that loading keys and roots is not counted as connection time.
		const secureContext = createSecureContext({
			...(options.client
				? { key: options.client.key.export({ format: 'pem', type: 'pkcs8' }) }
				: {}),
			...(options.client ? { cert: options.client.chainPem } : {}),
			...(options.ca === undefined ? {} : { ca: [...defaultRoots(), options.ca] }),
		});
		const base = buildConnector({
			secureContext,
			// The server is checked below, so that its chain can be reported even when untrusted.
			rejectUnauthorized: false,
			maxCachedSessions: 0,
			timeout: options.timeoutMs,
			// The address the DNS step found: connect there, and nowhere else.
			lookup: (
				_host: string,
				lookupOptions: { all?: boolean | undefined },
				callback: (error: Error | null, result: string | LookupAddress[], family?: number) => void,
			) => {
				if (lookupOptions.all) {
					callback(null, [address]);
				} else {
					callback(null, address.address, address.family);
				}
			},
		});
		this.agent = new Agent({
			connect: (connectOptions, callback) => {
				const record: ConnectionRecord = { started: performance.now() };
				this.connection ??= record;
				const socket: unknown = base(connectOptions, (error, connected) => {
					if (error || !connected) {
						callback(error ?? new Error('no socket'), null);
						return;
					}
					record.secured = performance.now();
					const failure = this.inspectServer(connected as TLSSocket, record);
					if (failure) {
						connected.destroy();
						callback(new ServerTrustError(failure), null);
						return;
					}
					callback(null, connected);
				});
				// undici's connector returns the socket it opens (its type says void): the TCP step
				// is timed from it, and its errors carry the TLS alerts that undici words vaguely.
				if (socket instanceof Socket) {
					this.sockets.add(socket);
					socket.once('close', () => this.sockets.delete(socket));
					socket.once('connect', () => {
						record.connected = performance.now();
					});
					// The first error: undici destroys the socket with a vaguer one of its own after.
					socket.on('error', (error: Error) => {
						if (record.socketError === undefined) {
							record.socketError = error;
							record.errorAfterServerHello =
								'getCipher' in socket && (socket as TLSSocket).getCipher() !== undefined;
						}
					});
				}
			},
			headersTimeout: options.timeoutMs,
			bodyTimeout: options.timeoutMs,
		});
	}

	/** One request, never following a redirect; throws what undici threw. */
	async request(
		method: 'HEAD' | 'GET' | 'POST',
		body?: string,
		headers: Record<string, string> = {},
	): Promise<Reply> {
		const started = performance.now();
		const signal = AbortSignal.any([
			AbortSignal.timeout(this.options.timeoutMs),
			...(this.options.signal ? [this.options.signal] : []),
		]);
		const response = await request(this.url, {
			method,
			dispatcher: this.agent,
			headers: { 'user-agent': `mtls-webhooks/${MTLS_WEBHOOKS_VERSION}`, ...headers },
			...(body === undefined ? {} : { body }),
			signal,
		});
		let text = '';
		for await (const chunk of response.body) {
			text += String(chunk);
			if (text.length >= BODY_LIMIT) {
				break;
			}
		}
		return {
			status: response.statusCode,
			headers: response.headers,
			body: text.slice(0, BODY_LIMIT),
			ms: performance.now() - started,
		};
	}

	async close(): Promise<void> {
		await this.agent.destroy().catch(() => undefined);
		// undici may leave a closing socket open a while longer; a test is over, end it now.
		for (const socket of this.sockets) {
			socket.destroy();
		}
	}

	/** Records the TLS facts of a fresh connection; returns why it must not be used, if so. */
	private inspectServer(socket: TLSSocket, record: ConnectionRecord): Diagnosis | undefined {
		record.version = socket.getProtocol() ?? 'unknown';
		record.cipher = socket.getCipher().name;
		const peer = socket.getPeerCertificate(true);
		record.serverChain = serverChain(peer);
		const host = this.url.hostname.replace(/^\[(.*)\]$/, '$1');
		const identityError = peer.raw === undefined ? undefined : checkServerIdentity(host, peer);
		const [leaf] = record.serverChain;

		// Node puts a failed name check in authorizationError too; it is told apart here.
		const reason = socket.authorized
			? undefined
			: String(socket.authorizationError ?? 'unknown reason');
		let failure: Diagnosis | undefined;
		if (reason !== undefined && reason !== 'ERR_TLS_CERT_ALTNAME_INVALID') {
			const problem = describeTrustProblem(reason);
			record.serverTrustProblem = problem.words;
			failure =
				reason === 'CERT_HAS_EXPIRED'
					? {
							code: 'server_certificate_expired',
							message:
								`The receiver's certificate${leaf ? ` (${leaf.subject}) expired on ` + `${leaf.validTill.slice(0, 10)}` : ' has expired'}. ` +
								'Its administrator must renew it; until then no delivery can be trusted.',
						}
					: {
							code: 'server_certificate_untrusted',
							message:
								`The receiver's certificate is not trusted: ${problem.words}. ` + problem.advice,
						};
		} else if (identityError ?? reason) {
			record.serverTrustProblem = `it is not for ${host}`;
			failure = {
				code: 'hostname_mismatch',
				message:
					`The receiver's certificate is not for ${host}` +
					(leaf ? ` (it is for ${certificateNames(peer)})` : '') +
					'. Check the URL, or ask the receiver to add this name to its certificate.',
			};
		}
		record.serverTrusted = failure === undefined;
		return this.options.acceptUntrustedServer ? undefined : failure;
	}
}

/** Thrown by the connector when the server's certificate is refused. */
export class ServerTrustError extends Error {
	constructor(readonly diagnosis: Diagnosis) {
		super(diagnosis.message);
		this.name = 'ServerTrustError';
	}
}

function serverChain(peer: DetailedPeerCertificate): ServerCertificate[] {
	const chain: ServerCertificate[] = [];
	const now = Date.now();
	for (
		let current: DetailedPeerCertificate | undefined = peer;
		current?.raw !== undefined && chain.length < 10;
		current = current.issuerCertificate === current ? undefined : current.issuerCertificate
	) {
		const { facts } = parseCertificate(current.raw);
		chain.push({
			subject: facts.subject,
			issuer: facts.issuer,
			validTill: facts.notAfter,
			expired: Date.parse(facts.notAfter) < now,
		});
	}
	return chain;
}

function certificateNames(peer: DetailedPeerCertificate): string {
	const names = (peer.subjectaltname ?? '')
		.split(', ')
		.map((name) => name.replace(/^(DNS|IP Address):/, ''))
		.filter(Boolean);
	return names.length > 0 ? names.join(', ') : String(peer.subject?.CN ?? 'no name');
}
