import * as vscode from 'vscode';
import type { Slot } from '../../webhooks/config';
import type { IntegrationRef } from '../configStore';
import { Disposable } from '../dispose';
import { CommandId } from '../ids';
import type { IntegrationsNode } from '../treeNodes';
import type { Assessed } from './assessments';

export const DIAGNOSTIC_SOURCE = 'mTLS Webhooks';

const SEVERITY = {
	error: vscode.DiagnosticSeverity.Error,
	warning: vscode.DiagnosticSeverity.Warning,
	info: vscode.DiagnosticSeverity.Information,
} as const;

interface Target {
	readonly ref: IntegrationRef;
	readonly slot: Slot;
}

/**
 * Problems entries on each folder's configuration file, on the `path` of the certificate they
 * concern, with quick fixes: Add New Certificate, Validate, Set Password, Open Keystore File.
 */
export class ExpiryDiagnostics extends Disposable implements vscode.CodeActionProvider {
	private readonly collection = this.register(
		vscode.languages.createDiagnosticCollection('mtlsWebhooks'),
	);
	/** What each entry is about, by file and place, for its quick fixes. */
	private targets = new Map<string, Target>();

	constructor(private readonly nodeFor: (ref: IntegrationRef, slot: Slot) => IntegrationsNode) {
		super();
		this.register(
			vscode.languages.registerCodeActionsProvider(
				{ pattern: '**/.vscode/mtls-webhooks.json' },
				this,
				{ providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] },
			),
		);
	}

	public update(assessed: readonly Assessed[]): void {
		const byFile = new Map<string, { uri: vscode.Uri; diagnostics: vscode.Diagnostic[] }>();
		const targets = new Map<string, Target>();
		for (const item of assessed) {
			if (!item.range) {
				continue;
			}
			const uri = item.ref.config.uri;
			const entry = byFile.get(uri.toString()) ?? { uri, diagnostics: [] };
			byFile.set(uri.toString(), entry);
			for (const problem of item.problems) {
				const diagnostic = new vscode.Diagnostic(
					item.range,
					problem.message,
					SEVERITY[problem.severity],
				);
				diagnostic.source = DIAGNOSTIC_SOURCE;
				diagnostic.code = problem.code;
				entry.diagnostics.push(diagnostic);
			}
			targets.set(placeKey(uri, item.range), { ref: item.ref, slot: item.slot });
		}
		this.targets = targets;
		// Files that had entries and have none now are cleared; the others replaced in one step.
		this.collection.forEach((uri) => {
			if (!byFile.has(uri.toString())) {
				this.collection.delete(uri);
			}
		});
		for (const { uri, diagnostics } of byFile.values()) {
			this.collection.set(uri, diagnostics);
		}
	}

	/** The entries of a file, for tests and for anyone who asks. */
	public diagnosticsOf(uri: vscode.Uri): readonly vscode.Diagnostic[] {
		return this.collection.get(uri) ?? [];
	}

	public provideCodeActions(
		document: vscode.TextDocument,
		_range: vscode.Range,
		context: vscode.CodeActionContext,
	): vscode.CodeAction[] {
		const actions: vscode.CodeAction[] = [];
		for (const diagnostic of context.diagnostics) {
			if (diagnostic.source !== DIAGNOSTIC_SOURCE) {
				continue;
			}
			const target = this.targets.get(placeKey(document.uri, diagnostic.range));
			if (target) {
				const code = typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code;
				actions.push(...this.fixes(String(code), target, diagnostic));
			}
		}
		return actions;
	}

	private fixes(code: string, target: Target, diagnostic: vscode.Diagnostic): vscode.CodeAction[] {
		const node = this.nodeFor(target.ref, target.slot);
		const action = (title: string, command: CommandId, preferred = false) => {
			const fix = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
			fix.command = { title, command, arguments: [node] };
			fix.diagnostics = [diagnostic];
			fix.isPreferred = preferred;
			return fix;
		};
		const hasNew = target.ref.integration.mtls?.new !== undefined;
		switch (code) {
			case 'expired':
			case 'expiring_critical':
			case 'expiring_soon':
			case 'plan_rotation':
				return [
					...(target.slot === 'active' && !hasNew
						? [action(vscode.l10n.t('Add New Certificate'), CommandId.addNewCertificate, true)]
						: []),
					action(vscode.l10n.t('Validate Certificate'), CommandId.validateCertificate),
				];
			case 'password_not_stored':
				return [action(vscode.l10n.t('Set Password'), CommandId.validateCertificate, true)];
			case 'keystore_missing':
			case 'keystore_unreadable':
				return [
					action(vscode.l10n.t('Open Keystore File'), CommandId.openKeystore),
					action(vscode.l10n.t('Validate Certificate'), CommandId.validateCertificate),
				];
			default:
				return [
					action(vscode.l10n.t('Validate Certificate'), CommandId.validateCertificate),
					action(vscode.l10n.t('Open Keystore File'), CommandId.openKeystore),
				];
		}
	}
}

function placeKey(uri: vscode.Uri, range: vscode.Range): string {
	return `${uri.toString()}@${range.start.line}:${range.start.character}`;
}
