package ${package};

import java.util.concurrent.CompletionStage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.ocn.node.api.ocpi.InterfaceRole;
import org.ocn.node.spi.routing.InterfaceRules;
import org.ocn.node.spi.routing.OcpiModule;
import org.ocn.node.spi.routing.OcpiModuleHandler;
import org.ocn.node.spi.routing.OcpiReply;
import org.ocn.node.spi.routing.OcpiRequest;
import org.ocn.node.spi.routing.OcpiRouting;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The custom OCPI module {@code ${module}}, Receiver interface: a party connected to the node calls
 * {@code GET /ocpi/custom/receiver/${module}} with its token C and the routing headers, addressed to another party of
 * the node, and this module answers itself with a greeting (it could also forward the request to the recipient with
 * {@link OcpiRouting#forward}).
 *
 * <p>An OCPI module is just a service implementing {@link OcpiModuleHandler}, registered with
 * {@link OcpiModule @OcpiModule}: the node's router finds it by its module identifier and role, lists it in the
 * node's version details, and hands it every request for it. Deploying the jar adds the module to a running node;
 * removing the jar removes it.
 */
@Component(service = OcpiModuleHandler.class, configurationPid = ${moduleClass}.PID)
@Designate(ocd = ${moduleClass}.Config.class)
@OcpiModule(module = ${moduleClass}.MODULE, role = InterfaceRole.RECEIVER)
public class ${moduleClass} implements OcpiModuleHandler {

    /** The module identifier, as parties see it in the node's version details. */
    public static final String MODULE = "${module}";

    /** The configuration PID: an operator sets {@link Config} in {@code etc/${configurationPid}.cfg}. */
    public static final String PID = "${configurationPid}";

    /** The module's configuration, with its defaults (the node's web console and metatype show it to operators). */
    @ObjectClassDefinition(name = "OCPI module ${module}", description = "The custom OCPI module ${module}")
    public @interface Config {

        @AttributeDefinition(name = "Greeting", description = "The first word of every answer")
        String greeting() default "Hello";
    }

    private final ObjectMapper json = new ObjectMapper();
    private volatile String greeting;

    @Activate
    public ${moduleClass}(Config config) {
        modified(config);
    }

    /** A changed configuration applies to the next request, without restarting the module. */
    @Modified
    void modified(Config config) {
        greeting = config.greeting();
    }

    @Override
    public CompletionStage<OcpiReply> handle(OcpiRequest request, OcpiRouting routing) {
        // the interface is one GET on the module's own path, nothing after it (path template ""); anything else gets
        // the OCPI error for it (405 or 2001)
        return InterfaceRules.check(request, "GET", "")
                .map(InterfaceRules::reply)
                .orElseGet(() -> InterfaceRules.reply(greet(request)));
    }

    /** @return the greeting for the sender: the module writes the data, {@link OcpiReply#ok} the OCPI envelope */
    OcpiReply greet(OcpiRequest request) {
        ObjectNode data = json.createObjectNode()
                .put("message", greeting + " " + request.sender() + ", this is " + MODULE + " for "
                        + request.receiver())
                .put("module", MODULE);
        try {
            return OcpiReply.ok(json.writeValueAsBytes(data));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an object node always serializes", e);
        }
    }
}
