// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

interface IERC20Minimal {
    function transferFrom(address from, address to, uint256 amount) external returns (bool);
}

interface IUniswapV3FactoryMinimal {
    function getPool(address tokenA, address tokenB, uint24 fee) external view returns (address);
}

interface IUniswapV3PoolMinimal {
    function swap(
        address recipient,
        bool zeroForOne,
        int256 amountSpecified,
        uint160 sqrtPriceLimitX96,
        bytes calldata data
    ) external returns (int256 amount0, int256 amount1);
}

/// @title HedgeExecutor
/// @notice Executes hedge legs for vaults that approve it, on behalf of Hedge Router's operator key.
/// The vault never hands over its keys: it approves this contract for its tokens, and this
/// contract only ever (1) pulls exactly a leg's sell amount from the vault, straight into a
/// genuine Uniswap V3 pool of the configured factory, (2) has the pool pay the proceeds straight
/// to the vault, (3) reverts unless the vault received at least the leg's minimum before its
/// deadline, and (4) executes each leg id at most once, so a resubmission or a fallback route
/// for the same leg can never fill twice. Only the operator can call it.
contract HedgeExecutor {
    /// @dev TickMath.MIN_SQRT_RATIO + 1 and MAX_SQRT_RATIO - 1: no price limit, the whole amount trades.
    uint160 private constant MIN_SQRT_RATIO_PLUS_ONE = 4295128740;
    uint160 private constant MAX_SQRT_RATIO_MINUS_ONE = 1461446703485210103287273052203988822378723970341;

    address public immutable operator;
    IUniswapV3FactoryMinimal public immutable factory;

    /// @notice Leg ids already executed (a leg id is chosen by the router per intent leg).
    mapping(bytes32 => bool) public executed;

    /// @dev The pool a swap is in progress with, and whose vault pays: only it may call back.
    address private transient activePool;
    address private transient activeVault;

    struct V3Leg {
        bytes32 legId;
        address vault;
        address pool;
        address sellToken;
        address buyToken;
        uint24 fee;
        uint256 sellAmount;
        uint256 minBuyAmount;
        uint64 deadline;
    }

    event HedgeLegExecuted(
        bytes32 indexed legId,
        address indexed vault,
        address indexed pool,
        address sellToken,
        address buyToken,
        uint256 sellAmount,
        uint256 buyAmount,
        uint256 minBuyAmount
    );

    error NotOperator();
    error DeadlinePassed(uint64 deadline, uint256 timestamp);
    error AlreadyExecuted(bytes32 legId);
    error NotAPool(address pool);
    error PartialFill(uint256 soldAmount, uint256 sellAmount);
    error BelowMinimum(uint256 buyAmount, uint256 minBuyAmount);
    error UnexpectedCallback(address caller);

    constructor(address operator_, address factory_) {
        operator = operator_;
        factory = IUniswapV3FactoryMinimal(factory_);
    }

    /// @notice Sells exactly `leg.sellAmount` of the vault's sell token on a Uniswap V3 pool,
    /// proceeds to the vault, at least `leg.minBuyAmount` or revert.
    function swapV3(V3Leg calldata leg) external returns (uint256 buyAmount) {
        if (msg.sender != operator) revert NotOperator();
        if (block.timestamp > leg.deadline) revert DeadlinePassed(leg.deadline, block.timestamp);
        if (executed[leg.legId]) revert AlreadyExecuted(leg.legId);
        if (factory.getPool(leg.sellToken, leg.buyToken, leg.fee) != leg.pool) revert NotAPool(leg.pool);
        executed[leg.legId] = true;

        bool zeroForOne = leg.sellToken < leg.buyToken;
        activePool = leg.pool;
        activeVault = leg.vault;
        (int256 amount0, int256 amount1) = IUniswapV3PoolMinimal(leg.pool).swap(
            leg.vault,
            zeroForOne,
            int256(leg.sellAmount),
            zeroForOne ? MIN_SQRT_RATIO_PLUS_ONE : MAX_SQRT_RATIO_MINUS_ONE,
            abi.encode(leg.sellToken)
        );
        activePool = address(0);
        activeVault = address(0);

        uint256 sold = uint256(zeroForOne ? amount0 : amount1);
        if (sold != leg.sellAmount) revert PartialFill(sold, leg.sellAmount);
        buyAmount = uint256(-(zeroForOne ? amount1 : amount0));
        if (buyAmount < leg.minBuyAmount) revert BelowMinimum(buyAmount, leg.minBuyAmount);
        emit HedgeLegExecuted(
            leg.legId, leg.vault, leg.pool, leg.sellToken, leg.buyToken, leg.sellAmount, buyAmount, leg.minBuyAmount
        );
    }

    /// @dev Pays the pool from the vault: exactly what the pool asks, and only to the pool we called.
    function uniswapV3SwapCallback(int256 amount0Delta, int256 amount1Delta, bytes calldata data) external {
        if (msg.sender != activePool || msg.sender == address(0)) revert UnexpectedCallback(msg.sender);
        address sellToken = abi.decode(data, (address));
        uint256 owed = uint256(amount0Delta > 0 ? amount0Delta : amount1Delta);
        require(IERC20Minimal(sellToken).transferFrom(activeVault, msg.sender, owed), "HedgeExecutor: pull failed");
    }
}
