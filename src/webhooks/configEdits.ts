import {
	applyEdits,
	findNodeAtLocation,
	getNodeValue,
	modify,
	parseTree,
	type FormattingOptions,
	type JSONPath,
} from 'jsonc-parser';
import type { CertificateSlot, Integration, Slot } from './config';

/**
 * Changes to a config file's text as minimal edits made by jsonc-parser: comments, order and
 * formatting of everything else stay as the user wrote them. Each function returns the new
 * text; `minimalEdit` turns old and new text into the one replacement an editor applies.
 */

/** Thrown when the text no longer holds what the change needs. */
export class ConfigEditError extends Error {}

/** Indentation and line ends as the file already uses them (tabs when it cannot tell). */
export function formattingOf(text: string): FormattingOptions {
	const indented = /^([ \t]+)\S/m.exec(text)?.[1];
	const eol = text.includes('\r\n') ? '\r\n' : '\n';
	if (!indented || indented.startsWith('\t')) {
		return { insertSpaces: false, tabSize: 4, eol };
	}
	return { insertSpaces: true, tabSize: indented.length, eol };
}

/** The text of a new config file. */
export function newConfigText(): string {
	return [
		'{',
		'\t// Outbound webhook integrations of this folder and their client certificates.',
		'\t// Passwords and secrets are never stored here: VS Code keeps them in SecretStorage.',
		'\t"integrations": []',
		'}',
		'',
	].join('\n');
}

function change(text: string, path: JSONPath, value: unknown, insert = false): string {
	const formattingOptions = formattingOf(text);
	if (value !== undefined && !insert) {
		const appended = appendBelowCommentedLine(text, path, value, formattingOptions);
		if (appended !== undefined) {
			return appended;
		}
	}
	const edits = modify(text, path, value, {
		formattingOptions,
		...(insert ? { isArrayInsertion: true } : {}),
	});
	return applyEdits(text, edits);
}

/**
 * Adds a property after the last one of an object when that one's line ends with a comment
 * (`"url": "…" // production`). jsonc-parser would put the new property between the value and
 * the comment, moving the comment below it; here the comma goes after the value and the new
 * property on the next line, laid out as jsonc-parser lays out values. Undefined in every
 * other case, which jsonc-parser handles itself.
 */
function appendBelowCommentedLine(
	text: string,
	path: JSONPath,
	value: unknown,
	formatting: FormattingOptions,
): string | undefined {
	const key = path[path.length - 1];
	const root = parseTree(text);
	const parent = root && findNodeAtLocation(root, path.slice(0, -1));
	const last = parent?.children?.[parent.children.length - 1];
	if (
		typeof key !== 'string' ||
		parent?.type !== 'object' ||
		!last ||
		findNodeAtLocation(root!, path)
	) {
		return undefined;
	}
	const end = last.offset + last.length;
	const lineEnd = text.indexOf('\n', end);
	const rest = text.slice(end, lineEnd < 0 ? text.length : lineEnd).replace(/\r$/, '');
	if (!/^\s*\/\/.*$/.test(rest)) {
		return undefined;
	}
	const indent = /^[ \t]*/.exec(text.slice(text.lastIndexOf('\n', last.offset) + 1))?.[0] ?? '';
	const unit = formatting.insertSpaces ? ' '.repeat(formatting.tabSize ?? 4) : '\t';
	const eol = formatting.eol ?? '\n';
	const json = JSON.stringify(value, null, unit)
		.split('\n')
		.join(eol + indent);
	const property = `${eol}${indent}${JSON.stringify(key)}: ${json}`;
	return `${text.slice(0, end)},${rest}${property}${text.slice(end + rest.length)}`;
}

/** The position of the integration with this id in the "integrations" list. */
export function indexOf(text: string, id: string): number {
	const list = findNodeAtLocation(parseTree(text) ?? { type: 'null', offset: 0, length: 0 }, [
		'integrations',
	]);
	const index = (list?.children ?? []).findIndex(
		(node) => (getNodeValue(node) as { id?: unknown } | null)?.id === id,
	);
	if (index < 0) {
		throw new ConfigEditError(`The integration "${id}" is no longer in the file.`);
	}
	return index;
}

export function addIntegration(text: string, integration: Integration): string {
	const list = findNodeAtLocation(parseTree(text) ?? { type: 'null', offset: 0, length: 0 }, [
		'integrations',
	]);
	const at = list?.children?.length ?? 0;
	if (!list) {
		return change(text, ['integrations'], [integration]);
	}
	return change(text, ['integrations', at], integration, true);
}

export function removeIntegration(text: string, id: string): string {
	return change(text, ['integrations', indexOf(text, id)], undefined);
}

/** Sets a certificate slot, or removes it when `slot` is undefined. */
export function setCertificate(
	text: string,
	id: string,
	slot: Slot,
	certificate: CertificateSlot | undefined,
): string {
	const index = indexOf(text, id);
	if (certificate === undefined) {
		return change(text, ['integrations', index, 'mtls', slot], undefined);
	}
	const withMtls = findNodeAtLocation(parseTree(text)!, ['integrations', index, 'mtls'])
		? text
		: change(text, ['integrations', index, 'mtls'], { enabled: true });
	return change(withMtls, ['integrations', index, 'mtls', slot], certificate);
}

/** Writes what Validate found: the Identifier and Valid Till of a slot's certificate. */
export function recordValidation(
	text: string,
	id: string,
	slot: Slot,
	found: { identifier: string; validTill: string },
): string {
	const path = ['integrations', indexOf(text, id), 'mtls', slot];
	if (!findNodeAtLocation(parseTree(text)!, path)) {
		throw new ConfigEditError(`The integration "${id}" has no ${slot} certificate any more.`);
	}
	const withIdentifier = change(text, [...path, 'identifier'], found.identifier);
	return change(withIdentifier, [...path, 'validTill'], found.validTill);
}

/** Rotation: the New certificate becomes the Active one, and the New slot is emptied. */
export function promoteNew(text: string, id: string): string {
	const index = indexOf(text, id);
	const next = findNodeAtLocation(parseTree(text)!, ['integrations', index, 'mtls', 'new']);
	if (!next) {
		throw new ConfigEditError(`The integration "${id}" has no New certificate to promote.`);
	}
	const promoted = change(text, ['integrations', index, 'mtls', 'active'], getNodeValue(next));
	return change(promoted, ['integrations', index, 'mtls', 'new'], undefined);
}

/** The one replacement that turns `before` into `after`: what differs between them. */
export function minimalEdit(
	before: string,
	after: string,
): { offset: number; length: number; content: string } {
	let start = 0;
	while (start < before.length && start < after.length && before[start] === after[start]) {
		start++;
	}
	let end = 0;
	while (
		end < before.length - start &&
		end < after.length - start &&
		before[before.length - 1 - end] === after[after.length - 1 - end]
	) {
		end++;
	}
	return {
		offset: start,
		length: before.length - start - end,
		content: after.slice(start, after.length - end),
	};
}
