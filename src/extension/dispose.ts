import * as vscode from 'vscode';

/** Disposes every item, in reverse order of registration, and empties the list. */
export function disposeAll(disposables: vscode.Disposable[]): void {
	while (disposables.length > 0) {
		disposables.pop()?.dispose();
	}
}

/**
 * Base for long-lived objects that own listeners and other disposables. Everything passed to
 * `register` is disposed with the owner, so nothing outlives the extension.
 */
export abstract class Disposable implements vscode.Disposable {
	private readonly disposables: vscode.Disposable[] = [];
	private disposed = false;

	protected register<T extends vscode.Disposable>(disposable: T): T {
		if (this.disposed) {
			disposable.dispose();
		} else {
			this.disposables.push(disposable);
		}
		return disposable;
	}

	public dispose(): void {
		this.disposed = true;
		disposeAll(this.disposables);
	}
}
