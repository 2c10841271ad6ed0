import * as vscode from 'vscode';
import type { OpenedKeystore } from '../../keystore/inspect';
import type { SlotStatus } from '../certificateStatus';
import type { Services } from '../services';

/** A keystore opened with the passwords and alias the user gave (or that were stored). */
export interface OpenedInteractively {
	readonly status: SlotStatus;
	readonly opened: OpenedKeystore;
	readonly alias: string | undefined;
	/** Passwords typed in this dialog, to be stored; undefined when the stored one was used. */
	readonly password: string | undefined;
	readonly keyPassword: string | undefined;
}

const MAX_TRIES = 3;

/**
 * Reads a keystore, asking as it goes: the store password (first, when `askPassword`, else
 * only when the stored one does not open it), a key password of its own, and the alias when
 * there are several private keys. Resolves undefined when the user cancels, or when the file
 * cannot be read at all, after saying why.
 */
export async function openInteractively(
	services: Services,
	keystore: vscode.Uri,
	fileName: string,
	options: { alias?: string | undefined; askPassword: boolean; title: string },
): Promise<OpenedInteractively | undefined> {
	let alias = options.alias;
	let password: string | undefined;
	let keyPassword: string | undefined;
	if (options.askPassword) {
		password = await askPassword(
			services,
			options.title,
			vscode.l10n.t('Store password of {0}', fileName),
		);
		if (password === undefined) {
			return undefined;
		}
	}

	for (let tries = 0; tries < MAX_TRIES * 3; tries++) {
		const { status, opened, error } = await services.statuses.read(keystore, { alias }, fileName, {
			password,
			keyPassword,
		});
		if (opened) {
			const keys = opened.report.entries.filter((entry) => entry.kind === 'privateKey');
			if (alias === undefined && keys.length > 1) {
				alias = await pickAlias(services, options.title, opened);
				if (alias === undefined) {
					return undefined;
				}
				continue;
			}
			return { status, opened, alias, password, keyPassword };
		}
		if (!error) {
			void vscode.window.showErrorMessage(vscode.l10n.t('{0} was not found.', fileName));
			return undefined;
		}
		if (error.code === 'wrong_password' && tries < MAX_TRIES) {
			const prompt =
				password === undefined
					? vscode.l10n.t('Store password of {0}', fileName)
					: vscode.l10n.t('That password does not open {0}. Store password:', fileName);
			password = await askPassword(services, options.title, prompt);
			if (password === undefined) {
				return undefined;
			}
			continue;
		}
		if (error.code === 'key_password_required' && tries < MAX_TRIES * 2) {
			const keyAlias = error.detail.alias ?? alias ?? '';
			keyPassword = await askPassword(
				services,
				options.title,
				keyPassword === undefined
					? vscode.l10n.t(
							'Key password of "{0}" in {1} (it differs from the store password)',
							keyAlias,
							fileName,
						)
					: vscode.l10n.t('That key password does not open "{0}". Key password:', keyAlias),
			);
			if (keyPassword === undefined) {
				return undefined;
			}
			alias ??= error.detail.alias;
			continue;
		}
		void vscode.window.showErrorMessage(error.message);
		return undefined;
	}
	return undefined;
}

function askPassword(
	services: Services,
	title: string,
	prompt: string,
): Promise<string | undefined> {
	return services.prompter.input({ title, prompt, password: true, ignoreFocusOut: true });
}

async function pickAlias(
	services: Services,
	title: string,
	opened: OpenedKeystore,
): Promise<string | undefined> {
	const keys = opened.report.entries.filter((entry) => entry.kind === 'privateKey');
	const picked = await services.prompter.pick(
		keys.map((entry) => ({
			label: entry.alias ?? vscode.l10n.t('(no alias)'),
			description: entry.certificates[0]?.subject ?? '',
			detail: entry.certificates[0]
				? vscode.l10n.t('valid till {0}', entry.certificates[0].notAfter.slice(0, 10))
				: vscode.l10n.t('no certificate'),
			alias: entry.alias ?? '',
		})),
		{
			title,
			placeHolder: vscode.l10n.t('The keystore holds several private keys: choose the alias'),
		},
	);
	return picked?.alias;
}
