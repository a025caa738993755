package dev.bazaar.gateway;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import javax.sql.DataSource;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Buckets in a PostgreSQL table, so that every gateway replica takes from the same budget: each take locks the
 * caller's row ({@code SELECT ... FOR UPDATE}), so two replicas never both spend the last token. A row expires once
 * its bucket would be full again; {@link #removeExpired()} deletes those. JDBC blocks, so takes run off the event
 * loop.
 */
final class PostgresBuckets implements Buckets {

    static final String TABLE = "rate_limit_bucket";

    private final PostgreSQLSelectForUpdateBasedProxyManager<String> buckets;

    PostgresBuckets(DataSource dataSource) {
        createTable(dataSource);
        this.buckets = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
                .primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table(TABLE)
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(1)))
                .build();
    }

    @Override
    public Mono<ConsumptionProbe> take(String key, BucketConfiguration configuration) {
        return Mono.fromCallable(() -> buckets.builder().build(key, () -> configuration).tryConsumeAndReturnRemaining(1))
                .subscribeOn(Schedulers.boundedElastic());
    }

    /** Deletes the rows of buckets that are full again; returns how many. */
    int removeExpired() {
        int removed = 0;
        int batch;
        do {
            batch = buckets.removeExpired(1000);
            removed += batch;
        } while (batch == 1000);
        return removed;
    }

    private static void createTable(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS " + TABLE
                    + " (id VARCHAR(512) PRIMARY KEY, state BYTEA, expires_at BIGINT)");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create the rate limits' table " + TABLE + ": " + e.getMessage(), e);
        }
    }
}
