package org.ocn.node.spi.services;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.osgi.service.component.annotations.ComponentPropertyType;

/**
 * Declares who an {@link OcnService} component is: put it on the component class and the service properties
 * {@value ServiceDescriptor#PARTY}, {@value ServiceDescriptor#NAME}, {@value ServiceDescriptor#URL},
 * {@value ServiceDescriptor#PERMISSIONS} and {@value ServiceDescriptor#MODULES} follow. The values here are defaults:
 * the component's configuration (ConfigAdmin, same property names) overrides them, so an operator can give the service
 * another identity without rebuilding it.
 *
 * <pre>
 * &#64;Component(service = OcnService.class, configurationPid = "ocn.plugin.settlement")
 * &#64;OcnServiceIdentity(party = "CH/STL", name = "Settlement", modules = "settlement",
 *         permissions = ServicePermission.FORWARD_MODULE_CDRS_RECEIVER)
 * public class Settlement implements OcnService { ... }
 * </pre>
 */
@ComponentPropertyType
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface OcnServiceIdentity {

    /** Prefix of the generated service properties. */
    String PREFIX_ = "ocn.service.";

    /** @return the service's OCPI identity, {@code "CC/PID"} ({@value ServiceDescriptor#PARTY}) */
    String party();

    /** @return its name, as listed ({@value ServiceDescriptor#NAME}) */
    String name();

    /** @return a public URL describing it ({@value ServiceDescriptor#URL}), may be empty */
    String url() default "";

    /** @return which copies of its users' messages it wants ({@value ServiceDescriptor#PERMISSIONS}) */
    ServicePermission[] permissions() default {};

    /** @return the custom modules it answers ({@value ServiceDescriptor#MODULES}), listed for its users */
    String[] modules() default {};
}
