import {
  type Address,
  getAddress,
  type Hex,
  isAddress,
  isHex,
  keccak256,
  stringToHex,
  verifyMessage,
} from 'viem';

export type FlashbotsSignatureCheck = { ok: true; signer: Address } | { ok: false; reason: string };

/**
 * Checks an `X-Flashbots-Signature: <address>:<signature>` header against the raw request
 * body: the signature must be the EIP-191 personal signature, by `address`, of the 0x-hex
 * string keccak256(utf8 body), which is what `ethers.id(body)` and viem's
 * `signMessage({ message: keccak256(stringToHex(body)) })` sign. The reasons read like the real
 * relay's ("missing X-Flashbots-Signature header", "error in signature check <address>").
 */
export async function verifyFlashbotsSignature(
  header: string | undefined,
  body: string,
): Promise<FlashbotsSignatureCheck> {
  if (header === undefined || header === '')
    return { ok: false, reason: 'missing X-Flashbots-Signature header' };
  const [address, signature, ...rest] = header.split(':');
  if (
    address === undefined ||
    signature === undefined ||
    rest.length > 0 ||
    !isAddress(address, { strict: false })
  )
    return { ok: false, reason: 'X-Flashbots-Signature header must be <address>:<signature>' };
  const signer = getAddress(address);
  if (!isHex(signature) || signature.length !== 132)
    return { ok: false, reason: `error in signature check ${signer}` };
  const valid = await verifyMessage({
    address: signer,
    message: keccak256(stringToHex(body)),
    signature: signature as Hex,
  }).catch(() => false);
  return valid ? { ok: true, signer } : { ok: false, reason: `error in signature check ${signer}` };
}
