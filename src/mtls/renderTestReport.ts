import { printable } from '../keystore/renderReport';
import type { TestReport } from './model';

const STEP_NAMES: Record<string, string> = {
	dns: 'DNS',
	tcp: 'TCP',
	tls: 'TLS',
	head: 'HEAD',
	post: 'POST',
	'without-certificate': 'No cert',
};

/**
 * A test report as plain text: the steps, what TLS and HTTP showed, and the diagnosis. What the
 * receiver sent (a Location, a page) goes through printable(), so it cannot move the cursor.
 */
export function renderTestReport(report: TestReport): string {
	const lines: string[] = [];
	lines.push(`${report.ok ? 'PASSED' : 'FAILED'}  ${report.url}`);
	if (report.address) {
		lines.push(`Address      ${report.address}`);
	}
	lines.push('');
	for (const step of report.steps) {
		const name = (STEP_NAMES[step.name] ?? step.name).padEnd(8);
		const ms = `${step.ms.toFixed(1)} ms`.padStart(10);
		lines.push(`  ${step.ok ? 'ok  ' : 'FAIL'}  ${name}${ms}  ${step.detail}`);
	}
	const { tls, http } = report;
	if (tls) {
		lines.push('');
		lines.push(`TLS          ${tls.version}, ${tls.cipher}`);
		lines.push(`Client cert  ${tls.clientCertificate ?? 'none offered'}`);
		lines.push(
			`Server       ${tls.serverTrusted ? 'trusted' : `NOT trusted: ${tls.serverTrustProblem ?? ''}`}` +
				(tls.acceptedUntrustedServer ? ' (accepted for testing only)' : ''),
		);
		for (const certificate of tls.serverChain) {
			lines.push(
				`  ${certificate.subject}`,
				`    issued by ${certificate.issuer}; valid till ` +
					`${certificate.validTill.slice(0, 10)}${certificate.expired ? ' (EXPIRED)' : ''}`,
			);
		}
	}
	if (http) {
		lines.push(`HTTP         ${http.status}`);
	}
	if (report.mtlsEnforced !== undefined) {
		lines.push(
			`mTLS         ${report.mtlsEnforced ? 'required by the receiver' : 'NOT required by the receiver'}`,
		);
	}
	lines.push('');
	lines.push(`${report.diagnosis.message} [${report.diagnosis.code}]`);
	for (const warning of report.warnings) {
		lines.push(`Warning: ${warning}`);
	}
	return `${lines.map(printable).join('\n')}\n`;
}
