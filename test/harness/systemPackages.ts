import { existsSync } from 'node:fs';
import { run, succeeds } from './process';

/** A Debian package the harness needs, and the file that shows it is installed. */
interface SystemPackage {
	readonly name: string;
	readonly file: string;
	readonly why: string;
}

/** The browser that opens the VS Code web workbench. `CHROMIUM_PATH` overrides it. */
export const CHROMIUM: SystemPackage = {
	name: 'chromium',
	file: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
	why: 'opens the VS Code workbench for the integration tests',
};

/** Headers that the VS Code server's native `kerberos` module is compiled against. */
export const KERBEROS_HEADERS: SystemPackage = {
	name: 'libkrb5-dev',
	file: '/usr/include/gssapi/gssapi.h',
	why: 'needed to compile the VS Code server once',
};

/** nginx, the usual mTLS receiver, as a TLS peer of the connection tests. `NGINX` overrides it. */
export const NGINX: SystemPackage = {
	name: 'nginx-light',
	file: process.env.NGINX ?? '/usr/sbin/nginx',
	why: 'a real mTLS receiver for the connection tests',
};

/** openssl, which makes the demo's expiring keystores and checks the engine in the tests. */
export const OPENSSL: SystemPackage = {
	name: 'openssl',
	file: '/usr/bin/openssl',
	why: 'makes the demo keystores and is the reference the tests compare with',
};

/** libfaketime, to run the command-line tool at another date in the expiry tests. */
export const FAKETIME: SystemPackage = {
	name: 'faketime',
	file: '/usr/bin/faketime',
	why: 'runs the command-line tool at a chosen date for the expiry tests',
};

/**
 * Makes sure the given Debian packages are installed. Missing ones are installed with apt-get
 * when this process may do so (root, or sudo without a password); otherwise the error says
 * exactly what to run.
 */
export async function ensureSystemPackages(packages: readonly SystemPackage[]): Promise<void> {
	const missing = packages.filter((pkg) => !existsSync(pkg.file));
	if (missing.length === 0) {
		return;
	}

	const names = missing.map((pkg) => pkg.name);
	const reasons = missing.map((pkg) => `  ${pkg.name}: ${pkg.why} (${pkg.file} is missing)`);
	const sudo = await aptGetPrefix();
	if (sudo === undefined) {
		throw new Error(
			`These packages are missing:\n${reasons.join('\n')}\n` +
				`Install them (on Debian or Ubuntu: sudo apt-get install -y ${names.join(' ')}) ` +
				'and run the command again.',
		);
	}

	console.log(`Installing ${names.join(', ')} with apt-get:\n${reasons.join('\n')}`);
	const [command, ...prefix] = sudo;
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	await run(command, [...prefix, 'update', '-qq'], { env });
	await run(command, [...prefix, 'install', '-y', '-qq', ...names], { env });
}

/** The command prefix that runs apt-get with enough rights, or undefined when none does. */
async function aptGetPrefix(): Promise<[string, ...string[]] | undefined> {
	if (!(await succeeds('apt-get', ['--version']))) {
		return undefined;
	}
	if (process.getuid?.() === 0) {
		return ['apt-get'];
	}
	return (await succeeds('sudo', ['-n', 'true'])) ? ['sudo', '-n', 'apt-get'] : undefined;
}
