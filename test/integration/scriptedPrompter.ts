import * as assert from 'node:assert/strict';
import type * as vscode from 'vscode';
import type { Prompter } from '../../src/extension/prompter';

/** One scripted answer to the next question a command asks. */
export type Answer =
	/** Choose the item whose label equals (or matches) this; undefined cancels. */
	| { readonly pick: string | RegExp | undefined }
	/** Type this into the input box; undefined cancels. */
	| { readonly input: string | undefined }
	/** Choose these files in the open dialog; undefined cancels. */
	| { readonly dialog: vscode.Uri[] | undefined }
	/** Save to this file in the save dialog; undefined cancels. */
	| { readonly save: vscode.Uri | undefined }
	/** Press this button of the confirmation; undefined dismisses it. */
	| { readonly confirm: string | undefined };

/** A question as it was asked, for assertions. */
export interface Asked {
	readonly kind: 'pick' | 'input' | 'dialog' | 'save' | 'confirm';
	readonly text: string;
	/** The labels offered by a quick pick. */
	readonly items?: string[];
	/** What the input box's validation said about a scripted answer it refused. */
	readonly refused?: string;
}

/**
 * Answers the commands' questions from a script, in order, the way a user would: an input
 * box's validation is applied, and a refused answer is followed by the next one, as if the
 * user had typed again. A question with no answer left fails the test.
 */
export class ScriptedPrompter implements Prompter {
	public readonly asked: Asked[] = [];
	/** Mismatches between script and questions; the command's own error handling hides them. */
	private readonly mismatches: string[] = [];

	constructor(private readonly answers: Answer[]) {}

	/** Fails on any mismatch, and when answers are left over (fewer questions than scripted). */
	public assertDone(): void {
		assert.deepEqual(this.mismatches, [], 'the questions did not follow the script');
		assert.deepEqual(this.answers, [], 'scripted answers were not asked for');
	}

	private fail(message: string): never {
		this.mismatches.push(message);
		throw new Error(message);
	}

	public async pick<T extends vscode.QuickPickItem>(
		items: readonly T[],
		options: vscode.QuickPickOptions,
	): Promise<T | undefined> {
		const labels = items.map((item) => item.label);
		const answer = this.next(
			'pick',
			`${options.title ?? ''}: ${options.placeHolder ?? ''}`,
			labels,
		);
		if (!('pick' in answer)) {
			this.fail(`a quick pick was shown where ${JSON.stringify(answer)} was scripted`);
		}
		if (answer.pick === undefined) {
			return Promise.resolve(undefined);
		}
		const wanted = answer.pick;
		const found = items.find((item) =>
			typeof wanted === 'string' ? item.label === wanted : wanted.test(item.label),
		);
		return found
			? Promise.resolve(found)
			: this.fail(`no item ${String(wanted)} among ${JSON.stringify(labels)}`);
	}

	public async input(options: vscode.InputBoxOptions): Promise<string | undefined> {
		for (;;) {
			const answer = this.next('input', options.prompt ?? options.title ?? '');
			if (!('input' in answer)) {
				this.fail(`an input box was shown where ${JSON.stringify(answer)} was scripted`);
			}
			if (answer.input === undefined) {
				return undefined;
			}
			const refused = await options.validateInput?.(answer.input);
			const message = typeof refused === 'string' ? refused : refused?.message;
			if (!message) {
				return answer.input;
			}
			this.asked.push({ kind: 'input', text: options.prompt ?? '', refused: message });
		}
	}

	public openDialog(options: vscode.OpenDialogOptions): Promise<vscode.Uri[] | undefined> {
		const answer = this.next('dialog', options.openLabel ?? '');
		if (!('dialog' in answer)) {
			this.fail(`an open dialog was shown where ${JSON.stringify(answer)} was scripted`);
		}
		return Promise.resolve(answer.dialog);
	}

	public saveDialog(options: vscode.SaveDialogOptions): Promise<vscode.Uri | undefined> {
		const answer = this.next('save', options.title ?? options.saveLabel ?? '');
		if (!('save' in answer)) {
			this.fail(`a save dialog was shown where ${JSON.stringify(answer)} was scripted`);
		}
		return Promise.resolve(answer.save);
	}

	public confirm<T extends string>(
		message: string,
		_detail: string,
		...actions: T[]
	): Promise<T | undefined> {
		const answer = this.next('confirm', message, actions);
		if (!('confirm' in answer)) {
			this.fail(`a confirmation was shown where ${JSON.stringify(answer)} was scripted`);
		}
		const chosen = actions.find((action) => action === answer.confirm);
		if (answer.confirm !== undefined && !chosen) {
			this.fail(`no button "${answer.confirm}" in ${JSON.stringify(actions)}`);
		}
		return Promise.resolve(chosen);
	}

	private next(kind: Asked['kind'], text: string, items?: string[]): Answer {
		this.asked.push(items ? { kind, text, items } : { kind, text });
		return this.answers.shift() ?? this.fail(`no scripted answer for the ${kind} "${text}"`);
	}
}
