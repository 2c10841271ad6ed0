/**
 * The README's Commands and Settings tables, made from package.json so that they cannot
 * drift from what the extension contributes. `npm run docs` writes them between the
 * `<!-- commands -->` and `<!-- settings -->` markers; a unit test fails when they are stale.
 */

interface CommandContribution {
	command: string;
	title: string;
	category?: string;
}

interface SettingContribution {
	type?: string | string[];
	default?: unknown;
	markdownDescription?: string;
	description?: string;
}

export interface Manifest {
	contributes: {
		commands?: CommandContribution[];
		configuration?: { properties?: Record<string, SettingContribution> };
		menus?: { commandPalette?: { command: string; when?: string }[] };
	};
}

/** Text of every generated block, by marker name. */
export function readmeTables(manifest: Manifest): Record<'commands' | 'settings', string> {
	return { commands: commandsTable(manifest), settings: settingsTable(manifest) };
}

/** Replaces the text between `<!-- name -->` and `<!-- /name -->` with the generated block. */
export function replaceBlocks(readme: string, blocks: Record<string, string>): string {
	let result = readme;
	for (const [name, text] of Object.entries(blocks)) {
		const start = `<!-- ${name} -->\n`;
		const end = `<!-- /${name} -->`;
		const from = result.indexOf(start);
		const to = result.indexOf(end, from);
		if (from < 0 || to < 0) {
			throw new Error(`README.md has no "${start.trim()}" … "${end}" block.`);
		}
		result = result.slice(0, from + start.length) + text + result.slice(to);
	}
	return result;
}

function commandsTable(manifest: Manifest): string {
	const hidden = new Set(
		(manifest.contributes.menus?.commandPalette ?? [])
			.filter((entry) => entry.when === 'false')
			.map((entry) => entry.command),
	);
	const rows = (manifest.contributes.commands ?? []).map((command) => [
		[command.category, command.title].filter(Boolean).join(': '),
		code(command.command),
		hidden.has(command.command) ? 'from the view and menus' : 'Command Palette, view and menus',
	]);

	return table(['Command', 'ID', 'Where'], rows);
}

function settingsTable(manifest: Manifest): string {
	const properties = Object.entries(manifest.contributes.configuration?.properties ?? {});
	if (properties.length === 0) {
		return 'mTLS Webhooks has no settings yet.\n';
	}
	const rows = properties.map(([key, setting]) => [
		code(key),
		code(JSON.stringify(setting.default)),
		(setting.markdownDescription ?? setting.description ?? '')
			.replace(/\n+/g, ' ')
			// VS Code's link to another setting, `#id#`, reads as the setting's name here.
			.replace(/`#([\w.]+)#`/g, '`$1`'),
	]);

	return table(['Setting', 'Default', 'Description'], rows);
}

function table(header: string[], rows: string[][]): string {
	const line = (cells: string[]) =>
		`| ${cells.map((cell) => cell.replace(/\|/g, '\\|')).join(' | ')} |`;
	return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n') + '\n';
}

function code(text: string): string {
	return `\`${text}\``;
}
