import * as vscode from 'vscode';
import type { KeystoreReport } from '../keystore/model';
import { renderReport } from '../keystore/renderReport';
import { Disposable } from './dispose';
import { REPORT_SCHEME } from './ids';

/**
 * Read-only documents with a keystore's report, as `mtls-webhooks inspect` prints it: what
 * Inspect Keystore shows. They hold only public facts, never a password or a key.
 */
export class ReportDocuments extends Disposable implements vscode.TextDocumentContentProvider {
	private readonly contents = new Map<string, string>();
	private readonly changed = this.register(new vscode.EventEmitter<vscode.Uri>());
	public readonly onDidChange = this.changed.event;

	constructor() {
		super();
		this.register(vscode.workspace.registerTextDocumentContentProvider(REPORT_SCHEME, this));
	}

	public provideTextDocumentContent(uri: vscode.Uri): string {
		return this.contents.get(uri.toString()) ?? '';
	}

	/** Shows a report beside the editor the user works in. */
	public async show(keystore: vscode.Uri, report: KeystoreReport): Promise<void> {
		const name = keystore.path.split('/').pop() ?? 'keystore';
		const uri = vscode.Uri.from({
			scheme: REPORT_SCHEME,
			path: `/${name} (report)`,
			query: keystore.toString(),
		});
		this.contents.set(uri.toString(), renderReport(report));
		this.changed.fire(uri);
		const document = await vscode.workspace.openTextDocument(uri);
		await vscode.window.showTextDocument(document, { preview: true });
	}
}
