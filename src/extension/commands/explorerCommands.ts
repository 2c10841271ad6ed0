import { relative } from 'node:path';
import * as vscode from 'vscode';
import type { Services } from '../services';
import { addCertificate } from './addCertificateCommand';
import { openInteractively } from './keystoreDialog';
import { pickKeystore, resolveIntegration } from './pickers';
import { storeTypedPasswords } from './results';

/** Inspect Keystore: read a keystore file and show it in a panel, without adding it anywhere. */
export async function inspectKeystore(
	services: Services,
	uri: vscode.Uri | undefined,
): Promise<void> {
	const title = vscode.l10n.t('Inspect Keystore');
	const keystore = uri instanceof vscode.Uri ? uri : await pickKeystore(services, undefined, title);
	if (!keystore) {
		return;
	}
	const name = vscode.workspace.asRelativePath(keystore);
	const result = await openInteractively(services, keystore, name, { askPassword: false, title });
	if (result) {
		await storeTypedPasswords(services, keystore, result);
		const panel = services.panels.show({
			kind: 'keystore',
			uri: keystore.toString(),
			...(result.alias === undefined ? {} : { alias: result.alias }),
		});
		panel.keystoreStatus = result.status;
		panel.refresh();
	}
}

/** Add to Integration, from the Explorer: the keystore goes to an integration of its folder. */
export async function addToIntegration(
	services: Services,
	uri: vscode.Uri | undefined,
): Promise<void> {
	const keystore =
		uri instanceof vscode.Uri
			? uri
			: await pickKeystore(services, undefined, vscode.l10n.t('Add to Integration'));
	const folder = keystore && vscode.workspace.getWorkspaceFolder(keystore);
	if (!keystore || !folder) {
		return;
	}
	const ref = await resolveIntegration(
		services,
		undefined,
		vscode.l10n.t('Add {0} to Integration', relative(folder.uri.fsPath, keystore.fsPath)),
		(item) => item.config.folder.uri.toString() === folder.uri.toString(),
		vscode.l10n.t('The folder "{0}" has no integration yet: add one first.', folder.name),
	);
	if (ref) {
		await addCertificate(services, services.tree.nodeFor(ref), { keystore });
	}
}
