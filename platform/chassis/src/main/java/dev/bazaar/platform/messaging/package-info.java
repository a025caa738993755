/** Reliable events: a transactional outbox to publish, an inbox to consume once, dead letters for poison. */
package dev.bazaar.platform.messaging;
