package dev.bazaar.console.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.TreeMap;

import org.junit.jupiter.api.Test;

class DashboardTest {

    @Test
    void quantilesInterpolateWithinTheirBucketAsPromQLDoes() {
        TreeMap<Double, Double> cumulative = new TreeMap<>();
        cumulative.put(1.0, 50.0);
        cumulative.put(2.0, 90.0);
        cumulative.put(5.0, 100.0);
        cumulative.put(Double.POSITIVE_INFINITY, 100.0);

        assertThat(Dashboard.quantile(0.5, cumulative)).isEqualTo(1.0);
        assertThat(Dashboard.quantile(0.7, cumulative)).isEqualTo(1.5);
        assertThat(Dashboard.quantile(0.95, cumulative)).isEqualTo(3.5);
    }

    @Test
    void aQuantileBeyondTheLastBoundIsTheLastBoundAndOfNothingIsUnknown() {
        TreeMap<Double, Double> cumulative = new TreeMap<>();
        cumulative.put(1.0, 1.0);
        cumulative.put(Double.POSITIVE_INFINITY, 10.0);
        assertThat(Dashboard.quantile(0.99, cumulative)).isEqualTo(1.0);

        cumulative.put(Double.POSITIVE_INFINITY, 0.0);
        cumulative.put(1.0, 0.0);
        assertThat(Dashboard.quantile(0.5, cumulative)).isNull();
    }
}
