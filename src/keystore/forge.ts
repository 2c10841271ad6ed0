/**
 * The parts of node-forge the engine uses, and no more: loading the whole library costs
 * about 30 ms at every start of the command-line tool and of each keystore worker.
 */
import forgeCore from 'node-forge/lib/forge';
import 'node-forge/lib/asn1';
import 'node-forge/lib/util';
import 'node-forge/lib/cipher';
import 'node-forge/lib/cipherModes';
import 'node-forge/lib/des';
import 'node-forge/lib/rc2';

const forge = forgeCore as typeof import('node-forge');
export default forge;
