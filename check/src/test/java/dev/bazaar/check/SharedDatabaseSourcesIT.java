package dev.bazaar.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sign 2 from the configuration sources beyond a service's own settings: Compose {@code env_file}s and {@code .env}
 * interpolation, Kubernetes manifests' {@code env}, a Spring Cloud Config server's files. Each with a shared case and
 * a clean one, on builds written on the spot.
 */
class SharedDatabaseSourcesIT {

    @TempDir
    Path repo;

    private WrittenBuild twoServices() {
        return new WrittenBuild(repo).root("orders-service", "billing-service").service("orders-service")
                .service("billing-service");
    }

    @Test
    void anEnvFileTwoComposeServicesReadGivesThemOneDatabase() {
        twoServices().write("compose.yaml", """
                services:
                  orders:
                    build: ./orders-service
                    env_file: config/shop-db.env
                  billing:
                    image: example/billing-service:1
                    env_file:
                      - path: config/shop-db.env
                        required: true
                """).write("config/shop-db.env", """
                # the shop's one database
                SPRING_DATASOURCE_URL=jdbc:postgresql://db:5432/shop
                SPRING_DATASOURCE_USERNAME="shop"
                """);

        SignResult sign = Check.run(repo).result(Sign.SHARED_DATABASE);

        assertThat(sign.verdict()).isEqualTo(Verdict.PRESENT);
        assertThat(sign.summary()).startsWith("shared: database postgresql://db:5432/shop (billing-service, "
                + "orders-service); user shop (billing-service, orders-service)");
        assertThat(sign.evidence()).extracting(Evidence::location, Evidence::text).contains(
                tuple("config/shop-db.env:2", "orders-service environment: SPRING_DATASOURCE_URL="
                        + "jdbc:postgresql://db:5432/shop (env_file of orders at compose.yaml:4)"),
                tuple("config/shop-db.env:2", "billing-service environment: SPRING_DATASOURCE_URL="
                        + "jdbc:postgresql://db:5432/shop (env_file of billing at compose.yaml:8)"),
                tuple("config/shop-db.env:3", "orders-service environment: SPRING_DATASOURCE_USERNAME=shop "
                        + "(env_file of orders at compose.yaml:4)"));
    }

    @Test
    void envFilesOfTheirOwnAndEnvironmentOverThemAreClear() {
        twoServices().write("compose.yaml", """
                services:
                  orders:
                    build: ./orders-service
                    env_file: [orders.env]
                  billing:
                    build: ./billing-service
                    env_file: orders.env
                    environment:
                      SPRING_DATASOURCE_URL: jdbc:postgresql://billing-db:5432/billing
                      SPRING_DATASOURCE_USERNAME: billing
                """).write("orders.env", """
                SPRING_DATASOURCE_URL=jdbc:postgresql://orders-db:5432/orders # its own
                SPRING_DATASOURCE_USERNAME=orders
                """);

        SignResult sign = Check.run(repo).result(Sign.SHARED_DATABASE);

        // billing's environment wins over the env_file it shares with orders, as in Compose.
        assertThat(sign.verdict()).isEqualTo(Verdict.CLEAR);
        assertThat(sign.summary()).startsWith("2 services, each with its own database;");
        assertThat(sign.evidence()).extracting(Evidence::location).containsExactlyInAnyOrder(
                "orders.env:1", "orders.env:2", "compose.yaml:9", "compose.yaml:10");
    }

    @Test
    void dotEnvValuesInterpolatedIntoComposeNameOneDatabase() {
        twoServices().write("compose.yaml", """
                services:
                  orders:
                    build: ./orders-service
                    environment:
                      SPRING_DATASOURCE_URL: ${SHOP_DB_URL:-jdbc:postgresql://db:5432/orders}
                  billing:
                    build: ./billing-service
                    environment:
                      - SPRING_DATASOURCE_URL=$SHOP_DB_URL
                """).write(".env", """
                # values for Compose
                SHOP_DB_URL=jdbc:postgresql://db:5432/shop
                """);

        SignResult sign = Check.run(repo).result(Sign.SHARED_DATABASE);

        assertThat(sign.verdict()).isEqualTo(Verdict.PRESENT);
        assertThat(sign.summary()).startsWith("shared: database postgresql://db:5432/shop (billing-service, "
                + "orders-service)");
        assertThat(sign.evidence()).extracting(Evidence::location, Evidence::text).containsExactly(
                tuple("compose.yaml:5", "orders-service environment: SPRING_DATASOURCE_URL=jdbc:postgresql://db:5432/"
                        + "shop (written ${SHOP_DB_URL:-jdbc:postgresql://db:5432/orders}; SHOP_DB_URL from .env:2)"),
                tuple("compose.yaml:9", "billing-service environment: SPRING_DATASOURCE_URL=jdbc:postgresql://db:5432/"
                        + "shop (written $SHOP_DB_URL; SHOP_DB_URL from .env:2)"));
    }

    @Test
    void dotEnvValuesOfTheirOwnAreClear() {
        twoServices().write("compose.yaml", """
                services:
                  orders:
                    build: ./orders-service
                    environment:
                      SPRING_DATASOURCE_URL: ${ORDERS_DB_URL:-jdbc:postgresql://db:5432/shop}
                  billing:
                    build: ./billing-service
                    environment:
                      SPRING_DATASOURCE_URL: ${BILLING_DB_URL:-jdbc:postgresql://db:5432/shop}
                """).write(".env", """
                ORDERS_DB_URL=jdbc:postgresql://db:5432/orders
                BILLING_DB_URL='jdbc:postgresql://db:5432/billing'
                """);

        SignResult sign = Check.run(repo).result(Sign.SHARED_DATABASE);

        // Without the .env both would take the default, one database: the .env is what keeps them apart.
        assertThat(sign.verdict()).isEqualTo(Verdict.CLEAR);
        assertThat(sign.evidence()).extracting(Evidence::text).contains(
                "orders-service environment: SPRING_DATASOURCE_URL=jdbc:postgresql://db:5432/orders (written "
                        + "${ORDERS_DB_URL:-jdbc:postgresql://db:5432/shop}; ORDERS_DB_URL from .env:1)");
    }

    @Test
    void composeInterpolationFollowsComposesRules() {
        Map<String, Yaml.Value> env = Map.of("HOST", new Yaml.Value("db", 1), "EMPTY", new Yaml.Value("", 2));
        List<String> used = new ArrayList<>();
        assertThat(Compose.interpolate("jdbc:postgresql://${HOST}:${PORT:-5432}/$DB", env, used))
                .isEqualTo("jdbc:postgresql://db:5432/$DB"); // DB is not known: left for the shell that runs Compose
        assertThat(used).containsExactly("HOST");
        assertThat(Compose.interpolate("${EMPTY:-x} ${EMPTY-y} ${UNSET-z} ${A:-${HOST}}", env, new ArrayList<>()))
                .isEqualTo("x  z db");
        assertThat(Compose.interpolate("$$HOST ${HOST:?needed} ${UNSET:?needed} ${HOST:+set}", env, new ArrayList<>()))
                .isEqualTo("$HOST db ${UNSET:?needed} set");
    }

    @Test
    void mongoDbUrisNameTheirFirstHostPortAndDatabase() {
        assertThat(SharedDatabase.mongoDatabase("mongodb://app:secret@Mongo1:27018,mongo2/shop?replicaSet=rs"))
                .contains("mongodb://mongo1:27018/shop");
        assertThat(SharedDatabase.mongoDatabase("mongodb://mongo")).contains("mongodb://mongo:27017/test");
        assertThat(SharedDatabase.mongoDatabase("mongodb+srv://cluster.example.org/shop"))
                .contains("mongodb+srv://cluster.example.org/shop");
        assertThat(SharedDatabase.mongoDatabase("jdbc:postgresql://db/shop")).isEmpty();
    }

    /** Two workloads on one database: a Deployment running orders' image, a StatefulSet named billing-service. */
    private void manifests(String ordersDb, String billingDb, String ordersSecretKey, String billingSecretKey) {
        twoServices().write("deploy/k8s/shop.yaml", """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: orders
                spec:
                  template:
                    spec:
                      containers:
                        - name: app
                          image: registry.example/shop/orders-service:1.2
                          env:
                            - name: SPRING_DATASOURCE_URL
                              value: jdbc:postgresql://db:5432/%s
                            - name: SPRING_DATASOURCE_USERNAME
                              valueFrom:
                                secretKeyRef:
                                  name: shop-db
                                  key: %s
                ---
                apiVersion: apps/v1
                kind: StatefulSet
                metadata:
                  name: billing-service
                spec:
                  template:
                    spec:
                      containers:
                        - name: billing
                          image: example/billing:2
                          env:
                            - name: spring.datasource.url
                              value: jdbc:postgresql://db:5432/%s
                            - name: spring.datasource.username
                              valueFrom:
                                secretKeyRef: {name: shop-db, key: %s}
                """.formatted(ordersDb, ordersSecretKey, billingDb, billingSecretKey));
    }

    @Test
    void kubernetesWorkloadsOnOneDatabaseShareIt() {
        manifests("shop", "shop", "orders", "billing");

        SignResult sign = Check.run(repo).result(Sign.SHARED_DATABASE);

        assertThat(sign.verdict()).isEqualTo(Verdict.PRESENT);
        assertThat(sign.summary()).startsWith("shared: database postgresql://db:5432/shop (billing-service, "
                + "orders-service);");
        assertThat(sign.evidence()).extracting(Evidence::location, Evidence::text).containsExactly(
                tuple("deploy/k8s/shop.yaml:12", "orders-service environment: SPRING_DATASOURCE_URL="
                        + "jdbc:postgresql://db:5432/shop (Kubernetes Deployment/orders)"),
                tuple("deploy/k8s/shop.yaml:31", "billing-service environment: spring.datasource.url="
                        + "jdbc:postgresql://db:5432/shop (Kubernetes StatefulSet/billing-service)"));
    }

    @Test
    void kubernetesWorkloadsReadingOneSecretKeyForTheirUserShareALogin() {
        manifests("orders", "billing", "username", "username");

        SignResult sign = Check.run(repo).result(Sign.SHARED_DATABASE);

        assertThat(sign.verdict()).isEqualTo(Verdict.WARNING);
        assertThat(sign.summary()).startsWith("separate databases, but one login: user secret:shop-db/username "
                + "(billing-service, orders-service)");
        assertThat(sign.evidence()).extracting(Evidence::location).containsExactly(
                "deploy/k8s/shop.yaml:14", "deploy/k8s/shop.yaml:33");
    }

    @Test
    void kubernetesWorkloadsWithTheirOwnDatabaseAndSecretKeyAreClear() {
        manifests("orders", "billing", "orders-user", "billing-user");

        SignResult sign = Check.run(repo).result(Sign.SHARED_DATABASE);

        assertThat(sign.verdict()).isEqualTo(Verdict.CLEAR);
        assertThat(sign.summary()).startsWith("2 services, each with its own database;");
        assertThat(sign.evidence()).extracting(Evidence::location).hasSize(4);
    }

    @Test
    void aPodsContainerIsTheServiceItIsNamedAfter() {
        twoServices().write("pod.yml", """
                kind: Pod
                metadata:
                  name: debugging
                spec:
                  containers:
                    - name: orders-service
                      image: example/anything:1
                      env:
                        - name: SHOP_DB_USER
                          value: shop
                    - name: sidecar
                      image: example/proxy:1
                      env:
                        - name: PROXY_DB_USER
                          value: proxy
                """);

        assertThat(SharedDatabase.facts(Build.read(repo).orElseThrow()))
                .extracting(SharedDatabase.Fact::service, SharedDatabase.Fact::key, f -> f.where().location())
                .containsExactly(tuple("orders-service", "user shop", "pod.yml:9"));
    }

    @Test
    void aConfigMapOfTheRepositoryGivesItsValue() {
        twoServices().write("k8s/config.yaml", """
                kind: ConfigMap
                metadata:
                  name: sql-config
                data:
                  url: jdbc:mysql://mysql/eventuate
                  user: mysqluser
                ---
                kind: Deployment
                metadata:
                  name: orders-service
                spec:
                  template:
                    spec:
                      containers:
                        - name: orders-service
                          image: example/orders-service:1
                          env:
                            - name: SPRING_DATASOURCE_URL
                              valueFrom: {configMapKeyRef: {name: sql-config, key: url}}
                            - name: SPRING_DATASOURCE_USERNAME
                              valueFrom: {configMapKeyRef: {name: sql-config, key: user}}
                            - name: OTHER_DB_USER
                              valueFrom: {configMapKeyRef: {name: elsewhere, key: user}}
                """);

        assertThat(SharedDatabase.facts(Build.read(repo).orElseThrow()))
                .extracting(SharedDatabase.Fact::service, SharedDatabase.Fact::key)
                .containsExactly(tuple("orders-service", "database mysql://mysql/eventuate"),
                        tuple("orders-service", "user mysqluser"), tuple("orders-service", "user configmap:elsewhere/user"));
    }

    /** A config server serving from classpath:/shared; orders-service a client by dependency, billing by import. */
    private WrittenBuild configServer(String ordersSettings, String billingSettings) {
        return new WrittenBuild(repo).root("config", "orders-service", "billing-service", "audit-service")
                .service("config", "org.springframework.cloud:spring-cloud-config-server")
                .write("config/src/main/resources/application.yml", """
                        spring:
                          cloud:
                            config:
                              server:
                                native:
                                  search-locations: classpath:/shared
                          profiles:
                            active: native
                        """)
                .service("orders-service", "org.springframework.cloud:spring-cloud-starter-config")
                .write("orders-service/src/main/resources/bootstrap.yml", """
                        spring:
                          application:
                            name: orders
                        """)
                .service("billing-service")
                .write("billing-service/src/main/resources/application.properties", """
                        spring.application.name=billing
                        spring.config.import=configserver:http://config:8888
                        """)
                .service("audit-service") // no client: what the server holds for it is not its
                .write("audit-service/src/main/resources/application.properties", "spring.application.name=audit\n")
                .write("config/src/main/resources/shared/orders.yml", ordersSettings)
                .write("config/src/main/resources/shared/billing.yaml", billingSettings)
                .write("config/src/main/resources/shared/audit.yml", billingSettings);
    }

    @Test
    void aConfigServerServingTwoApplicationsOneMongoDatabaseSharesIt() {
        configServer("""
                spring:
                  data:
                    mongodb:
                      uri: mongodb://app:secret@mongo/shop?authSource=admin
                """, """
                spring:
                  data:
                    mongodb:
                      host: mongo
                      database: shop
                """);

        SignResult sign = Check.run(repo).result(Sign.SHARED_DATABASE);

        assertThat(sign.verdict()).isEqualTo(Verdict.PRESENT);
        assertThat(sign.summary()).startsWith("shared: database mongodb://mongo:27017/shop (billing-service, "
                + "orders-service); no database found: audit-service;");
        assertThat(sign.evidence()).extracting(Evidence::location, Evidence::text).containsExactly(
                tuple("config/src/main/resources/shared/orders.yml:4", "orders-service: spring.data.mongodb.uri="
                        + "mongodb://app:secret@mongo/shop?authSource=admin -> mongodb://mongo:27017/shop (served by "
                        + "the config server to orders-service)"),
                tuple("config/src/main/resources/shared/billing.yaml:4", "billing-service: spring.data.mongodb.host="
                        + "mongo, spring.data.mongodb.database=shop -> mongodb://mongo:27017/shop (served by the config "
                        + "server to billing-service)"));
    }

    @Test
    void aConfigServerServingEachApplicationItsOwnDatabaseIsClear() {
        configServer("""
                spring:
                  data:
                    mongodb:
                      host: orders-mongo
                      database: shop
                """, """
                spring:
                  datasource:
                    url: jdbc:postgresql://db:5432/billing
                """);

        SignResult sign = Check.run(repo).result(Sign.SHARED_DATABASE);

        assertThat(sign.verdict()).isEqualTo(Verdict.CLEAR);
        assertThat(sign.summary()).startsWith("2 services, each with its own database; no database found: "
                + "audit-service;");
        assertThat(sign.evidence()).extracting(Evidence::location).containsExactlyInAnyOrder(
                "config/src/main/resources/shared/orders.yml:4", "config/src/main/resources/shared/billing.yaml:3");
    }

    @Test
    void aDatasourceInTheConfigServersApplicationFileIsOneDatabaseForEveryClient() {
        configServer("", "").write("config/src/main/resources/shared/application.yml", """
                spring:
                  datasource:
                    url: jdbc:postgresql://db:5432/everything
                """);

        SignResult sign = Check.run(repo).result(Sign.SHARED_DATABASE);

        assertThat(sign.verdict()).isEqualTo(Verdict.PRESENT);
        assertThat(sign.summary()).startsWith("shared: database postgresql://db:5432/everything (billing-service, "
                + "orders-service)");
        assertThat(sign.evidence()).extracting(Evidence::location, Evidence::text).containsExactlyInAnyOrder(
                tuple("config/src/main/resources/shared/application.yml:3", "orders-service: spring.datasource.url="
                        + "jdbc:postgresql://db:5432/everything (served by the config server to every application)"),
                tuple("config/src/main/resources/shared/application.yml:3", "billing-service: spring.datasource.url="
                        + "jdbc:postgresql://db:5432/everything (served by the config server to every application)"));
    }

    @Test
    void aConfigServerWhoseRepositoryIsElsewhereIsSaid() {
        new WrittenBuild(repo).root("config", "orders-service")
                .service("config", "org.springframework.cloud:spring-cloud-config-server")
                .write("config/src/main/resources/application.yml", """
                        spring.cloud.config.server.git.uri: https://example.org/shop-config
                        """)
                .service("orders-service", "org.springframework.cloud:spring-cloud-starter-config");

        SignResult sign = Check.run(repo).result(Sign.SHARED_DATABASE);

        assertThat(sign.verdict()).isEqualTo(Verdict.CLEAR);
        assertThat(sign.summary()).contains("not read: config's repository https://example.org/shop-config "
                + "(not in this one)");
    }
}
