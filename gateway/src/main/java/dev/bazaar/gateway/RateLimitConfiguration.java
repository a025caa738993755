package dev.bazaar.gateway;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The rate limits and where their buckets are kept ({@code bazaar.gateway.rate-limits.store}). */
@Configuration(proxyBeanMethods = false)
class RateLimitConfiguration {

    private static final Logger log = LoggerFactory.getLogger(RateLimitConfiguration.class);

    /** Enough for every address of a busy day; see {@link LocalBuckets} for what happens past it. */
    private static final int MAX_LOCAL_KEYS = 100_000;

    @Bean
    RateLimiting rateLimiting(GatewayProperties properties, Store store) {
        return new RateLimiting(properties.rateLimits(), store.buckets());
    }

    @Bean(destroyMethod = "close")
    Store rateLimitStore(GatewayProperties properties) {
        GatewayProperties.RateLimits limits = properties.rateLimits();
        if (limits.store() == GatewayProperties.RateLimits.Store.MEMORY) {
            return new Store(new LocalBuckets(MAX_LOCAL_KEYS), null, null);
        }
        GatewayProperties.RateLimits.Postgres postgres = limits.postgres();
        if (postgres.url() == null) {
            throw new IllegalStateException("bazaar.gateway.rate-limits.store is postgres, but bazaar.gateway.rate-limits.postgres.url is not set");
        }
        HikariConfig config = new HikariConfig();
        config.setPoolName("rate-limits");
        config.setJdbcUrl(postgres.url());
        config.setUsername(postgres.username());
        config.setPassword(postgres.password());
        config.setMaximumPoolSize(postgres.poolSize());
        HikariDataSource dataSource = new HikariDataSource(config);
        PostgresBuckets buckets = new PostgresBuckets(dataSource);
        ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "rate-limit-sweeper");
            thread.setDaemon(true);
            return thread;
        });
        sweeper.scheduleWithFixedDelay(() -> {
            try {
                buckets.removeExpired();
            } catch (RuntimeException e) {
                log.warn("Could not remove expired rate limit buckets: {}", e.toString());
            }
        }, 1, 1, TimeUnit.MINUTES);
        log.info("Rate limit buckets are kept in PostgreSQL ({}), shared by every gateway using it", postgres.url());
        return new Store(buckets, dataSource, sweeper);
    }

    /** The buckets and what keeps them, closed with the gateway. */
    record Store(Buckets buckets, HikariDataSource dataSource, ScheduledExecutorService sweeper) implements AutoCloseable {

        @Override
        public void close() {
            if (sweeper != null) {
                sweeper.shutdownNow();
            }
            if (dataSource != null) {
                dataSource.close();
            }
        }
    }
}
