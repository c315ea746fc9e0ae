package ${package};

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.Map;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;
import org.ocn.node.testing.Endpoint;
import org.ocn.node.testing.MockParty;
import org.ocn.node.testing.OcnTestNode;
import org.ocn.node.testing.OcpiAnswer;
import org.ocn.node.testing.PartyRole;

/**
 * The plugin in a real node: the node distribution started with this project's jar copied into its deploy/ folder and
 * configured, and two mock parties connected with the credentials handshake.
 */
public class ${moduleClass}IT {

    private static OcnTestNode node;
    private static MockParty msp;
    private static MockParty cpo;

    @BeforeClass
    public static void startNodeWithThePlugin() {
        node = OcnTestNode.builder()
                .pluginUnderTest()
                .configure(${moduleClass}.PID, Map.of("greeting", "Grüezi"))
                .start();
        msp = node.connect("DE/MSP", PartyRole.EMSP);
        cpo = node.connect("DE/CPO", PartyRole.CPO, Endpoint.sender("locations"));
    }

    @AfterClass
    public static void stopNode() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    public void theModuleAnswersAPartyThroughTheNode() {
        OcpiAnswer answer = msp.send("GET", "/ocpi/custom/receiver/${module}", "DE/CPO");

        assertEquals(answer.toString(), 200, answer.status());
        assertEquals(answer.toString(), 1000, answer.statusCode());
        assertEquals("Grüezi DE/MSP, this is ${module} for DE/CPO", answer.data().path("message").asText());
        assertTrue("the module answered itself: nothing reached DE/CPO", cpo.received().isEmpty());
    }

    @Test
    public void anotherMethodGetsTheInterfaceError() {
        OcpiAnswer answer = msp.send("PUT", "/ocpi/custom/receiver/${module}", "DE/CPO", "{}");

        assertEquals(answer.toString(), 405, answer.status());
        assertEquals(answer.toString(), 2000, answer.statusCode());
    }
}
