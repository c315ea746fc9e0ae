// Deploys the OCN Registry and Permissions contracts (bytecode from @shareandcharge/ocn-registry) from account 0 of
// the development mnemonic at nonces 2 and 3, which puts them at the addresses the registry CLI expects for its
// "local" network. Usage: node deploy.js <rpc url> <deployer key>. Does nothing when they are there already.
const { ethers } = require('ethers');
const defs = require('@shareandcharge/ocn-registry/contract.defs.local.json');

async function main() {
    const [url, key] = process.argv.slice(2);
    const provider = new ethers.providers.JsonRpcProvider(url, { chainId: 9, name: 'ocn-local' });
    const wallet = new ethers.Wallet(key, provider);
    if ((await provider.getCode(defs.Registry.address)) !== '0x') {
        console.log(`Registry already at ${defs.Registry.address}`);
        return;
    }
    const overrides = { gasLimit: 8000000, gasPrice: await provider.getGasPrice() };
    let nonce = await provider.getTransactionCount(wallet.address);
    if (nonce > 2) {
        throw new Error(`account ${wallet.address} has sent ${nonce} transactions: the contracts cannot get the CLI's addresses`);
    }
    for (; nonce < 2; nonce++) { // truffle spent nonces 0 and 1 on its migrations
        await (await wallet.sendTransaction({ ...overrides, to: wallet.address, value: 0 })).wait();
    }
    const registry = await (await wallet.sendTransaction({ ...overrides, data: defs.Registry.bytecode })).wait();
    const constructorArgs = ethers.utils.defaultAbiCoder.encode(['address'], [registry.contractAddress]).slice(2);
    const permissions = await (await wallet.sendTransaction({ ...overrides, data: defs.Permissions.bytecode + constructorArgs })).wait();
    for (const [name, receipt] of [['Registry', registry], ['Permissions', permissions]]) {
        if (receipt.status !== 1 || receipt.contractAddress.toLowerCase() !== defs[name].address.toLowerCase()) {
            throw new Error(`${name} deployed at ${receipt.contractAddress} (status ${receipt.status}), not at ${defs[name].address}`);
        }
        console.log(`${name} deployed at ${receipt.contractAddress}`);
    }
}

main().catch(e => { console.error(e.message || e); process.exit(1); });
