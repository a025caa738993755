/** Reliable events: a transactional outbox to publish, an inbox to consume once, dead letters to list and redrive. */
package dev.bazaar.platform.messaging;
