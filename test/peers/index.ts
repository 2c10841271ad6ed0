/**
 * Real TLS peers on loopback for the connection tests and the benchmark: Node's https, nginx
 * and `openssl s_server`, each started with the PKI of test/fixtures/mtls.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createHttpsServer } from 'node:https';
import { connect, createServer, type AddressInfo, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../harness/paths';
import { NGINX, ensureSystemPackages } from '../harness/systemPackages';

export const PKI = join(REPO_ROOT, 'test', 'fixtures', 'mtls');
export const PASSWORD = 'changeit';

export interface Peer {
	readonly port: number;
	close(): Promise<void>;
}

/** A port nothing listens on (the system gave it out and it was closed again). */
export async function freePort(): Promise<number> {
	const server = createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	await new Promise((resolve) => server.close(resolve));
	return port;
}

/** Waits until something accepts TCP connections on the port, or fails after `ms`. */
export async function accepting(port: number, what: string, ms = 10_000): Promise<void> {
	const deadline = Date.now() + ms;
	for (;;) {
		const open = await new Promise<boolean>((resolve) => {
			const socket = connect(port, '127.0.0.1')
				.once('connect', () => {
					socket.destroy();
					resolve(true);
				})
				.once('error', () => resolve(false));
		});
		if (open) {
			return;
		}
		if (Date.now() > deadline) {
			throw new Error(`${what} did not start listening on port ${port} within ${ms} ms`);
		}
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
}

function stop(child: ChildProcess): Promise<void> {
	return new Promise((resolve) => {
		if (child.exitCode !== null || child.signalCode !== null) {
			resolve();
			return;
		}
		child.once('exit', () => resolve());
		child.kill('SIGTERM');
	});
}

export function pki(name: string): Buffer {
	return readFileSync(join(PKI, name));
}

/** What the Node receiver saw of each request. */
export interface Delivery {
	readonly method: string;
	readonly path: string;
	readonly headers: Record<string, string | string[] | undefined>;
	readonly body: string;
	readonly clientCertificate: boolean;
}

export interface NodeReceiver extends Peer {
	readonly deliveries: Delivery[];
}

export interface NodeReceiverOptions {
	/** Stem of the server certificate and key in the PKI folder; `server` by default. */
	readonly server?: string;
	/** Ask for and require a client certificate from the client CA (true by default). */
	readonly requireClientCertificate?: boolean;
	/** Verify `x-hub-signature` with this secret (SHA-256 or SHA-512 by length) and answer 401. */
	readonly hubSecret?: string;
	/** Ask for a client certificate without requiring it, and never answer a request without. */
	readonly hangWithoutCertificate?: boolean;
	/** Ask for a client certificate without requiring it, and answer 500 to a request without. */
	readonly failWithoutCertificate?: boolean;
	/** The port to listen on; a free one by default. */
	readonly port?: number;
	/** PEM file of the CAs whose client certificates it accepts; the test PKI's by default. */
	readonly clientCa?: string;
}

/**
 * Node's https with `requestCert`: answers 200 to HEAD and POST on /hook, /signed and
 * /webhooks/..., 405 to HEAD on /no-head, and 404 elsewhere; with a hub secret, 401 to a POST
 * to /signed whose signature does not match. A POST to /drop-post is hung up on unanswered;
 * /moved redirects to a Location with control characters in it.
 */
export async function startNodeReceiver(options: NodeReceiverOptions = {}): Promise<NodeReceiver> {
	const server = options.server ?? 'server';
	const required = options.requireClientCertificate ?? true;
	const lax = options.hangWithoutCertificate === true || options.failWithoutCertificate === true;
	const deliveries: Delivery[] = [];
	const https = createHttpsServer(
		{
			cert: pki(`${server}.crt`),
			key: pki(`${server}.key`),
			ca: options.clientCa === undefined ? pki('client-ca.pem') : readFileSync(options.clientCa),
			requestCert: required || lax,
			rejectUnauthorized: required && !lax,
		},
		(request, response) => {
			const chunks: Buffer[] = [];
			request.on('data', (chunk: Buffer) => chunks.push(chunk));
			request.on('end', () => {
				const body = Buffer.concat(chunks);
				if (request.url === '/drop-post' && request.method === 'POST') {
					request.socket.destroy();
					return;
				}
				const socket = request.socket as import('node:tls').TLSSocket;
				if (socket.getPeerCertificate().raw === undefined) {
					if (options.hangWithoutCertificate) {
						return;
					}
					if (options.failWithoutCertificate) {
						response.statusCode = 500;
						response.end();
						return;
					}
				}
				deliveries.push({
					method: request.method ?? '',
					path: request.url ?? '',
					headers: request.headers,
					body: body.toString(),
					clientCertificate: socket.getPeerCertificate().raw !== undefined,
				});
				response.statusCode = statusFor(request.method, request.url, request.headers, body);
				if (request.url === '/moved') {
					// A C1 control character (CSI), as a hostile receiver could send it.
					response.setHeader('location', 'https://elsewhere.example/\x9b2J');
				}
				response.end();
			});
		},
	);
	const statusFor = (
		method = '',
		path = '',
		headers: Record<string, string | string[] | undefined>,
		body: Buffer,
	): number => {
		if (path === '/no-head' && method === 'HEAD') {
			return 405;
		}
		if (path === '/moved') {
			return 301;
		}
		if (
			!['/hook', '/signed', '/no-head', '/drop-post'].includes(path) &&
			!path.startsWith('/webhooks/')
		) {
			return 404;
		}
		if (method === 'POST' && path === '/signed' && options.hubSecret !== undefined) {
			const given = String(headers['x-hub-signature'] ?? '');
			const algorithm = given.length === 128 ? 'sha512' : 'sha256';
			const expected = createHmac(algorithm, options.hubSecret).update(body).digest('hex');
			return given === expected ? 200 : 401;
		}
		return 200;
	};
	await new Promise<void>((resolve) => https.listen(options.port ?? 0, '127.0.0.1', resolve));
	return {
		port: (https.address() as AddressInfo).port,
		deliveries,
		close: () =>
			new Promise((resolve) => {
				https.closeAllConnections();
				https.close(() => resolve());
			}),
	};
}

/**
 * `openssl s_server -Verify`: ends the handshake with an alert for a bad client certificate.
 * `extra` adds options, for example to offer only ciphers the client does not have.
 */
export async function startOpensslServer(extra: string[] = []): Promise<Peer> {
	const port = await freePort();
	const child = spawn(
		'openssl',
		['s_server', '-accept', `127.0.0.1:${port}`, '-cert', 'server.crt', '-key', 'server.key',
			'-CAfile', 'client-ca.pem', '-Verify', '3', '-verify_return_error', '-www', '-quiet',
			...extra], // prettier-ignore
		{ cwd: PKI, stdio: 'ignore' },
	);
	await accepting(port, 'openssl s_server');
	return { port, close: () => stop(child) };
}

export interface NginxOptions {
	/** `ssl_verify_client`: on (the default), or off for a receiver that does not ask. */
	readonly verifyClient?: 'on' | 'off';
	/** The port to listen on; a free one by default. */
	readonly port?: number;
	/** PEM file of the CAs whose client certificates it accepts; the test PKI's by default. */
	readonly clientCa?: string;
}

/**
 * nginx with `ssl_verify_client on`, the usual mTLS receiver: it completes the handshake and
 * answers 400 with a page that names a client-certificate problem. /hook and /webhooks/...
 * answer 200 to every method; /no-head answers HEAD with 405; /too-large takes no body.
 */
export async function startNginx(options: NginxOptions = {}): Promise<Peer> {
	const port = options.port ?? (await freePort());
	const dir = mkdtempSync(join(tmpdir(), 'mtls-nginx-'));
	const config = `
daemon off;
master_process off;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log info;
events { worker_connections 64; }
http {
	access_log off;
	client_body_temp_path ${dir}/body;
	proxy_temp_path ${dir}/proxy;
	fastcgi_temp_path ${dir}/fastcgi;
	uwsgi_temp_path ${dir}/uwsgi;
	scgi_temp_path ${dir}/scgi;
	server {
		listen 127.0.0.1:${port} ssl;
		ssl_certificate ${PKI}/server.crt;
		ssl_certificate_key ${PKI}/server.key;
		ssl_client_certificate ${options.clientCa ?? join(PKI, 'client-ca.pem')};
		ssl_verify_client ${options.verifyClient ?? 'on'};
		ssl_verify_depth 3;
		ssl_protocols TLSv1.2 TLSv1.3;
		location = /hook { return 200 "delivered\\n"; }
		location /webhooks/ { return 200 "delivered\\n"; }
		location = /no-head { if ($request_method = HEAD) { return 405; } return 200; }
		location = /too-large { client_max_body_size 1; return 200; }
		location / { return 404; }
	}
}
`;
	writeFileSync(join(dir, 'nginx.conf'), config);
	await ensureSystemPackages([NGINX]);
	const child = spawn(NGINX.file, ['-p', dir, '-c', join(dir, 'nginx.conf')], {
		stdio: ['ignore', 'ignore', 'pipe'],
	});
	let errors = '';
	child.stderr?.on('data', (chunk: Buffer) => (errors += chunk.toString()));
	try {
		await accepting(port, 'nginx');
	} catch (error) {
		await stop(child);
		throw new Error(`${(error as Error).message}\n${errors}`);
	}
	return {
		port,
		close: async () => {
			await stop(child);
			rmSync(dir, { recursive: true, force: true });
		},
	};
}

/** A TCP server that accepts and then says nothing: a receiver that hangs. */
export async function startSilentServer(): Promise<Peer> {
	const sockets = new Set<import('node:net').Socket>();
	const server: Server = createServer((socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		port: (server.address() as AddressInfo).port,
		close: () =>
			new Promise((resolve) => {
				sockets.forEach((socket) => socket.destroy());
				server.close(() => resolve());
			}),
	};
}
