/**
 * The engine of the {@code bazaar} command, usable as a library: {@link dev.bazaar.launcher.Platform} brings
 * up PostgreSQL, Kafka, every service and the gateway as processes of their own, and takes them down again.
 */
package dev.bazaar.launcher;
