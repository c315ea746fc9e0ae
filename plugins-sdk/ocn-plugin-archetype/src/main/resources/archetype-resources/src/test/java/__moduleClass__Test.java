package ${package};

import static org.junit.Assert.assertEquals;

import java.lang.annotation.Annotation;
import java.lang.reflect.Proxy;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.Test;
import org.ocn.node.api.ocpi.InterfaceRole;
import org.ocn.node.api.ocpi.PartyId;
import org.ocn.node.api.ocpi.VersionNumber;
import org.ocn.node.spi.routing.OcpiReply;
import org.ocn.node.spi.routing.OcpiRequest;
import org.ocn.node.spi.routing.OcpiRouting;

/** The module on its own: requests in, replies out, no node. */
public class ${moduleClass}Test {

    /** The module answers itself: any use of the router fails the test. */
    private static final OcpiRouting NO_ROUTING = (OcpiRouting) Proxy.newProxyInstance(
            OcpiRouting.class.getClassLoader(), new Class<?>[] {OcpiRouting.class}, (proxy, method, args) -> {
                throw new AssertionError("the module should answer itself, not call " + method.getName());
            });

    private final ObjectMapper json = new ObjectMapper();
    private final ${moduleClass} module = new ${moduleClass}(config("Hello"));

    @Test
    public void aGetIsAnsweredWithAGreetingForTheSender() throws Exception {
        OcpiReply reply = module.handle(request("GET", ""), NO_ROUTING).toCompletableFuture().get();

        assertEquals(200, reply.status());
        JsonNode body = json.readTree(reply.body());
        assertEquals(1000, body.path("status_code").asInt());
        assertEquals("Hello DE/MSP, this is ${module} for DE/CPO", body.at("/data/message").asText());
    }

    @Test
    public void aNewConfigurationAppliesToTheNextRequest() throws Exception {
        module.modified(config("Hoi"));

        OcpiReply reply = module.handle(request("GET", ""), NO_ROUTING).toCompletableFuture().get();

        assertEquals("Hoi DE/MSP, this is ${module} for DE/CPO",
                json.readTree(reply.body()).at("/data/message").asText());
    }

    @Test
    public void anotherMethodIsNotPartOfTheInterface() throws Exception {
        OcpiReply reply = module.handle(request("POST", ""), NO_ROUTING).toCompletableFuture().get();

        assertEquals(405, reply.status());
        assertEquals(2000, json.readTree(reply.body()).path("status_code").asInt());
    }

    @Test
    public void aPathAfterTheModuleIsRefused() throws Exception {
        OcpiReply reply = module.handle(request("GET", "/extra"), NO_ROUTING).toCompletableFuture().get();

        assertEquals(200, reply.status());
        assertEquals(2001, json.readTree(reply.body()).path("status_code").asInt());
    }

    /** A request from DE/MSP to DE/CPO, as the router hands it over. */
    private static OcpiRequest request(String method, String path) {
        return new OcpiRequest(method, VersionNumber.V2_2_1, ${moduleClass}.MODULE, InterfaceRole.RECEIVER, path, null,
                Map.of(), new byte[0], PartyId.of("DE", "MSP"), PartyId.of("DE", "CPO"));
    }

    /** The configuration Declarative Services would build from etc/${configurationPid}.cfg. */
    private static ${moduleClass}.Config config(String greeting) {
        return new ${moduleClass}.Config() {
            @Override
            public String greeting() {
                return greeting;
            }

            @Override
            public Class<? extends Annotation> annotationType() {
                return ${moduleClass}.Config.class;
            }
        };
    }
}
