package org.ocn.node.network.internal;

import java.io.IOException;
import java.util.Locale;
import java.util.Optional;

import org.ocn.node.api.ocpi.PartyId;
import org.ocn.node.crypto.EthereumKey;
import org.ocn.node.registry.NetworkRegistry;
import org.ocn.node.registry.PartyListing;
import org.ocn.node.settings.NodeConfiguration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The reference node's registry queries (ocn-protocol.md §2.3), no authentication:
 * <ul>
 * <li>{@code GET /ocn/registry/node-info}: {@code {"url": "<ocn.node.url>", "address": "<node address>"}}, the
 * address in lower case as the reference writes it; clients check it before listing a party with this node;</li>
 * <li>{@code GET /ocn/registry/node/{country_code}/{party_id}}: {@code {"url": "<node>", "address": "<operator>"}}
 * of the node the party is listed with, or the JSON string {@code "Party not registered on OCN"}.</li>
 * </ul>
 */
@Component(name = "ocn.network.registryinfo", configurationPid = NodeConfiguration.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, service = Servlet.class)
@HttpWhiteboardServletPattern("/ocn/registry/*")
public class RegistryInfoServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient ObjectMapper mapper = new ObjectMapper();
    private final transient String nodeUrl;
    private final transient String address;

    @Reference(policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY,
            cardinality = ReferenceCardinality.OPTIONAL)
    private volatile NetworkRegistry registry;

    @Activate
    public RegistryInfoServlet(NodeConfiguration config) {
        this.nodeUrl = config.ocn_node_url();
        this.address = EthereumKey.fromPrivateKey(config.ocn_node_privateKey()).address().toLowerCase(Locale.ROOT);
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getPathInfo() == null ? "" : req.getPathInfo();
        if (path.equals("/node-info")) {
            ObjectNode o = mapper.createObjectNode().put("url", nodeUrl).put("address", address);
            write(resp, 200, mapper.writeValueAsBytes(o));
            return;
        }
        String[] parts = path.split("/");
        if (parts.length == 4 && parts[1].equals("node")) {
            Optional<PartyListing> listing;
            try {
                NetworkRegistry current = registry;
                listing = current == null ? Optional.empty()
                        : current.findParty(PartyId.of(parts[2], parts[3])).filter(l -> !l.nodeUrl().isBlank());
            } catch (IllegalArgumentException e) {
                listing = Optional.empty();
            }
            if (listing.isEmpty()) {
                write(resp, 200, mapper.writeValueAsBytes("Party not registered on OCN"));
            } else {
                String operator = listing.get().operatorAddress();
                ObjectNode o = mapper.createObjectNode().put("url", listing.get().nodeUrl())
                        .put("address", operator == null ? address : operator);
                write(resp, 200, mapper.writeValueAsBytes(o));
            }
            return;
        }
        write(resp, 404, mapper.writeValueAsBytes("No registry resource at /ocn/registry" + path));
    }

    private static void write(HttpServletResponse resp, int status, byte[] body) throws IOException {
        resp.setStatus(status);
        resp.setContentType("application/json");
        resp.setContentLength(body.length);
        resp.getOutputStream().write(body);
    }
}
