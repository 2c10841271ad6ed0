import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { checkCommand } from './cli/checkCommand';
import { InspectExit, inspectCommand } from './cli/inspectCommand';
import { testCommand } from './cli/testCommand';
import { DEFAULT_LIMITS } from './keystore/inspect';

/**
 * `mtls-webhooks`: the extension's engine on the command line, for scripts and CI.
 */
export function createProgram(): Command {
	const program = new Command()
		.name('mtls-webhooks')
		.description(
			'Inspect the client certificates of mTLS webhook integrations, and test their receivers.',
		)
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
		.addOption(
			new Option(
				'--password-env <name>',
				'environment variable that holds the store password',
			).argParser(variableName),
		)
		.addOption(
			new Option(
				'--key-password-env <name>',
				'environment variable that holds the key password (JKS), or the second password ' +
					'of a PKCS#12 saved with two',
			).argParser(variableName),
		)
		.option('--alias <alias>', 'the private-key entry to check, when there are several')
		.addOption(
			new Option('--warn-days <days>', 'warn about certificates expiring within this many days')
				.default(30)
				.argParser(wholeNumber),
		)
		.addOption(
			new Option('--max-iterations <n>', 'most key-derivation iterations for any one derivation')
				.default(DEFAULT_LIMITS.maxIterations)
				.argParser(wholeNumber),
		)
		.addOption(
			new Option('--max-total-iterations <n>', 'most key-derivation iterations in all')
				.default(DEFAULT_LIMITS.maxTotalIterations)
				.argParser(wholeNumber),
		)
		.option('--json', 'print JSON instead of a table')
		.action(async (file: string, options: Parameters<typeof inspectCommand>[1]) => {
			process.exitCode = await inspectCommand(file, options);
		});

	program
		.command('test')
		.description(
			'Test a webhook receiver as the platform uses it: DNS, TCP, TLS with the client ' +
				'certificate of the keystore, a HEAD that must answer 200, then a sample JSON event ' +
				'POSTed (signed with the hub secret when one is given), and a HEAD without a client ' +
				'certificate to check that the receiver requires one. Exit code: 0 accepted, 1 ' +
				'refused, 2 not tested (usage or keystore error).',
		)
		.argument('<url>', 'the webhook URL (https://)')
		.requiredOption('--keystore <file>', 'the .p12, .pfx or .jks keystore with the client key')
		.addOption(
			new Option(
				'--password-env <name>',
				'environment variable that holds the store password',
			).argParser(variableName),
		)
		.addOption(
			new Option(
				'--key-password-env <name>',
				'environment variable that holds the key password, when it differs',
			).argParser(variableName),
		)
		.option('--alias <alias>', 'the private-key entry to use, when there are several')
		.option('--ca <file>', 'PEM file of a CA to trust for the server, besides the usual roots')
		.addOption(
			new Option(
				'--hub-secret-env <name>',
				'environment variable that holds the hub secret to sign the sample event with',
			).argParser(variableName),
		)
		.addOption(
			new Option('--algorithm <algorithm>', 'hub signature algorithm')
				.choices(['sha256', 'sha512'])
				.default('sha256'),
		)
		.addOption(
			new Option('--timeout <seconds>', 'time-out of each step, 1 to 600')
				.default(10)
				.argParser(seconds),
		)
		.option(
			'--accept-untrusted-server',
			'go on when the server certificate is not trusted (testing only; reported)',
		)
		.option('--no-enforcement-check', 'do not repeat the request without a client certificate')
		.option('--json', 'print JSON instead of text')
		.action(async (url: string, options: Parameters<typeof testCommand>[1]) => {
			process.exitCode = await testCommand(url, options);
		});

	program
		.command('check')
		.description(
			'Check every certificate of the integrations in FOLDER/.vscode/mtls-webhooks.json (the ' +
				'current folder by default), for CI: one line per certificate. Passwords come from ' +
				'MTLS_PASSWORD_<ID>_<SLOT> (the integration id and ACTIVE or NEW, upper-cased, every ' +
				'other character turned into _), else MTLS_PASSWORD; key passwords likewise from ' +
				'MTLS_KEY_PASSWORD. Exit code: 0 all fine, 1 a certificate is expired, not yet valid, ' +
				'within the error threshold or unreadable, 2 the configuration cannot be read.',
		)
		.argument('[folder]', 'the workspace folder')
		.addOption(
			new Option('--warn-days <days>', 'warn about certificates expiring within this many days')
				.default(30)
				.argParser(wholeNumber),
		)
		.addOption(
			new Option('--error-days <days>', 'fail for certificates expiring within this many days')
				.default(7)
				.argParser(wholeNumber),
		)
		.option('--json', 'print JSON instead of lines')
		.action(async (folder: string | undefined, options: Parameters<typeof checkCommand>[1]) => {
			process.exitCode = await checkCommand(folder, options);
		});

	return program;
}

function wholeNumber(value: string): number {
	if (!/^\d+$/.test(value)) {
		throw new InvalidArgumentError('expected a whole number.');
	}
	return Number(value);
}

function seconds(value: string): number {
	const number = wholeNumber(value);
	if (number < 1 || number > 600) {
		throw new InvalidArgumentError('expected a number of seconds from 1 to 600.');
	}
	return number;
}

function variableName(value: string): string {
	if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(value)) {
		throw new InvalidArgumentError('expected the name of an environment variable.');
	}
	return value;
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
	// A last guard: whatever escapes is reported in one line, with the "not read" exit code.
	process.on('uncaughtException', (error) => {
		process.stderr.write(`mtls-webhooks: internal error: ${error.message}\n`);
		process.exit(InspectExit.unreadable);
	});
	void main(process.argv);
}
