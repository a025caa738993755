package dev.bazaar.platform.messaging;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import org.junit.jupiter.api.Test;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.kafka.listener.ListenerExecutionFailedException;

import static org.assertj.core.api.Assertions.assertThat;

class FailuresTest {

    @Test
    void theDatabaseAwayOrBusyIsAPassingFailure() {
        assertThat(Failures.isTransient(new CannotGetJdbcConnectionException("no connection",
                new SQLTransientConnectionException("pool exhausted")))).isTrue();
        assertThat(Failures.isTransient(new SQLException("connection refused", "08001"))).isTrue();
        assertThat(Failures.isTransient(new SQLException("terminating connection due to administrator command", "57P01"))).isTrue();
        assertThat(Failures.isTransient(new CannotAcquireLockException("lock timeout"))).isTrue();
        assertThat(Failures.isTransient(new QueryTimeoutException("statement timeout"))).isTrue();
        assertThat(Failures.isTransient(new SQLException("could not serialize access", "40001"))).isTrue();
    }

    @Test
    void isFoundBehindTheListenersOwnWrapping() {
        assertThat(Failures.isTransient(new ListenerExecutionFailedException("listener failed",
                new IllegalStateException("handler failed", new SQLException("deadlock detected", "40P01"))))).isTrue();
    }

    @Test
    void aBrokenRuleOrABugIsNot() {
        assertThat(Failures.isTransient(new DataIntegrityViolationException("duplicate key", new SQLException("duplicate", "23505")))).isFalse();
        assertThat(Failures.isTransient(new SQLException("permission denied for table payment", "42501"))).isFalse();
        assertThat(Failures.isTransient(new IllegalStateException("Order 7 is CANCELLED, it cannot become CONFIRMED"))).isFalse();
    }
}
