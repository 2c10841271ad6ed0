/** What the connection tests share: the client keystores, a test run, and checks. */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openKeystore } from '../../../src/keystore/inspect';
import { clientCertificateOf } from '../../../src/mtls/client';
import {
	testConnection,
	type ClientCertificate,
	type ConnectionTestOptions,
} from '../../../src/mtls/connectionTest';
import type { DiagnosisCode, TestReport } from '../../../src/mtls/model';
import { PASSWORD, PKI } from '../../peers';

export const SERVER_CA = readFileSync(join(PKI, 'server-ca.pem'), 'utf8');

export async function client(file: string): Promise<ClientCertificate> {
	const opened = await openKeystore(readFileSync(join(PKI, file)), {
		fileName: file,
		password: PASSWORD,
	});
	const certificate = clientCertificateOf(opened);
	assert.ok(certificate, `${file} has a client certificate`);
	return certificate;
}

/** openssl's SHA-256 fingerprint of the client certificate in a PKCS#12 file. */
export function opensslIdentifier(file: string): string {
	const pem = execFileSync('openssl', ['pkcs12', '-in', join(PKI, file), '-passin',
		`pass:${PASSWORD}`, '-clcerts', '-nokeys']); // prettier-ignore
	return execFileSync('openssl', ['x509', '-noout', '-fingerprint', '-sha256'], { input: pem })
		.toString()
		.trim()
		.replace('sha256 Fingerprint=', '');
}

export async function run(
	port: number,
	keystore: string | undefined,
	options: Partial<ConnectionTestOptions> = {},
): Promise<TestReport> {
	return testConnection({
		url: `https://127.0.0.1:${port}/hook`,
		client: keystore === undefined ? undefined : await client(keystore),
		ca: SERVER_CA,
		timeoutMs: 5000,
		...options,
	});
}

export function expectDiagnosis(report: TestReport, code: DiagnosisCode, words?: RegExp): void {
	assert.equal(report.diagnosis.code, code, JSON.stringify(report, null, 2));
	assert.equal(report.ok, code === 'ok');
	if (words) {
		assert.match(report.diagnosis.message, words);
	}
}

export function stepNames(report: TestReport): string {
	return report.steps.map((step) => `${step.name}:${step.ok ? 'ok' : 'failed'}`).join(' ');
}

/** The client-certificate failures every receiver must be told apart, by keystore. */
export const REFUSALS: [string, string | undefined, DiagnosisCode, RegExp][] = [
	['no client certificate', undefined, 'client_certificate_required', /none was sent/],
	['a client certificate from an untrusted CA', 'client-other-ca.p12', 'unknown_ca', /trust/],
	['an expired client certificate', 'client-expired.p12', 'client_certificate_expired', /New/],
	['a missing intermediate', 'client-leaf-only.p12', 'unknown_ca', /intermediate/],
	['a certificate without clientAuth', 'client-server-eku.p12', 'client_certificate_unsupported',
		/clientAuth/], // prettier-ignore
];
