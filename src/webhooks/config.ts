import Ajv, { type ErrorObject } from 'ajv';
import addFormats from 'ajv-formats';
import {
	findNodeAtLocation,
	getNodeValue,
	parse,
	parseTree,
	printParseErrorCode,
	type Node,
	type ParseError,
} from 'jsonc-parser';
import schema from '../../media/mtls-webhooks.schema.json';

/** Where a workspace folder keeps its integrations, relative to the folder. */
export const CONFIG_PATH = '.vscode/mtls-webhooks.json';

export type Slot = 'active' | 'new';
export const SLOTS: readonly Slot[] = ['active', 'new'];

/** A certificate slot of an integration: the keystore and what Validate last found. */
export interface CertificateSlot {
	/** The keystore file, relative to the workspace folder. */
	readonly path: string;
	/** The File Format the user chose: p12 (PKCS#12, also .pfx) or jks. */
	readonly format: 'p12' | 'jks';
	readonly alias?: string;
	/** SHA-256 fingerprint of the client certificate, written by Validate. */
	readonly identifier?: string;
	/** When the client certificate expires (ISO 8601), written by Validate. */
	readonly validTill?: string;
}

/** An outbound webhook integration, modelled on Webex Connect's. */
export interface Integration {
	readonly id: string;
	readonly name: string;
	readonly url: string;
	readonly method?: 'POST';
	readonly headers?: Record<string, string>;
	readonly hubSignature?: { readonly enabled: boolean; readonly algorithm?: HubAlgorithm };
	readonly events?: string[];
	readonly timeoutSeconds?: number;
	/** Which server certificates Test trusts besides the usual roots. */
	readonly serverTrust?: { readonly caFile?: string; readonly acceptUntrusted?: boolean };
	readonly mtls?: {
		readonly enabled?: boolean;
		readonly active?: CertificateSlot;
		readonly new?: CertificateSlot;
	};
}

export type HubAlgorithm = 'sha256' | 'sha512' | 'sha1';

/** Something wrong in the file, with where it is (character offsets) for the editor. */
export interface ConfigProblem {
	readonly message: string;
	readonly offset: number;
	readonly length: number;
}

/** What a config file holds; `syntaxErrors` set means the file must not be edited. */
export interface ParsedConfig {
	readonly integrations: Integration[];
	/** The file does not parse as JSON with comments; nothing in it can be trusted. */
	readonly syntaxErrors: ConfigProblem[];
	/** The file parses but breaks the schema; the integrations that pass are still listed. */
	readonly problems: ConfigProblem[];
}

const ajv = new Ajv({ allErrors: true, strict: true });
addFormats(ajv, ['date-time']);
// VS Code's own schema keywords, for the editor only.
ajv.addKeyword('patternErrorMessage');
ajv.addKeyword('enumDescriptions');
const validateIntegration = ajv.compile<Integration>({
	...schema.definitions.integration,
	definitions: schema.definitions,
});

/**
 * Reads a config file's text. Integrations that break the schema are left out and reported;
 * a file that does not parse yields no integrations, only its syntax errors.
 */
export function parseConfig(text: string): ParsedConfig {
	const errors: ParseError[] = [];
	const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
	if (errors.length > 0 || !root) {
		const syntaxErrors = errors.map((error) => ({
			message: syntaxMessage(printParseErrorCode(error.error)),
			offset: error.offset,
			length: error.length,
		}));
		return { integrations: [], syntaxErrors, problems: [] };
	}

	const problems: ConfigProblem[] = [];
	const list = findNodeAtLocation(root, ['integrations']);
	if (root.type !== 'object' || list?.type !== 'array') {
		const at = list ?? root;
		problems.push({
			message: 'The file should be an object with an "integrations" list: { "integrations": [] }.',
			offset: at.offset,
			length: at.length,
		});
		return { integrations: [], syntaxErrors: [], problems };
	}

	// parse() gives plain objects; the tree gives the places of problems.
	const values = (parse(text, [], { allowTrailingComma: true }) as { integrations: unknown[] })
		.integrations;
	const integrations: Integration[] = [];
	const ids = new Set<string>();
	for (const [index, node] of (list.children ?? []).entries()) {
		const value = values[index];
		if (!validateIntegration(value)) {
			problems.push(
				...(validateIntegration.errors ?? []).map((error) => schemaProblem(node, error, index)),
			);
			continue;
		}
		if (ids.has(value.id)) {
			const idNode = findNodeAtLocation(node, ['id']) ?? node;
			problems.push({
				message: `Integration ${index + 1}: the id "${value.id}" is used twice; ids must be unique.`,
				offset: idNode.offset,
				length: idNode.length,
			});
			continue;
		}
		ids.add(value.id);
		integrations.push(value);
	}
	return { integrations, syntaxErrors: [], problems };
}

function syntaxMessage(code: string): string {
	const words = code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
	return `The file is not valid JSON with comments: ${words}.`;
}

/** A schema error as a sentence that names the integration and the field. */
function schemaProblem(integration: Node, error: ErrorObject, index: number): ConfigProblem {
	const path = error.instancePath.split('/').filter(Boolean);
	const node =
		findNodeAtLocation(
			integration,
			path.map((part) => (/^\d+$/.test(part) ? Number(part) : part)),
		) ?? integration;
	const field = `"${path.join('.')}"`;
	const params = error.params as Record<string, unknown>;
	const detail = describeError(error, params);
	const name = getNodeValue(findNodeAtLocation(integration, ['name']) ?? integration) as unknown;
	const which =
		typeof name === 'string' && name
			? `Integration ${index + 1} ("${name}")`
			: `Integration ${index + 1}`;
	return {
		message: path.length > 0 ? `${which}: ${field} ${detail}.` : `${which} ${detail}.`,
		offset: node.offset,
		length: node.length,
	};
}

function describeError(error: ErrorObject, params: Record<string, unknown>): string {
	switch (error.keyword) {
		case 'required':
			return `is missing "${String(params.missingProperty)}"`;
		case 'additionalProperties':
			return `has an unknown field "${String(params.additionalProperty)}"`;
		case 'pattern':
			return `does not fit: ${patternMessage(error.schemaPath)}`;
		case 'enum':
			return `should be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
		case 'type':
			return `should be of type ${String(params.type)}`;
		case 'format':
			return 'should be a date and time in ISO 8601, for example 2027-03-01T00:00:00.000Z';
		case 'minLength':
			return params.limit === 1
				? 'should not be empty'
				: `should have at least ${String(params.limit)} characters`;
		case 'minimum':
		case 'maximum':
			return `should be ${error.keyword === 'minimum' ? 'at least' : 'at most'} ${String(params.limit)}`;
		case 'uniqueItems':
			return 'lists an item twice';
		default:
			return `breaks the rule "${error.keyword}" of the schema`;
	}
}

/** The schema's own explanation of a pattern, found by the error's schema path. */
function patternMessage(schemaPath: string): string {
	const parts = schemaPath.replace(/^#\//, '').split('/').slice(0, -1);
	let at: unknown = { ...schema.definitions.integration, definitions: schema.definitions };
	for (const part of parts) {
		at = (at as Record<string, unknown> | undefined)?.[part];
	}
	const explained = (at as { patternErrorMessage?: string } | undefined)?.patternErrorMessage;
	const sentence = explained?.replace(/\.$/, '') ?? 'it has the wrong form';
	return sentence.charAt(0).toLowerCase() + sentence.slice(1);
}

/**
 * Where the `path` of an integration's certificate slot is written in the file (the string
 * value, quotes included), for a Problems entry; undefined when it cannot be found.
 */
export function slotPathLocation(
	text: string,
	integrationId: string,
	slot: Slot,
): { offset: number; length: number } | undefined {
	const root = parseTree(text, [], { allowTrailingComma: true, disallowComments: false });
	const list = root && findNodeAtLocation(root, ['integrations']);
	const node = list?.children?.find((child) => {
		const id = findNodeAtLocation(child, ['id']);
		return id !== undefined && getNodeValue(id) === integrationId;
	});
	const path = node && findNodeAtLocation(node, ['mtls', slot, 'path']);
	return path ? { offset: path.offset, length: path.length } : undefined;
}
