/** The parent block fields that fix the next block's base fee. */
export type BaseFeeParent = { baseFeePerGas: bigint; gasUsed: bigint; gasLimit: bigint };

const ELASTICITY_MULTIPLIER = 2n;
const BASE_FEE_MAX_CHANGE_DENOMINATOR = 8n;

/**
 * EIP-1559: the base fee (wei per gas) of the block after `parent`. anvil follows the same rule,
 * so a bundle can be checked against the base fee of the block it targets before it is mined.
 */
export function nextBaseFee(parent: BaseFeeParent): bigint {
  const target = parent.gasLimit / ELASTICITY_MULTIPLIER;
  if (target === 0n || parent.gasUsed === target) return parent.baseFeePerGas;
  if (parent.gasUsed > target) {
    const delta =
      (parent.baseFeePerGas * (parent.gasUsed - target)) / target / BASE_FEE_MAX_CHANGE_DENOMINATOR;
    return parent.baseFeePerGas + (delta > 0n ? delta : 1n);
  }
  const delta = (parent.baseFeePerGas * (target - parent.gasUsed)) / target / BASE_FEE_MAX_CHANGE_DENOMINATOR;
  return parent.baseFeePerGas - delta;
}
