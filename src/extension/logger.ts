import * as vscode from 'vscode';

/**
 * The extension's one log, the "mTLS Webhooks" channel in the Output panel, at the level the
 * user picks there. Each line is tagged with the component that wrote it.
 *
 * Log file names, subjects, serial numbers, fingerprints, dates, results and timings. Never
 * log a password, a private key, a hub secret or a whole PEM block.
 */
export class Logger implements vscode.Disposable {
	private readonly channel: vscode.LogOutputChannel;

	constructor(name: string) {
		this.channel = vscode.window.createOutputChannel(name, { log: true });
	}

	/** A logger whose lines carry `[component]`; it shares this logger's channel. */
	public forComponent(component: string): ComponentLogger {
		return new ComponentLogger(this.channel, component);
	}

	/** Reveals the channel in the Output panel without taking focus. */
	public show(): void {
		this.channel.show(true);
	}

	public dispose(): void {
		this.channel.dispose();
	}
}

/** Writes to the shared channel with a fixed component tag. */
export class ComponentLogger {
	constructor(
		private readonly channel: vscode.LogOutputChannel,
		private readonly component: string,
	) {}

	public trace(message: string): void {
		this.channel.trace(this.tag(message));
	}

	public debug(message: string): void {
		this.channel.debug(this.tag(message));
	}

	public info(message: string): void {
		this.channel.info(this.tag(message));
	}

	public warn(message: string): void {
		this.channel.warn(this.tag(message));
	}

	public error(message: string, error?: unknown): void {
		const detail = error instanceof Error ? `: ${error.message}` : '';
		this.channel.error(this.tag(message + detail));
	}

	private tag(message: string): string {
		return `[${this.component}] ${message}`;
	}
}
