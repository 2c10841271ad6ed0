import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { InspectExit, inspectCommand } from './cli/inspectCommand';

/**
 * `mtls-webhooks`: the extension's engine on the command line, for scripts and CI.
 *
 * TODO(#6): add `check`, which fails a CI job when a certificate is expiring or unreadable.
 */
export function createProgram(): Command {
	const program = new Command()
		.name('mtls-webhooks')
		.description('Inspect and check the client certificates of mTLS webhook integrations.')
		.version(MTLS_WEBHOOKS_VERSION, '-v, --version', 'print the version and exit')
		.helpOption('-h, --help', 'show this help and exit')
		.showHelpAfterError()
		.exitOverride();

	program
		.command('inspect')
		.description(
			'Read a .p12, .pfx or .jks keystore and show what is in it, its Identifier (the ' +
				'SHA-256 fingerprint of the client certificate), Valid Till, and what is wrong ' +
				'with it. Exit code: 0 read, 1 read with error findings, 2 not read.',
		)
		.argument('<file>', 'the keystore file')
		.option('--password-env <name>', 'environment variable that holds the store password')
		.option('--key-password-env <name>', 'environment variable that holds the key password')
		.option('--alias <alias>', 'the private-key entry to check, when there are several')
		.addOption(
			new Option('--warn-days <days>', 'warn about certificates expiring within this many days')
				.default(30)
				.argParser(wholeNumber),
		)
		.option('--json', 'print JSON instead of a table')
		.action(async (file: string, options: Parameters<typeof inspectCommand>[1]) => {
			process.exitCode = await inspectCommand(file, options);
		});

	return program;
}

function wholeNumber(value: string): number {
	if (!/^\d+$/.test(value)) {
		throw new InvalidArgumentError('expected a whole number of days.');
	}
	return Number(value);
}

async function main(argv: string[]): Promise<void> {
	const program = createProgram();
	if (argv.length <= 2) {
		program.outputHelp();
		process.exitCode = InspectExit.unreadable;
		return;
	}
	try {
		await program.parseAsync(argv);
	} catch (error) {
		// Help and version end with a CommanderError too, with exit code 0.
		process.exitCode =
			error instanceof CommanderError && error.exitCode === 0 ? 0 : InspectExit.unreadable;
	}
}

if (require.main === module) {
	void main(process.argv);
}
