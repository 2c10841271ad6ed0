/** The byte reader inside jks-js, which its own types do not describe. */
declare module 'jks-js/lib/stream/InputStream' {
	class InputStream {
		buffer: Buffer;
		read(length: number): Buffer;
		shift(bytes: number): number;
		readUTF(): string;
	}
	export = InputStream;
}
