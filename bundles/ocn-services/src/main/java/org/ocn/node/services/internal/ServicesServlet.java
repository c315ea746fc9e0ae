package org.ocn.node.services.internal;

import java.io.IOException;
import java.util.List;

import org.ocn.node.services.RunningService;
import org.ocn.node.services.ServiceDirectory;
import org.ocn.node.spi.services.ServiceDescriptor;
import org.ocn.node.spi.services.ServicePermission;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The services registry of this node, no authentication (like {@code /ocn/registry/*}): {@code GET /ocn/services}
 * answers {@code [{"party_id", "country_code", "name", "url", "permissions": [...], "modules": [...], "address"}]},
 * one entry per service running here, by identity; {@code permissions} are the names of
 * {@link ServicePermission}, {@code address} the service's Ethereum address (its address in the registry on chain).
 */
@Component(name = "ocn.services.listing", service = Servlet.class)
@HttpWhiteboardServletPattern("/ocn/services")
public class ServicesServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient ObjectMapper mapper = new ObjectMapper();
    private final transient ServiceDirectory directory;

    @Activate
    public ServicesServlet(@Reference ServiceDirectory directory) {
        this.directory = directory;
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (!req.getMethod().equals("GET")) {
            resp.setHeader("Allow", "GET");
            write(resp, HttpServletResponse.SC_METHOD_NOT_ALLOWED,
                    mapper.writeValueAsBytes("use GET to list the services of this node"));
            return;
        }
        write(resp, HttpServletResponse.SC_OK, mapper.writeValueAsBytes(listing(mapper, directory.services())));
    }

    /** @return the listing of the services */
    static ArrayNode listing(ObjectMapper mapper, List<RunningService> services) {
        ArrayNode list = mapper.createArrayNode();
        for (RunningService s : services) {
            ServiceDescriptor d = s.descriptor();
            ObjectNode o = list.addObject();
            o.put("party_id", d.party().partyId());
            o.put("country_code", d.party().countryCode());
            o.put("name", d.name());
            o.put("url", d.url());
            ArrayNode permissions = o.putArray("permissions");
            d.permissions().stream().sorted().forEach(p -> permissions.add(p.name()));
            ArrayNode modules = o.putArray("modules");
            d.modules().forEach(modules::add);
            o.put("address", s.address());
        }
        return list;
    }

    private static void write(HttpServletResponse resp, int status, byte[] body) throws IOException {
        resp.setStatus(status);
        resp.setContentType("application/json");
        resp.setContentLength(body.length);
        resp.getOutputStream().write(body);
    }
}
