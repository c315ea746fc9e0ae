package org.ocn.node.spi.routing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.ocn.node.api.ocpi.InterfaceRole;
import org.osgi.service.component.annotations.ComponentPropertyType;

/**
 * Registers an {@link OcpiModuleHandler} component for a module and interface: put it on the component class and the
 * service properties {@code ocpi.module}, {@code ocpi.role} and {@code ocpi.version} follow, so that no property name
 * is ever typed by hand.
 *
 * <pre>
 * &#64;Component(service = OcpiModuleHandler.class)
 * &#64;OcpiModule(module = "sessions", role = InterfaceRole.SENDER)
 * public class SessionsSender implements OcpiModuleHandler { ... }
 * </pre>
 */
@ComponentPropertyType
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface OcpiModule {

    /** Prefix of the generated service properties. */
    String PREFIX_ = "ocpi.";

    /** @return the module identifier ({@code ocpi.module}) */
    String module();

    /** @return the interface role ({@code ocpi.role}) */
    InterfaceRole role();

    /** @return the OCPI versions served ({@code ocpi.version}) */
    String[] version() default {"2.2.1", "2.2"};
}
