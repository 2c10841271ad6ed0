/** node-forge's own modules, which @types/node-forge does not describe one by one. */
declare module 'node-forge/lib/forge' {
	const forge: unknown;
	export default forge;
}
declare module 'node-forge/lib/*';
