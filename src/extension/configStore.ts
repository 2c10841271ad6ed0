import * as vscode from 'vscode';
import { CONFIG_PATH, parseConfig, type Integration, type ParsedConfig } from '../webhooks/config';
import { Disposable } from './dispose';
import type { ComponentLogger } from './logger';

/** One workspace folder's config file, as the editor shows it (unsaved typing included). */
export interface FolderConfig {
	readonly folder: vscode.WorkspaceFolder;
	readonly uri: vscode.Uri;
	/** Whether the file exists (on disk, or as an open editor). */
	readonly exists: boolean;
	readonly text: string;
	readonly parsed: ParsedConfig;
}

/** An integration and the folder it belongs to. */
export interface IntegrationRef {
	readonly config: FolderConfig;
	readonly integration: Integration;
}

const EMPTY: ParsedConfig = { integrations: [], syntaxErrors: [], problems: [] };

/**
 * The one place that reads the config files. It watches them on disk and in open editors and
 * announces every change; views and commands read from here, never from the files themselves.
 * In an untrusted workspace it reads nothing.
 */
export class ConfigStore extends Disposable {
	private readonly configs = new Map<string, FolderConfig>();
	private readonly changed = this.register(new vscode.EventEmitter<void>());
	public readonly onDidChange = this.changed.event;
	private watchers: vscode.Disposable[] = [];
	private pending: NodeJS.Timeout | undefined;

	constructor(private readonly log: ComponentLogger) {
		super();
		this.watch();
		this.register(
			vscode.workspace.onDidChangeWorkspaceFolders(() => {
				this.watch();
				void this.reload();
			}),
		);
		this.register(vscode.workspace.onDidGrantWorkspaceTrust(() => void this.reload()));
		this.register(
			vscode.workspace.onDidChangeTextDocument((event) => {
				if (this.isConfig(event.document.uri)) {
					this.reloadSoon();
				}
			}),
		);
		this.register(
			vscode.workspace.onDidCloseTextDocument((document) => {
				if (this.isConfig(document.uri)) {
					this.reloadSoon();
				}
			}),
		);
		this.register({ dispose: () => this.watchers.forEach((watcher) => void watcher.dispose()) });
	}

	/** Every folder's config, in workspace folder order. */
	public get all(): FolderConfig[] {
		return (vscode.workspace.workspaceFolders ?? [])
			.map((folder) => this.configs.get(folder.uri.toString()))
			.filter((config): config is FolderConfig => config !== undefined);
	}

	public forFolder(folder: vscode.WorkspaceFolder): FolderConfig | undefined {
		return this.configs.get(folder.uri.toString());
	}

	public find(folder: vscode.Uri, integrationId: string): IntegrationRef | undefined {
		const config = this.configs.get(folder.toString());
		const integration = config?.parsed.integrations.find((item) => item.id === integrationId);
		return config && integration ? { config, integration } : undefined;
	}

	public get integrations(): IntegrationRef[] {
		return this.all.flatMap((config) =>
			config.parsed.integrations.map((integration) => ({ config, integration })),
		);
	}

	/** Reads every folder's config file again. */
	public async reload(): Promise<void> {
		const folders = vscode.workspace.isTrusted ? (vscode.workspace.workspaceFolders ?? []) : [];
		const configs = await Promise.all(folders.map((folder) => this.read(folder)));
		this.configs.clear();
		for (const config of configs) {
			this.configs.set(config.folder.uri.toString(), config);
		}
		this.changed.fire();
	}

	private reloadSoon(): void {
		clearTimeout(this.pending);
		this.pending = setTimeout(() => void this.reload(), 150);
	}

	private isConfig(uri: vscode.Uri): boolean {
		const folder = vscode.workspace.getWorkspaceFolder(uri);
		return !!folder && uri.toString() === configUri(folder).toString();
	}

	private watch(): void {
		this.watchers.forEach((watcher) => void watcher.dispose());
		this.watchers = (vscode.workspace.workspaceFolders ?? []).map((folder) => {
			const watcher = vscode.workspace.createFileSystemWatcher(
				new vscode.RelativePattern(folder, CONFIG_PATH),
			);
			watcher.onDidCreate(() => this.reloadSoon());
			watcher.onDidChange(() => this.reloadSoon());
			watcher.onDidDelete(() => this.reloadSoon());
			return watcher;
		});
	}

	private async read(folder: vscode.WorkspaceFolder): Promise<FolderConfig> {
		const uri = configUri(folder);
		// Unsaved typing counts; otherwise the disk does, which may be ahead of an open editor.
		const open = vscode.workspace.textDocuments.find(
			(doc) => doc.uri.toString() === uri.toString(),
		);
		const text = open?.isDirty ? open.getText() : await readText(uri);
		if (text === undefined) {
			return { folder, uri, exists: false, text: '', parsed: EMPTY };
		}
		const parsed = parseConfig(text);
		const issues = parsed.syntaxErrors.length + parsed.problems.length;
		this.log.debug(
			`${uri.fsPath}: ${parsed.integrations.length} integration(s), ${issues} problem(s)`,
		);
		return { folder, uri, exists: true, text, parsed };
	}
}

/** Where a folder's config file is. */
export function configUri(folder: vscode.WorkspaceFolder): vscode.Uri {
	return vscode.Uri.joinPath(folder.uri, CONFIG_PATH);
}

/** A file's text, or undefined when it cannot be read. */
export async function readText(uri: vscode.Uri): Promise<string | undefined> {
	try {
		return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
	} catch {
		return undefined;
	}
}
