import { Command } from 'commander';

/**
 * `mtls-webhooks`: the extension's engine on the command line, for scripts and CI.
 *
 * TODO(#3): add `inspect`, which reads a keystore and prints what Validate shows.
 * TODO(#6): add `check`, which fails a CI job when a certificate is expiring or unreadable.
 */
export function createProgram(): Command {
	return new Command()
		.name('mtls-webhooks')
		.description('Inspect and check the client certificates of mTLS webhook integrations.')
		.version(MTLS_WEBHOOKS_VERSION, '-v, --version', 'print the version and exit')
		.helpOption('-h, --help', 'show this help and exit')
		.showHelpAfterError();
}

if (require.main === module) {
	createProgram()
		.parseAsync(process.argv)
		.catch((error: unknown) => {
			process.stderr.write(
				`mtls-webhooks: ${error instanceof Error ? error.message : String(error)}\n`,
			);
			process.exitCode = 2;
		});
}
