/**
 * Receivers that fail in ways the common servers do not show: one that answers the handshake
 * with a given TLS alert, one that completes mutual TLS and then does not speak HTTP/1.1, and
 * an HTTP/2-only server. Each is a real peer on loopback.
 */
import { createSecureServer } from 'node:http2';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { createServer as createTlsServer, type TLSSocket } from 'node:tls';
import { pki, type Peer } from './index';

function listening(server: Server, sockets: Set<Socket>): Promise<Peer> {
	server.on('connection', (socket: Socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	return new Promise((resolve) =>
		server.listen(0, '127.0.0.1', () =>
			resolve({
				port: (server.address() as AddressInfo).port,
				close: () =>
					new Promise((closed) => {
						sockets.forEach((socket) => socket.destroy());
						server.close(() => closed());
					}),
			}),
		),
	);
}

/**
 * Reads the client's hello and answers with a fatal TLS alert record of this number, as a
 * server does that refuses the handshake at once.
 */
export function startAlertServer(alert: number): Promise<Peer> {
	const server = createServer((socket) => {
		socket.once('data', () => socket.end(Buffer.from([0x15, 0x03, 0x03, 0x00, 0x02, 0x02, alert])));
		socket.on('error', () => undefined);
	});
	return listening(server, new Set());
}

/**
 * Requires and verifies a client certificate from the client CA, then answers whatever it is
 * sent with `reply`, which is not HTTP: a service on the wrong port.
 */
export function startNotHttpServer(reply: string): Promise<Peer & { verified: string[] }> {
	const verified: string[] = [];
	const server = createTlsServer(
		{
			cert: pki('server.crt'),
			key: pki('server.key'),
			ca: pki('client-ca.pem'),
			requestCert: true,
			rejectUnauthorized: true,
		},
		(socket: TLSSocket) => {
			verified.push(String(socket.getPeerCertificate().subject?.CN ?? ''));
			socket.once('data', () => socket.end(reply));
			socket.on('error', () => undefined);
		},
	);
	return listening(server, new Set()).then((peer) => ({ ...peer, verified }));
}

/** Node's HTTP/2 server without HTTP/1.1: it refuses our ALPN offer with alert 120. */
export function startHttp2OnlyServer(): Promise<Peer> {
	const server = createSecureServer({
		cert: pki('server.crt'),
		key: pki('server.key'),
		allowHTTP1: false,
	});
	server.on('stream', (stream) => stream.respond({ ':status': 200 }, { endStream: true }));
	return listening(server, new Set());
}
