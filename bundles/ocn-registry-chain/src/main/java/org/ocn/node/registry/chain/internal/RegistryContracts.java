package org.ocn.node.registry.chain.internal;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Bytes2;
import org.web3j.abi.datatypes.generated.Bytes3;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint8;
import org.web3j.protocol.Web3jService;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthBlockNumber;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.Log;

/**
 * Reads the OCN Registry and Permissions contracts (v1, registry.md §2) with {@code eth_call} and {@code eth_getLogs},
 * written out with web3j's ABI codec. Every read is at one block, so that a sync sees one state.
 */
final class RegistryContracts {

    /** topic0 of the events the index follows (registry.md §2.1, §2.4). */
    static final String OPERATOR_UPDATE = "0xb1f254c0ae74a753185ba13a1b17818bc803e32d05ef56851955c0ebf230f0d6";
    static final String PARTY_UPDATE = "0xf692507bb861072d3245d22242eb55cb7fdbe2e0d92290177ed7c490eb076cd7";
    static final String SERVICE_UPDATE = "0x533987f16b883a1fe0783ff9c6c6cedcf97aee0eaf60cc491c7a3e48c9f1b5d7";
    static final String SERVICE_AGREEMENT = "0x91aba333be281959a9130cefbc0e18d32a4f1c6bc3a922c7fdb084c1179f413a";

    /** A party's listing as {@code getPartyDetailsByAddress} returns it. */
    record PartyDetails(String countryCode, String partyId, List<Integer> modulesSender, List<Integer> modulesReceiver,
                        List<Integer> roles, String operator, String operatorDomain) {
    }

    /** A party's listing as {@code getPartyDetailsByOcpi} returns it (roles second, registry.md §5). */
    record PartyByOcpi(String address, List<Integer> roles, List<Integer> modulesSender,
                       List<Integer> modulesReceiver, String operator, String operatorDomain) {
    }

    /** A service as {@code getService} returns it. */
    record ServiceDetails(String countryCode, String partyId, String name, String url, List<Integer> permissions) {
    }

    /** An event that changed something the index holds: which kind, and about whom. */
    record Change(String topic, String subject, String other, long block) {
    }

    private final Web3jService service;
    private final String registry;
    private final String permissions;

    RegistryContracts(Web3jService service, String registry, String permissions) {
        this.service = service;
        this.registry = registry;
        this.permissions = permissions == null || permissions.isBlank() ? null : permissions;
    }

    boolean hasPermissions() {
        return permissions != null;
    }

    long blockNumber() throws IOException {
        EthBlockNumber n = new Request<>("eth_blockNumber", Collections.<String>emptyList(), service, EthBlockNumber.class).send();
        if (n.hasError()) {
            throw new IOException("eth_blockNumber: " + n.getError().getMessage());
        }
        return n.getBlockNumber().longValueExact();
    }

    List<String> nodeOperators(long block) throws IOException {
        return addresses(call(registry, "getNodeOperators", List.of(), List.of(new TypeReference<DynamicArray<Address>>() { }), block).get(0));
    }

    String node(String operator, long block) throws IOException {
        return call(registry, "getNode", List.of(new Address(operator)), List.of(new TypeReference<Utf8String>() { }), block)
                .get(0).getValue().toString();
    }

    List<String> parties(long block) throws IOException {
        return addresses(call(registry, "getParties", List.of(), List.of(new TypeReference<DynamicArray<Address>>() { }), block).get(0));
    }

    PartyDetails partyDetailsByAddress(String party, long block) throws IOException {
        List<Type> out = call(registry, "getPartyDetailsByAddress", List.of(new Address(party)), List.of(
                new TypeReference<Bytes2>() { }, new TypeReference<Bytes3>() { },
                new TypeReference<DynamicArray<Uint8>>() { }, new TypeReference<DynamicArray<Uint8>>() { },
                new TypeReference<DynamicArray<Uint8>>() { }, new TypeReference<Address>() { },
                new TypeReference<Utf8String>() { }), block);
        return new PartyDetails(ascii((byte[]) out.get(0).getValue()), ascii((byte[]) out.get(1).getValue()),
                numbers(out.get(2)), numbers(out.get(3)), numbers(out.get(4)), out.get(5).getValue().toString(),
                out.get(6).getValue().toString());
    }

    /**
     * @return the listing of the party with this country code and party id, with its address, as
     *         {@code getPartyDetailsByOcpi} answers it (the zero address and no operator when none is listed)
     */
    PartyByOcpi partyDetailsByOcpi(String countryCode, String partyId, long block) throws IOException {
        List<Type> out = call(registry, "getPartyDetailsByOcpi", List.of(
                new Bytes2(countryCode.getBytes(StandardCharsets.US_ASCII)),
                new Bytes3(partyId.getBytes(StandardCharsets.US_ASCII))), List.of(
                new TypeReference<Address>() { }, new TypeReference<DynamicArray<Uint8>>() { },
                new TypeReference<DynamicArray<Uint8>>() { }, new TypeReference<DynamicArray<Uint8>>() { },
                new TypeReference<Address>() { }, new TypeReference<Utf8String>() { }), block);
        return new PartyByOcpi(out.get(0).getValue().toString(), numbers(out.get(1)), numbers(out.get(2)),
                numbers(out.get(3)), out.get(4).getValue().toString(), out.get(5).getValue().toString());
    }

    List<String> providers(long block) throws IOException {
        return addresses(call(permissions, "getProviders", List.of(), List.of(new TypeReference<DynamicArray<Address>>() { }), block).get(0));
    }

    ServiceDetails service(String provider, long block) throws IOException {
        List<Type> out = call(permissions, "getService", List.of(new Address(provider)), List.of(
                new TypeReference<Bytes2>() { }, new TypeReference<Bytes3>() { }, new TypeReference<Utf8String>() { },
                new TypeReference<Utf8String>() { }, new TypeReference<DynamicArray<Uint256>>() { }), block);
        return new ServiceDetails(ascii((byte[]) out.get(0).getValue()), ascii((byte[]) out.get(1).getValue()),
                out.get(2).getValue().toString(), out.get(3).getValue().toString(), numbers(out.get(4)));
    }

    List<String> agreementsOf(String user, long block) throws IOException {
        return addresses(call(permissions, "getUserAgreementsByAddress", List.of(new Address(user)),
                List.of(new TypeReference<DynamicArray<Address>>() { }), block).get(0));
    }

    boolean hasAgreement(String user, String provider, long block) throws IOException {
        return (Boolean) call(permissions, "hasUserAgreementByAddress", List.of(new Address(user), new Address(provider)),
                List.of(new TypeReference<Bool>() { }), block).get(0).getValue();
    }

    /** @return the changes of blocks {@code from} to {@code to}, in chain order */
    List<Change> changes(long from, long to) throws IOException {
        List<String> addresses = permissions == null ? List.of(registry) : List.of(registry, permissions);
        EthFilter filter = new EthFilter(DefaultBlockParameter.valueOf(BigInteger.valueOf(from)),
                DefaultBlockParameter.valueOf(BigInteger.valueOf(to)), addresses);
        EthLog logs = new Request<>("eth_getLogs", Arrays.asList(filter), service, EthLog.class).send();
        if (logs.hasError()) {
            throw new IOException("eth_getLogs: " + logs.getError().getMessage());
        }
        List<Change> changes = new ArrayList<>();
        for (EthLog.LogResult<?> result : logs.getLogs()) {
            Log log = (Log) result.get();
            List<String> topics = log.getTopics();
            if (topics.isEmpty()) {
                continue;
            }
            String topic = topics.get(0);
            long block = log.getBlockNumber().longValueExact();
            switch (topic) {
                case OPERATOR_UPDATE -> changes.add(new Change(topic, topicAddress(topics.get(1)), null, block));
                case PARTY_UPDATE -> changes.add(new Change(topic, topicAddress(topics.get(1)), null, block));
                case SERVICE_UPDATE -> {
                    // nothing indexed: the provider is the last non-indexed field
                    List<Type> data = FunctionReturnDecoder.decode(log.getData(), List.of(
                            (TypeReference) new TypeReference<Utf8String>() { }, (TypeReference) new TypeReference<Utf8String>() { },
                            (TypeReference) new TypeReference<DynamicArray<Uint256>>() { }, (TypeReference) new TypeReference<Address>() { }));
                    changes.add(new Change(topic, data.get(3).getValue().toString(), null, block));
                }
                case SERVICE_AGREEMENT -> {
                    List<Type> data = FunctionReturnDecoder.decode(log.getData(), List.of(
                            (TypeReference) new TypeReference<Address>() { }, (TypeReference) new TypeReference<Address>() { }));
                    changes.add(new Change(topic, data.get(0).getValue().toString(), data.get(1).getValue().toString(), block));
                }
                default -> {
                    // other events of these contracts change nothing the index holds
                }
            }
        }
        return changes;
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private List<Type> call(String contract, String name, List<Type> inputs, List<TypeReference<?>> outputs, long block)
            throws IOException {
        Function function = new Function(name, (List) inputs, (List) outputs);
        String data = FunctionEncoder.encode(function);
        DefaultBlockParameter at = block < 0 ? DefaultBlockParameterName.LATEST
                : DefaultBlockParameter.valueOf(BigInteger.valueOf(block));
        EthCall result = new Request<>("eth_call", Arrays.asList(
                Transaction.createEthCallTransaction(null, contract, data), at), service, EthCall.class).send();
        if (result.hasError()) {
            throw new IOException(name + ": " + result.getError().getMessage());
        }
        if (result.isReverted()) {
            throw new IOException(name + " reverted: " + result.getRevertReason());
        }
        List<Type> decoded = FunctionReturnDecoder.decode(result.getValue(), function.getOutputParameters());
        if (decoded.size() != outputs.size()) {
            throw new IOException(name + ": unexpected answer from " + contract + " (is it the OCN contract?)");
        }
        return decoded;
    }

    @SuppressWarnings("unchecked")
    private static List<String> addresses(Type value) {
        List<String> out = new ArrayList<>();
        for (Address a : ((DynamicArray<Address>) value).getValue()) {
            out.add(a.getValue());
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static List<Integer> numbers(Type value) {
        List<Integer> out = new ArrayList<>();
        for (Object n : ((DynamicArray<Type>) value).getValue()) {
            out.add(((BigInteger) ((Type) n).getValue()).intValue());
        }
        return out;
    }

    private static String topicAddress(String topic) {
        return "0x" + topic.substring(topic.length() - 40);
    }

    private static String ascii(byte[] bytes) {
        int end = bytes.length;
        while (end > 0 && bytes[end - 1] == 0) {
            end--;
        }
        return new String(bytes, 0, end, StandardCharsets.US_ASCII);
    }
}
