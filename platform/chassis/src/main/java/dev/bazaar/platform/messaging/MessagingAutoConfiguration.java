package dev.bazaar.platform.messaging;

import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.function.Function;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import dev.bazaar.platform.tracing.Traces;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import dev.bazaar.platform.work.Worker;
import dev.bazaar.platform.work.WorkersHealth;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.ConcurrentKafkaListenerContainerFactoryConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.annotation.KafkaListenerConfigurer;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.config.MethodKafkaListenerEndpoint;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.listener.ContainerPausingBackOffHandler;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.ListenerContainerPauseService;
import org.springframework.kafka.listener.ListenerContainerRegistry;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.messaging.handler.annotation.support.DefaultMessageHandlerMethodFactory;
import org.springframework.util.ReflectionUtils;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.backoff.FixedBackOff;
import tools.jackson.databind.json.JsonMapper;

/** Wires the outbox, the inbox and dead-lettering into every service that has the chassis. */
@AutoConfiguration
@EnableConfigurationProperties(MessagingProperties.class)
public class MessagingAutoConfiguration {

    static final String DEAD_LETTER_CONTAINER_FACTORY = "bazaarDeadLetterContainerFactory";

    private static final Logger log = LoggerFactory.getLogger(MessagingAutoConfiguration.class);

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** Spans through the platform's tracer; without one (tracing switched off) nothing is traced and all still works. */
    @Bean
    Traces traces(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator, Clock clock,
                  @Value("${bazaar.tracing.correlation-field}") String correlationField) {
        return new Traces(tracer.getIfAvailable(() -> Tracer.NOOP), propagator.getIfAvailable(() -> Propagator.NOOP), clock,
                correlationField);
    }

    @Bean
    OutboxRelay outboxRelay(JdbcClient jdbc, TransactionTemplate transactions, KafkaTemplate<String, String> kafka,
                            MessagingProperties properties, Traces traces) {
        return new OutboxRelay(jdbc, transactions, kafka, properties, traces);
    }

    /**
     * The outbox's backlog as a gauge: it grows while Kafka is away, and the launcher waits for it to be zero
     * everywhere before it calls a freshly started platform settled.
     */
    @Bean
    MeterBinder outboxBacklog(OutboxRelay relay) {
        return registry -> Gauge.builder("bazaar.outbox.backlog", relay, OutboxRelay::backlog)
                .description("Events committed to the outbox and not yet acknowledged by Kafka")
                .register(registry);
    }

    /**
     * Dead letters no one has redriven or discarded yet: more than zero is something for an operator (an alert).
     * Counted at each scrape; a database that cannot answer leaves the gauge without a value, not the scrape failed.
     */
    @Bean
    MeterBinder deadLettersWaiting(ObjectProvider<DeadLetters> deadLetters) {
        return registry -> Gauge.builder("bazaar.dead.letters", deadLetters,
                        letters -> letters.getObject().list(DeadLetter.Status.NEW, 0, 1).total())
                .description("Dead letters waiting for an operator (neither redriven nor discarded)")
                .register(registry);
    }

    @Bean
    Outbox outbox(JdbcClient jdbc, JsonMapper json, Clock clock, MessagingProperties properties, OutboxRelay relay,
                  Traces traces) {
        return new Outbox(jdbc, json, clock, properties, relay, traces);
    }

    @Bean
    ConsumerLag consumerLag(Clock clock) {
        return new ConsumerLag(clock);
    }

    /** The consumers' lag as a gauge, for an operator (docs/metrics.md); ordering also sheds checkout load by it. */
    @Bean
    MeterBinder consumerLagGauge(ConsumerLag lag) {
        return registry -> Gauge.builder("bazaar.consumer.lag", lag, l -> l.current().toMillis() / 1000.0)
                .description("Median age of the events applied in the last 10 s, from their commit at the producer")
                .baseUnit("seconds")
                .register(registry);
    }

    /** How far this service has read what it subscribes to, for its timers (see {@link ReadThrough}). */
    @Bean
    ReadThrough readThrough(KafkaAdmin kafka, ObjectProvider<Subscription> subscriptions, MessagingProperties properties,
                            Clock clock) {
        return new ReadThrough(() -> Admin.create(kafka.getConfigurationProperties()),
                subscriptions.orderedStream().map(Subscription::topic).distinct().toList(), properties.service(), clock);
    }

    @Bean
    Inbox inbox(JdbcClient jdbc, TransactionTemplate transactions, JsonMapper json, Traces traces, ConsumerLag lag) {
        return new Inbox(jdbc, transactions, json, traces, lag);
    }

    @Bean
    InboxRetention inboxRetention(JdbcClient jdbc, MessagingProperties properties, Clock clock) {
        return new InboxRetention(jdbc, properties, clock);
    }

    @Bean
    Worker outboxRelayLoop(OutboxRelay relay) {
        return relay.loop();
    }

    @Bean
    Worker inboxRetentionLoop(InboxRetention retention) {
        return new Worker("inbox-retention", InboxRetention.EVERY, () -> {
            retention.purge();
            return false;
        });
    }

    /** The health of the service's background work, in the liveness group (bazaar-chassis-defaults.properties). */
    @Bean
    WorkersHealth workers(ObjectProvider<Worker> workers, ObjectProvider<KafkaListenerEndpointRegistry> listeners) {
        return new WorkersHealth(workers.orderedStream().toList(), listeners.getIfAvailable());
    }

    /**
     * One batch listener for all the {@link Subscription} beans, on the service's consumer group (its name), with the
     * container factory and error handling of any {@code @KafkaListener} (see {@link Inbox#receive(List, Function)}).
     */
    @Bean
    KafkaListenerConfigurer subscriptionListeners(ObjectProvider<Subscription> subscriptions, Inbox inbox,
                                                  MessagingProperties properties) {
        DefaultMessageHandlerMethodFactory methods = new DefaultMessageHandlerMethodFactory();
        methods.afterPropertiesSet();
        Method onMessages = ReflectionUtils.findMethod(SubscriptionListener.class, "onMessages", List.class);
        return registrar -> {
            List<Subscription> all = subscriptions.orderedStream().toList();
            if (all.isEmpty()) {
                return;
            }
            var endpoint = new MethodKafkaListenerEndpoint<String, String>();
            endpoint.setId(properties.service() + ".subscriptions");
            endpoint.setGroupId(properties.service());
            endpoint.setTopics(all.stream().map(Subscription::topic).toArray(String[]::new));
            endpoint.setBatchListener(true);
            endpoint.setConcurrency(properties.consumers());
            endpoint.setBean(new SubscriptionListener(inbox, all));
            endpoint.setMethod(onMessages);
            endpoint.setMessageHandlerMethodFactory(methods);
            registrar.registerEndpoint(endpoint);
        };
    }

    /**
     * What happens to a message its handler cannot apply. One that can never succeed (unreadable, breaking its
     * contract, refused by the database's constraints) goes to this service's dead-letter topic at once. One that
     * failed for a passing reason (the database away, a lock or serialization conflict, a statement timeout) is
     * retried with a growing pause for up to {@code bazaar.messaging.transient-retry-for}: a database outage of a few
     * minutes dead-letters nothing. Anything else is retried a few times, quickly, then dead-lettered. While a message
     * waits for its next try, only its partition is paused; the others go on.
     */
    @Bean
    CommonErrorHandler deadLetteringErrorHandler(KafkaTemplate<String, String> kafka, MessagingProperties properties,
                                                 ObjectProvider<ListenerContainerRegistry> containers) {
        var recoverer = new DeadLetterPublishingRecoverer(kafka,
                (record, exception) -> new TopicPartition(properties.deadLetterTopic(), -1));
        ConsumerRecordRecoverer loggingRecoverer = (record, exception) -> {
            log.warn("Dead-lettering {}-{}@{} ({} {}) to {}: {}", record.topic(), record.partition(), record.offset(),
                    header(record, CloudEventHeaders.TYPE), header(record, CloudEventHeaders.ID), properties.deadLetterTopic(),
                    rootMessage(exception));
            recoverer.accept(record, failureOfTheRecord(exception));
        };
        var pauses = new ThreadPoolTaskScheduler();
        pauses.setThreadNamePrefix("bazaar-retry-pauses-");
        pauses.initialize();
        var handler = new DefaultErrorHandler(loggingRecoverer,
                new FixedBackOff(properties.retryInterval().toMillis(), properties.retries()),
                new ContainerPausingBackOffHandler(new ListenerContainerPauseService(containers.getObject(), pauses)));
        handler.setBackOffFunction((record, exception) -> Failures.isTransient(exception) ? transientBackOff(properties) : null);
        handler.addNotRetryableExceptions(MalformedEventException.class, DataIntegrityViolationException.class);
        return handler;
    }

    private static BackOff transientBackOff(MessagingProperties properties) {
        var backOff = new ExponentialBackOff(properties.retryInterval().toMillis(), 2);
        backOff.setMaxInterval(properties.transientRetryInterval().toMillis());
        backOff.setMaxElapsedTime(properties.transientRetryFor().toMillis());
        return backOff;
    }

    @Bean
    DeadLetters deadLetters(JdbcClient jdbc, TransactionTemplate transactions, Inbox inbox, ObjectProvider<Subscription> subscriptions,
                            JsonMapper json, Clock clock) {
        return new DeadLetters(jdbc, transactions, inbox, subscriptions.orderedStream().toList(), json, clock);
    }

    @Bean
    DeadLetterListener deadLetterListener(DeadLetters deadLetters) {
        return new DeadLetterListener(deadLetters);
    }

    /**
     * The dead-letter listener's own containers: configured like every other listener, except that a
     * record that cannot be stored is retried with a growing pause (the database may be away) and
     * then logged and skipped, never dead-lettered again. It stays on the dead-letter topic.
     * The error handler is deliberately not a bean: Boot gives the one CommonErrorHandler bean to
     * every other listener.
     */
    @Bean(DEAD_LETTER_CONTAINER_FACTORY)
    ConcurrentKafkaListenerContainerFactory<Object, Object> deadLetterContainerFactory(
            ConcurrentKafkaListenerContainerFactoryConfigurer configurer, ConsumerFactory<Object, Object> consumers) {
        var factory = new ConcurrentKafkaListenerContainerFactory<Object, Object>();
        configurer.configure(factory, consumers);
        var backOff = new ExponentialBackOff(500, 2);
        backOff.setMaxInterval(30_000);
        backOff.setMaxElapsedTime(300_000);
        var handler = new DefaultErrorHandler((record, exception) ->
                log.error("Could not store the dead letter {}-{}@{} ({} {}); it stays on that topic only: {}", record.topic(),
                        record.partition(), record.offset(), header(record, CloudEventHeaders.TYPE),
                        header(record, CloudEventHeaders.ID), rootMessage(exception)), backOff);
        // A value the database refuses (a NUL character, say) is refused again on every retry.
        handler.addNotRetryableExceptions(DataIntegrityViolationException.class);
        factory.setCommonErrorHandler(handler);
        return factory;
    }

    /**
     * A batch listener's failure names the record that failed ({@link Inbox#receive(List, Function)}); the dead letter
     * says what that record's failure was, as a record listener's would.
     */
    private static Exception failureOfTheRecord(Exception exception) {
        if (exception instanceof ListenerExecutionFailedException listener && listener.getCause() instanceof BatchListenerFailedException batch
                && batch.getCause() != null) {
            return new ListenerExecutionFailedException(listener.getMessage(), listener.getGroupId(), batch.getCause());
        }
        return exception;
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
