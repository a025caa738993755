package dev.bazaar.platform.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Clock;

import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.backoff.FixedBackOff;
import tools.jackson.databind.json.JsonMapper;

/** Wires the outbox, the inbox and dead-lettering into every service that has the chassis. */
@AutoConfiguration
@EnableConfigurationProperties(MessagingProperties.class)
public class MessagingAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(MessagingAutoConfiguration.class);

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    OutboxRelay outboxRelay(JdbcClient jdbc, TransactionTemplate transactions, KafkaTemplate<String, String> kafka,
                            MessagingProperties properties) {
        return new OutboxRelay(jdbc, transactions, kafka, properties);
    }

    @Bean
    Outbox outbox(JdbcClient jdbc, JsonMapper json, Clock clock, MessagingProperties properties, OutboxRelay relay,
                  ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        return new Outbox(jdbc, json, clock, properties, relay, tracer, propagator);
    }

    @Bean
    Inbox inbox(JdbcClient jdbc, TransactionTemplate transactions, JsonMapper json) {
        return new Inbox(jdbc, transactions, json);
    }

    /** Retries a failing message a few times, then moves it to this service's dead-letter topic and goes on. */
    @Bean
    CommonErrorHandler deadLetteringErrorHandler(KafkaTemplate<String, String> kafka, MessagingProperties properties) {
        var recoverer = new DeadLetterPublishingRecoverer(kafka,
                (record, exception) -> new TopicPartition(properties.deadLetterTopic(), -1));
        ConsumerRecordRecoverer loggingRecoverer = (record, exception) -> {
            log.warn("Dead-lettering {}-{}@{} ({} {}) to {}: {}", record.topic(), record.partition(), record.offset(),
                    header(record, CloudEventHeaders.TYPE), header(record, CloudEventHeaders.ID), properties.deadLetterTopic(),
                    rootMessage(exception));
            recoverer.accept(record, exception);
        };
        var handler = new DefaultErrorHandler(loggingRecoverer,
                new FixedBackOff(properties.retryInterval().toMillis(), properties.retries()));
        handler.addNotRetryableExceptions(MalformedEventException.class);
        return handler;
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? "no " + name : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static String rootMessage(Throwable exception) {
        Throwable cause = exception;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getMessage();
    }

    /** The service's own topic, kept forever: other services build their replicas from its whole history. */
    @Bean
    NewTopic eventsTopic(MessagingProperties properties) {
        return TopicBuilder.name(properties.topic())
                .partitions(properties.partitions())
                .replicas(1)
                .config(TopicConfig.RETENTION_MS_CONFIG, "-1")
                .build();
    }

    @Bean
    NewTopic deadLetterTopic(MessagingProperties properties) {
        return TopicBuilder.name(properties.deadLetterTopic()).partitions(1).replicas(1)
                .config(TopicConfig.RETENTION_MS_CONFIG, "-1")
                .build();
    }
}
