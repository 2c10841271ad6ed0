import type * as Forge from 'node-forge';
import forge from './forge';
import { MalformedError } from './errors';

/**
 * Reading ASN.1 with node-forge's parser, which accepts the BER that Windows and Java write
 * (indefinite lengths, constructed OCTET STRINGs). Every helper names what it expected, so a
 * damaged file is reported in words rather than with forge's own error text.
 */
export type Node = Forge.asn1.Asn1;

const { Class, Type } = forge.asn1;

/** forge.asn1.fromDer with the options form of node-forge 1.x, which @types/node-forge lacks. */
const fromDer = forge.asn1.fromDer as unknown as (
	bytes: Forge.util.ByteStringBuffer,
	options: { strict: boolean; parseAllBytes: boolean; decodeBitStrings: boolean },
) => Node;

/** Parses one ASN.1 value from bytes; trailing bytes are allowed only when `trailing` is set. */
export function parse(bytes: Uint8Array, what: string, trailing = false): Node {
	try {
		return fromDer(forge.util.createBuffer(toBinary(bytes)), {
			strict: true,
			parseAllBytes: !trailing,
			// BIT STRINGs stay bytes: guessing whether they hold ASN.1 costs time and can mislead.
			decodeBitStrings: false,
		});
	} catch {
		throw new MalformedError(what);
	}
}

/** The DER encoding of a parsed value. */
export function encode(node: Node): Buffer {
	return fromBinary(forge.asn1.toDer(node).getBytes());
}

function children(node: Node | undefined, what: string): Node[] {
	if (!node || !Array.isArray(node.value)) {
		throw new MalformedError(what);
	}
	return node.value;
}

/** The elements of a SEQUENCE (or SET), checked to be at least `min` long. */
export function sequence(node: Node | undefined, what: string, min = 0): Node[] {
	const isSequence =
		node?.tagClass === Class.UNIVERSAL && (node.type === Type.SEQUENCE || node.type === Type.SET);
	const items = isSequence ? children(node, what) : undefined;
	if (!items || items.length < min) {
		throw new MalformedError(what);
	}
	return items;
}

export function oid(node: Node | undefined, what: string): string {
	if (node?.type !== Type.OID || typeof node.value !== 'string') {
		throw new MalformedError(what);
	}
	return forge.asn1.derToOid(node.value);
}

/** A non-negative INTEGER small enough for a JavaScript number (iteration counts, versions). */
export function integer(node: Node | undefined, what: string): number {
	if (node?.type !== Type.INTEGER || typeof node.value !== 'string' || node.value.length > 6) {
		throw new MalformedError(what);
	}
	const value = forge.asn1.derToInteger(node.value);
	if (value < 0) {
		throw new MalformedError(what);
	}
	return value;
}

/** The bytes of an OCTET STRING, joining the pieces of a constructed (BER) one. */
export function octets(node: Node | undefined, what: string): Buffer {
	if (node?.tagClass !== Class.UNIVERSAL && node?.tagClass !== Class.CONTEXT_SPECIFIC) {
		throw new MalformedError(what);
	}
	if (typeof node.value === 'string') {
		return fromBinary(node.value);
	}
	return Buffer.concat(node.value.map((piece) => octets(piece, what)));
}

/** The content of an explicit context-specific tag `[n]`. */
export function explicit(node: Node | undefined, tag: number, what: string): Node {
	if (!isTagged(node, tag)) {
		throw new MalformedError(what);
	}
	const [inner] = children(node, what);
	if (!inner) {
		throw new MalformedError(what);
	}
	return inner;
}

/** Whether the node is the context-specific tag `[n]`. */
export function isTagged(node: Node | undefined, tag: number): node is Node {
	// A context-specific tag's number is not one of forge's universal types.
	return node?.tagClass === Class.CONTEXT_SPECIFIC && (node.type as number) === tag;
}

export function toBinary(bytes: Uint8Array): string {
	return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
}

export function fromBinary(binary: string): Buffer {
	return Buffer.from(binary, 'latin1');
}
