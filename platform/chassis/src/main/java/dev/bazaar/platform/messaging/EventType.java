package dev.bazaar.platform.messaging;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the event a payload class is published as ({@code ce_type}), e.g. {@code @EventType("OrderPlaced")}.
 * Declared, not derived from the class name, so that renaming a class never renames a contract. The
 * {@link Outbox} publishes only annotated payloads, which makes the annotated classes of a service the
 * complete list of what it publishes: the topology tests compare that list with topology.yaml.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface EventType {

    /** The event's type, a past-tense fact with a schema in {@code contracts/<service>/<type>.schema.json}. */
    String value();
}
