import { performance } from 'node:perf_hooks';
import type { Diagnosis, StepName, TestStep, TlsFacts } from './model';
import type { ConnectionRecord } from './session';

/** What the TLS facts of a report take from the test's options. */
export interface TlsOptions {
	readonly clientIdentifier: string | undefined;
	readonly acceptUntrustedServer: boolean;
}

export function step(name: StepName, ok: boolean, ms: number, detail: string): TestStep {
	return { name, ok, ms: Math.round(ms * 10) / 10, detail };
}

export function since(started: number): number {
	return performance.now() - started;
}

export function timeout(message: string): Diagnosis {
	return { code: 'timeout', message };
}

/** The TCP and TLS steps of the first connection, as far as it got. */
export function pushConnectionSteps(
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

export function tlsFacts(record: ConnectionRecord | undefined, options: TlsOptions): TlsFacts {
	const trusted = record?.serverTrusted ?? false;
	return {
		version: record?.version ?? 'unknown',
		cipher: record?.cipher ?? 'unknown',
		clientCertificate: options.clientIdentifier ?? null,
		serverChain: record?.serverChain ?? [],
		serverTrusted: trusted,
		...(record?.serverTrustProblem ? { serverTrustProblem: record.serverTrustProblem } : {}),
		acceptedUntrustedServer: !trusted && options.acceptUntrustedServer,
	};
}
