package org.ocn.node.settings;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The node-wide configuration, ConfigAdmin PID {@value #PID}, with the reference node's key names.
 *
 * <p>Components read it with {@code @Component(configurationPid = NodeConfiguration.PID, configurationPolicy =
 * REQUIRE)} and an {@code @Activate} method taking this type: each method maps to the key of the same name with
 * {@code _} read as {@code .} (for example {@code ocn_node_url()} is {@code ocn.node.url}). The settings bundle always
 * publishes every key with its resolved value (generated secrets included), so the defaults below only document the
 * defaults; {@code etc/ocn-node.properties} explains each key.
 */
@ObjectClassDefinition(id = NodeConfiguration.PID, name = "OCN node",
        description = "Node-wide settings, published from etc/ocn-node.properties, the environment and the command line.")
public @interface NodeConfiguration {

    /** The PID under which the settings bundle publishes the node's configuration. */
    String PID = "ocn.node";

    @AttributeDefinition(name = "server.port", description = "Public HTTP port.")
    int server_port() default 8080;

    @AttributeDefinition(name = "server.address", description = "Address the public HTTP port binds to; 0.0.0.0 for all interfaces.")
    String server_address() default "0.0.0.0";

    @AttributeDefinition(name = "ocn.node.url", description = "Public base URL of the node, as parties and other nodes reach it.")
    String ocn_node_url() default "http://localhost:8080";

    @AttributeDefinition(name = "ocn.node.apikey", type = AttributeType.PASSWORD,
            description = "Key of the admin API (Authorization: Token <apikey>); generated at first start when unset.")
    String ocn_node_apikey();

    @AttributeDefinition(name = "ocn.node.privateKey", type = AttributeType.PASSWORD,
            description = "The node's secp256k1 private key (hex); generated at first start when unset.")
    String ocn_node_privateKey();

    @AttributeDefinition(name = "ocn.node.dev", description = "Development mode.")
    boolean ocn_node_dev() default false;

    @AttributeDefinition(name = "ocn.node.signatures", description = "Require OCN-Signature on every routed message.")
    boolean ocn_node_signatures() default false;

    @AttributeDefinition(name = "ocn.node.web3.provider", description = "JSON-RPC URL of the chain holding the OCN registry; empty for the embedded local registry.")
    String ocn_node_web3_provider() default "";

    @AttributeDefinition(name = "ocn.node.web3.contracts.registry", description = "Address of the Registry contract.")
    String ocn_node_web3_contracts_registry() default "";

    @AttributeDefinition(name = "ocn.node.web3.contracts.permissions", description = "Address of the Permissions contract.")
    String ocn_node_web3_contracts_permissions() default "";

    @AttributeDefinition(name = "ocn.node.stillAliveEnabled", description = "Check connected parties on a schedule.")
    boolean ocn_node_stillAliveEnabled() default true;

    @AttributeDefinition(name = "ocn.node.stillAliveRate", description = "Still-alive check period in milliseconds.")
    long ocn_node_stillAliveRate() default 900000L;

    @AttributeDefinition(name = "ocn.node.plannedPartySearchEnabled", description = "Search the registry for planned parties on a schedule.")
    boolean ocn_node_plannedPartySearchEnabled() default true;

    @AttributeDefinition(name = "ocn.node.plannedPartySearchRate", description = "Planned party search period in milliseconds.")
    long ocn_node_plannedPartySearchRate() default 3600000L;

    @AttributeDefinition(name = "ocn.node.serviceInterfaceEnabled", description = "Forward copies of messages to services per their agreements.")
    boolean ocn_node_serviceInterfaceEnabled() default true;

    @AttributeDefinition(name = "ocn.node.plugins.repositories", description = "Maven repositories (comma-separated URLs) that plugins given as Maven coordinates are resolved from.")
    String ocn_node_plugins_repositories() default "https://repo1.maven.org/maven2/";

    @AttributeDefinition(name = "ocn.node.plugins.upload", description = "Whether the admin API accepts plugin jars and coordinates (false: plugins change only through deploy/ and the shell).")
    boolean ocn_node_plugins_upload() default true;

    @AttributeDefinition(name = "ocn.node.plugins.grace", description = "How long a request for a module without a provider waits for one (a plugin being updated), in milliseconds.")
    long ocn_node_plugins_grace() default 5000L;

    @AttributeDefinition(name = "ocn.node.dataDir", description = "Absolute path of the node's data folder (database, keys, framework state, logs).")
    String ocn_node_dataDir();

    @AttributeDefinition(name = "ocn.node.countryCode", description = "Country code of the node's own OCPI identity (role HUB).")
    String ocn_node_countryCode() default "CH";

    @AttributeDefinition(name = "ocn.node.partyId", description = "Party id of the node's own OCPI identity (role HUB).")
    String ocn_node_partyId() default "OCN";

    @AttributeDefinition(name = "ocn.node.name", description = "Business name of the node's own OCPI identity.")
    String ocn_node_name() default "Open Charging Network Node";

    @AttributeDefinition(name = "ocn.node.shellPort", description = "Port of the operator shell (SSH), bound to 127.0.0.1 only.")
    int ocn_node_shellPort() default 8101;
}
