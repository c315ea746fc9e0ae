package org.ocn.node.spi.listeners;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.ocn.node.api.ocpi.InterfaceRole;
import org.osgi.service.component.annotations.ComponentPropertyType;

/**
 * Chooses what an {@link OcpiMessageListener} component sees: put it on the component class and the service
 * properties {@value OcpiMessageListener#MODULE}, {@value OcpiMessageListener#ROLE} and
 * {@value OcpiMessageListener#METHOD} follow. An empty list means all.
 *
 * <pre>
 * &#64;Component(service = OcpiMessageListener.class)
 * &#64;OcpiListener(module = "cdrs", role = InterfaceRole.RECEIVER, method = "POST")
 * public class CdrTap implements OcpiMessageListener { ... }
 * </pre>
 */
@ComponentPropertyType
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface OcpiListener {

    /** Prefix of the generated service properties. */
    String PREFIX_ = "ocpi.listener.";

    /** @return the module identifiers to see ({@value OcpiMessageListener#MODULE}); empty: all */
    String[] module() default {};

    /** @return the interfaces to see ({@value OcpiMessageListener#ROLE}); empty: both */
    InterfaceRole[] role() default {};

    /** @return the HTTP methods to see ({@value OcpiMessageListener#METHOD}); empty: all */
    String[] method() default {};
}
