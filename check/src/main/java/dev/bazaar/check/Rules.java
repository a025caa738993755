package dev.bazaar.check;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Every threshold and word list the check decides with, in one place.
 *
 * <h2>Sign 2, shared database</h2>
 * A service's database is what its configuration says: {@code spring.datasource.url} and
 * {@code spring.datasource.username} in {@code src/main/resources/application.properties|yml|yaml}, with
 * {@code ${VAR:default}} placeholders resolved against the service's Compose environment, else to their defaults;
 * JDBC URLs and database users in the {@code environment} of Compose services (the Compose service named like the
 * module, or built from its directory); and {@code database:} of a component in a root {@code topology.yaml} (Bazaar's
 * launcher gives each such component its own database and login role). Two JDBC URLs name the same database when their
 * host, port and database name are equal. The sign is <b>present</b> when {@value #SHARED_DATABASE_MIN_SERVICES} or more
 * services use the same database; a <b>warning</b> when their databases are apart but one login reaches them (the same
 * database user on one server: each could read the other's data, whatever it is configured to use; the same user name
 * on different servers is different logins); <b>clear</b> otherwise (a service with no datasource is not a problem).
 *
 * <h2>Sign 4, shared libraries</h2>
 * A shared module is a module of the same build that {@value #SHARED_LIBRARY_MIN_SERVICES} or more services depend on,
 * directly or through other modules of the build. Its {@code src/main/java} types are parsed; a type is
 * <i>domain-looking</i> when a word of its simple name (camel case split, a plural 's' dropped) is a business noun:
 * one of {@link #BUSINESS_NOUNS}, or a word that the names of {@value #SERVICE_WORD_MIN_SERVICES} or more services
 * share, other than {@link #GENERIC_SERVICE_WORDS} and than a word more than half of 3+ services' names carry (the
 * system's name: {@code ftgo-}, {@code mall-}). (A word only one service's name carries is not enough: Bazaar's
 * {@code catalog} service would make the topology's technical {@code EventCatalog} look like domain code.) A shared
 * module is <b>domain</b> when at least {@value #DOMAIN_SHARE_PERCENT}% of its types are domain-looking, and then the
 * sign is <b>present</b> if it reaches services at run time (a test-scope-only domain module is a <b>warning</b>). A
 * technical module with some domain-looking types is a <b>warning</b>; technical modules alone are <b>clear</b> and are
 * listed as allowed. A shared module with no Java sources (schemas, resources) is a published language, not code.
 * A service's own API module (named after a service that uses it, with a suffix of {@link #SERVICE_API_SUFFIXES}:
 * {@code order-service-api}) is its published language written as Java types: a <b>warning</b> whatever its nouns, as
 * every user builds against the owner's classes and must rebuild when they change (a schema would let them evolve apart).
 * Code copied instead of shared counts too ({@link CopiedCode}): a run of {@value #COPY_MIN_TOKENS}+ identical tokens
 * (PMD's copy-paste detector's default; comments, whitespace, package and imports left out) in the main code of two
 * services is listed; copies making {@value #COPY_WARNING_PERCENT}%+ of a service's tokens are a <b>warning</b>,
 * {@value #COPY_PRESENT_PERCENT}%+ <b>present</b>: the same change has to be made twice, and the copies drift. A
 * smaller copy is not a sign: "don't violate DRY within a service, but be relaxed about it across services" (Newman,
 * Building Microservices), since sharing it would couple them more than copying it does.
 *
 * <h2>Sign 3, coordinated deployments</h2>
 * An <i>application service</i> is what a deployment descriptor starts that runs a Maven service: a Compose service
 * (named like the module, or built from its directory), a root {@code topology.yaml} component of kind {@code service}
 * or whose {@code module:} is a service, a Kubernetes Deployment, StatefulSet or DaemonSet named like one (or running
 * its image), a Helm chart named like one. Anything else they start (postgres, kafka, redis...) is infrastructure, and
 * waiting for it is normal. The sign is <b>present</b> when one application service cannot start before another
 * ({@code depends_on}, {@code waits-for}, an init container that waits for it, a chart dependency): one such edge is
 * enough, since those two can no longer be deployed apart; or when git history shows the services' image tags
 * changing together (2+ services in one commit) in more than {@value #COORDINATED_RELEASES_PERCENT}% of at least
 * {@value #COORDINATED_RELEASES_MIN} releases (commits that change a service's tag; Code Maat's minimum of shared
 * revisions, so that a bulk bump or two is not a pattern). A <b>warning</b> when every service image (2+) carries the
 * same explicit tag other than {@code latest} or a Maven {@code -SNAPSHOT} (moving tags, naming no release), or an
 * umbrella chart deploys several services: released as one unit, though each could start alone. <b>Clear</b> otherwise. One Maven version for all the modules of a build is a build
 * convention, not a deployment: it is not counted.
 *
 * <h2>Sign 7, release coupling</h2>
 * From the git history of the analysed directory (the repository may be above it: then only paths under it count):
 * the non-merge commits reachable from HEAD (since {@code --since}), root commits left out (they import a tree, they
 * change nothing). A commit touches a service when it changes a file the service ships, under {@code src/main/} of its
 * module's directory (the deepest module holding the file decides, so a library nested in a service is not the
 * service): tests, build files and docs do not ship, and a dependency bumped in every POM or a test helper adopted
 * everywhere is not two services released together. Fewer than
 * {@value #RELEASE_COUPLING_MIN_COMMITS} commits touching services is too little history to judge: two services with
 * Code Maat's minimum of {@value #COUPLING_MIN_REVISIONS} revisions each. The figures are Code Maat's logical coupling
 * with the services as its architectural components: per pair, the <i>degree</i> = shared commits / the average of
 * both services' commits; with Code Maat's default filters a pair is <i>coupled</i> when each service has
 * {@value #COUPLING_MIN_REVISIONS}+ commits, they share {@value #COUPLING_MIN_SHARED}+ and the degree is
 * {@value #COUPLING_MIN_DEGREE_PERCENT}%+ (Code Maat's threshold of a coupling worth a look): a <b>warning</b>; from
 * {@value #COUPLING_PRESENT_DEGREE_PERCENT}% (they change together at least as often as apart) it is <b>present</b>.
 * Beside it, the share of commits touching services that touch 2+: from {@value #MULTI_SERVICE_WARNING_PERCENT}% a
 * warning, from {@value #MULTI_SERVICE_PRESENT_PERCENT}% (changing one service alone is the exception) present.
 * Code Maat's maximum changeset size ({@value #CODE_MAAT_MAX_CHANGESET_FILES} files) is <i>not</i> applied: it drops
 * sweeping commits (renames, reformatting, imports) from a file-level analysis, but counted in files it also drops a
 * feature that comes with its tests and docs, and most of all one that spans services, which is what this sign looks
 * for (on Bazaar's history it drops a fifth of the commits touching services, and two in five of those touching two or
 * more). Imports are left out as root commits instead, and how many commits exceed that size is reported. What Code
 * Maat's limit is for is kept at the level of services: a <i>sweeping</i> commit, one that changes more than
 * {@value #SWEEPING_SERVICES_PERCENT}% of the services (and {@value #SWEEPING_MIN_SERVICES} or more), applies one change
 * everywhere and says nothing about which two services belong together, so it is left out of the pairs, and so is a
 * commit that changes the build files of two services or more (a dependency adopted or upgraded in each: a framework,
 * a tracer, a registry client, with the code that comes with it), which is left out of the share too; the first kind
 * still counts in the share of commits spanning services, which is what catches a system whose every feature touches
 * every service.
 *
 * <h2>Sign 1, synchronous communication dominance</h2>
 * From code ({@link RemoteCalls}): each service's synchronous remote calls, a request ({@link #REQUEST_METHODS}) issued
 * on one of {@link #SYNC_CLIENT_TYPES}, a gRPC blocking stub or an OpenFeign interface; the service each one targets
 * (its address's host is a module's artifactId, with or without {@code -service}, or its port a service's port); and
 * the handlers of {@code @RestController}/{@code @Controller} classes ({@link #HANDLER_ANNOTATIONS}) that reach them
 * through the module's own methods, up to {@value #CALL_GRAPH_DEPTH} calls deep. An entry point <i>waits on</i> a
 * service when a call it reaches targets another service of the build; a call to an unknown address (a card
 * processor, Zipkin) is not between services. <i>Edges</i>, a module depending on Spring Cloud Gateway or Zuul
 * ({@link #EDGE_DEPENDENCY_PREFIXES}) or a topology.yaml component of another kind than {@code service}, compose APIs
 * and pages at the edge: their calls are listed as allowed. Among business services the sign is <b>present</b> when
 * one entry point waits on {@value #SYNC_FAN_OUT_PRESENT}+ other services (its availability is the product of theirs,
 * its latency their sum when called in turn: composition, which belongs at the edge); when service-to-service waits
 * chain {@value #SYNC_CHAIN_PRESENT}+ services (A on B on C: failures and latency compound through a service that is
 * both caller and callee); when they form a cycle (neither can answer without the other); or when
 * {@value #SYNC_SHARE_PRESENT_PERCENT}%+ of the business entry points wait on another service (with no traffic
 * figures, entry points stand for requests: a quarter of the API unable to answer alone is the rule, not the
 * exception). A <b>warning</b> when any business entry point waits on another service, or a business service calls
 * another one off the request path: one dependency can be a deliberate query, but it couples their availability.
 * <b>Clear</b> otherwise.
 *
 * <h2>Sign 5, cascading failures</h2>
 * Every synchronous call site of sign 1, edges included (an edge that hangs takes every page down with it), is looked
 * at for a <i>timeout</i>: one of {@link #TIMEOUT_CALLS} in the call, in its method, where its client is built, in
 * client code elsewhere in the module (a customizer, a request factory), or a setting under
 * {@link #TIMEOUT_PROPERTY_PREFIXES} with "timeout" in its key (those last two are said not to be tied to the client);
 * a <i>circuit breaker</i>: one of {@link #BREAKER_NAMES} in the call, in its method or a method of the module that
 * calls it ({@value #CALL_GRAPH_DEPTH} deep), on their classes, where the client is built, or a Feign fallback; a
 * <i>fallback</i>: one of {@link #FALLBACK_CALLS} in the call, a catch around it that does not only rethrow, a
 * {@code fallbackMethod}, a Feign fallback. The sign is <b>present</b> when a call between services, or any remote call
 * on a business service's request path, has neither a timeout nor a breaker: a slow dependency then holds the caller's
 * threads (and connections) until the caller fails too. A <b>warning</b> when a call lacks a timeout, or has one but
 * neither breaker nor fallback (every request still pays the full timeout while the dependency is down). <b>Clear</b>
 * when every call has a timeout and a breaker or a fallback.
 *
 * <h2>Sign 6, transactions spanning services</h2>
 * <b>Present</b> when a service uses XA/JTA ({@link #XA_IMPORTS}) or two-phase commit ({@link #TWO_PHASE_COMMIT_SQL});
 * when a local transaction ({@code @Transactional} on a method, or on its class for a public method) reaches a
 * synchronous remote call through the module's own methods: it holds a database transaction open across the network
 * and pretends to make remote effects atomic with local ones, which a rollback cannot undo; or when a handler reaches
 * {@value #MULTI_STEP_WRITES}+ remote writes (POST, PUT, PATCH, DELETE) to other services with no catch block that calls
 * a remote write back (a compensation): a failure half-way leaves the first effects in place. A <b>warning</b> for a
 * distributed lock ({@link #LOCK_IMPORTS}): it serialises processes, and spans services when more than one takes it,
 * which the code alone cannot tell. <b>Clear</b> otherwise.
 */
public final class Rules {

    /**
     * Dependencies that make a deployable the platform's rather than a business service: a configuration server, a
     * service registry, an admin or monitoring server. They are left out of every sign, like PostgreSQL or Kafka.
     */
    public static final Set<String> PLATFORM_DEPENDENCIES = Set.of(
            "spring-cloud-config-server", "spring-cloud-starter-netflix-eureka-server", "spring-boot-admin-starter-server",
            "spring-boot-admin-server", "spring-cloud-starter-netflix-turbine", "spring-cloud-starter-netflix-hystrix-dashboard",
            "zipkin-server", "spring-cloud-starter-zipkin-server");

    /** The shortest run of identical tokens counted as code copied between services (PMD CPD's default). */
    public static final int COPY_MIN_TOKENS = 100;

    /** The share of a service's tokens, in percent, copied from other services that makes sign 4 a warning. */
    public static final int COPY_WARNING_PERCENT = 3;

    /** The share of a service's tokens, in percent, copied from other services that makes sign 4 present. */
    public static final int COPY_PRESENT_PERCENT = 10;

    /** Services on one database (or one database user) that make sign 2 present. */
    public static final int SHARED_DATABASE_MIN_SERVICES = 2;

    // Sign 2: configuration sources

    /** The dependency (artifactId) of a Spring Cloud Config server: its module's files hold services' settings. */
    public static final String CONFIG_SERVER_DEPENDENCY = "spring-cloud-config-server";

    /** Dependencies (artifactIds) of a config server's client: only clients get the server's settings. */
    public static final Set<String> CONFIG_CLIENT_DEPENDENCIES = Set.of(
            "spring-cloud-starter-config", "spring-cloud-config-client");

    /**
     * Where a config server that declares no {@code spring.cloud.config.server.native.search-locations} keeps its
     * settings: Spring Cloud Config's default {@code classpath:/config}, and {@code classpath:/shared} (piggymetrics'
     * convention). The default {@code classpath:/} is left out on purpose: it is the server's own configuration.
     */
    public static final List<String> CONFIG_SERVER_DEFAULT_LOCATIONS = List.of("classpath:/config", "classpath:/shared");

    /** Spring Boot's MongoDB defaults, for what {@code spring.data.mongodb.host|port|database} leave out. */
    public static final String MONGODB_DEFAULT_HOST = "localhost";
    public static final int MONGODB_DEFAULT_PORT = 27017;
    public static final String MONGODB_DEFAULT_DATABASE = "test";

    /**
     * Annotations (simple names) of classes that map a table or a collection (JPA, Spring Data, MyBatis): in a module of
     * the build that 2+ services reach at run time, they are a shared data model, and sign 2 is <b>present</b>: the
     * services read and write the same tables through the same classes, and change together with them.
     */
    public static final Set<String> TABLE_MAPPING_ANNOTATIONS = Set.of("Entity", "Table", "Document", "Mapper");

    /**
     * Annotations of classes mapped into the tables of others (value objects, base classes). A shared module that maps
     * only these is noted, not counted: it shapes columns of each service's own tables and names no table of its own
     * (FTGO's Money in ftgo-common-jpa), and such types are often messages' (FTGO's API modules embed their line items);
     * a shared library is sign 4's business.
     */
    public static final Set<String> EMBEDDED_MAPPING_ANNOTATIONS = Set.of("Embeddable", "MappedSuperclass");

    /** Services depending on one internal module that make it shared. */
    public static final int SHARED_LIBRARY_MIN_SERVICES = 2;

    /** Services whose names share a word that makes it a business noun. */
    public static final int SERVICE_WORD_MIN_SERVICES = 2;

    /** The share of domain-looking types, in percent, from which a shared module is a domain module. */
    public static final int DOMAIN_SHARE_PERCENT = 50;

    /** What follows a service's name in the name of its own API module: {@code order-service-api}. */
    public static final List<String> SERVICE_API_SUFFIXES = List.of("api", "client", "contract", "events", "messages");

    /**
     * Business nouns of the e-commerce domain (singular, capitalised); extend it for other domains. "Catalog" is left
     * out on purpose: an event catalog or a service catalog is technical.
     */
    public static final Set<String> BUSINESS_NOUNS = Set.of(
            "Order", "Product", "Customer", "User", "Payment", "Cart", "Basket", "Invoice", "Shipment", "Stock",
            "Price", "Money", "Account", "Address", "Sku", "Checkout", "Refund", "Inventory", "Shopper", "Coupon",
            "Discount", "Receipt", "Delivery", "Warehouse", "Category");

    /** Words of a service's name that name no business concept. */
    public static final Set<String> GENERIC_SERVICE_WORDS = Set.of(
            "service", "services", "svc", "app", "application", "api", "server", "ms", "web", "backend", "core");

    /** Releases (commits changing a service's image tag) needed before their moving together counts (sign 3). */
    public static final int COORDINATED_RELEASES_MIN = 5;

    /** The share of releases, in percent, above which image tags moving together makes sign 3 present. */
    public static final int COORDINATED_RELEASES_PERCENT = 50;

    /** Commits touching services below which the history is too short for sign 7. */
    public static final int RELEASE_COUPLING_MIN_COMMITS = 10;

    /** Code Maat's default {@code --min-revs}: commits each service of a coupled pair has. */
    public static final int COUPLING_MIN_REVISIONS = 5;

    /** Code Maat's default {@code --min-shared-revs}: commits a coupled pair shares. */
    public static final int COUPLING_MIN_SHARED = 5;

    /** Code Maat's default {@code --min-coupling}, in percent: a coupled pair, a warning. */
    public static final int COUPLING_MIN_DEGREE_PERCENT = 30;

    /** The degree of coupling, in percent, from which a coupled pair makes sign 7 present. */
    public static final int COUPLING_PRESENT_DEGREE_PERCENT = 50;

    /** The share of commits touching 2+ services, in percent, from which sign 7 is a warning. */
    public static final int MULTI_SERVICE_WARNING_PERCENT = 30;

    /** The share of commits touching 2+ services, in percent, from which sign 7 is present. */
    public static final int MULTI_SERVICE_PRESENT_PERCENT = 50;

    /**
     * A commit changing more than this share of the services, in percent, is a sweep (a rule or a convention applied to
     * every service): it counts in the share of commits spanning services, not in the coupling of pairs (sign 7).
     */
    public static final int SWEEPING_SERVICES_PERCENT = 50;

    /** The fewest services a sweeping commit changes: with two or three services in all, any pair is a pair. */
    public static final int SWEEPING_MIN_SERVICES = 4;

    /** Code Maat's default {@code --max-changeset-size}; reported, not applied (see sign 7 above). */
    public static final int CODE_MAAT_MAX_CHANGESET_FILES = 30;

    /** Other services one entry point waits on that make sign 1 present (its fan-out). */
    public static final int SYNC_FAN_OUT_PRESENT = 2;

    /** Services in one chain of synchronous waits (A on B on C: 3) that make sign 1 present. */
    public static final int SYNC_CHAIN_PRESENT = 3;

    /** The share of business entry points, in percent, waiting on another service from which sign 1 is present. */
    public static final int SYNC_SHARE_PRESENT_PERCENT = 25;

    /** How many calls deep a handler, a transactional method or a caller is followed through a module's own methods. */
    public static final int CALL_GRAPH_DEPTH = 8;

    /** Synchronous client types (simple names; a builder of one counts once built and called); extend it for others. */
    public static final Set<String> SYNC_CLIENT_TYPES = Set.of(
            "RestClient", "RestTemplate", "RestOperations", "WebClient", "HttpClient", "CloseableHttpClient",
            "OkHttpClient");

    /** The type name ending of gRPC blocking stubs: any call on one is a request. */
    public static final String BLOCKING_STUB_SUFFIX = "BlockingStub";

    /** Calls on a client that issue a request; the HTTP method is read from the name, or an HttpMethod argument. */
    public static final Set<String> REQUEST_METHODS = Set.of(
            "get", "post", "put", "patch", "delete", "head", "options", "method", "getForObject", "getForEntity",
            "postForObject", "postForEntity", "postForLocation", "patchForObject", "headForHeaders", "optionsForAllow",
            "exchange", "execute", "send", "sendAsync", "newCall");

    /** The annotations of a controller's request handlers (Spring MVC and WebFlux). */
    public static final Set<String> HANDLER_ANNOTATIONS = Set.of(
            "RequestMapping", "GetMapping", "PostMapping", "PutMapping", "PatchMapping", "DeleteMapping");

    /** Dependencies (artifactId prefixes) that make a module an edge, an API gateway, rather than a business service. */
    public static final Set<String> EDGE_DEPENDENCY_PREFIXES = Set.of(
            "spring-cloud-starter-gateway", "spring-cloud-gateway", "spring-cloud-starter-netflix-zuul", "zuul");

    /** Calls that set a timeout on a client, a request or a reactive answer. */
    public static final Set<String> TIMEOUT_CALLS = Set.of(
            "timeout", "connectTimeout", "readTimeout", "responseTimeout", "callTimeout", "setConnectTimeout",
            "setReadTimeout", "setConnectionRequestTimeout", "setResponseTimeout", "withDeadlineAfter", "withDeadline");

    /** Configuration prefixes under which a key with "timeout" in it is a client timeout. */
    public static final Set<String> TIMEOUT_PROPERTY_PREFIXES = Set.of(
            "spring.http.client", "spring.http.clients", "spring.http.reactiveclient", "spring.cloud.gateway",
            "spring.cloud.openfeign", "feign.", "resilience4j.timelimiter", "grpc.client");

    /** Settings that put OpenFeign's clients behind a circuit breaker: without one, a Feign fallback never runs. */
    public static final Set<String> FEIGN_BREAKER_SETTINGS = Set.of(
            "feign.hystrix.enabled", "feign.circuitbreaker.enabled", "spring.cloud.openfeign.circuitbreaker.enabled");

    /** Types, annotations and calls of circuit breakers (Resilience4j, Spring Cloud CircuitBreaker, Hystrix). */
    public static final Set<String> BREAKER_NAMES = Set.of(
            "CircuitBreaker", "CircuitBreakerRegistry", "CircuitBreakerOperator", "CircuitBreakerFactory",
            "ReactiveCircuitBreakerFactory", "ReactiveCircuitBreaker", "HystrixCommand", "circuitBreaker");

    /** Calls in a call's chain that answer something when it fails. */
    public static final Set<String> FALLBACK_CALLS = Set.of(
            "onErrorResume", "onErrorReturn", "onErrorComplete", "exceptionally", "exceptionallyCompose", "handle",
            "fallback");

    /** Imports (prefixes) of XA/JTA: global transactions across resources. */
    public static final Set<String> XA_IMPORTS = Set.of(
            "javax.transaction.UserTransaction", "javax.transaction.TransactionManager", "javax.transaction.xa",
            "jakarta.transaction.UserTransaction", "jakarta.transaction.TransactionManager", "jakarta.transaction.xa",
            "javax.sql.XADataSource", "javax.sql.XAConnection", "org.springframework.transaction.jta", "com.atomikos",
            "com.arjuna", "io.narayana", "org.jboss.narayana", "bitronix");

    /** Imports (prefixes) of distributed locks. */
    public static final Set<String> LOCK_IMPORTS = Set.of(
            "org.redisson.api.RLock", "org.redisson.api.RReadWriteLock", "org.redisson.api.RFencedLock",
            "org.apache.curator.framework.recipes.locks", "net.javacrumbs.shedlock",
            "org.springframework.integration.redis.util.RedisLockRegistry",
            "org.springframework.integration.jdbc.lock", "org.springframework.integration.zookeeper.lock",
            "com.hazelcast.cp.lock");

    /** SQL of two-phase commit, upper case. */
    public static final Set<String> TWO_PHASE_COMMIT_SQL = Set.of(
            "PREPARE TRANSACTION", "COMMIT PREPARED", "XA START", "XA COMMIT");

    /** Remote writes to other services one handler makes, without compensation, that make sign 6 present. */
    public static final int MULTI_STEP_WRITES = 2;

    /**
     * A commit subject that says the commit is technical, not a feature or a fix: a Conventional Commits type other
     * than feat and fix, or words of refactoring, documentation, clean-up, formatting and upgrades, unless it also says
     * it fixes or adds something ({@link #FUNCTIONAL_COMMIT}). Sign 7 leaves such commits out of the pairs and the
     * share, as it does sweeps; the evidence lists them.
     */
    public static final Pattern TECHNICAL_COMMIT = Pattern.compile(
            "^(docs|refactor|style|chore|build|ci|test|tests)(\\([^)]*\\))?!?:|\\b(refactor\\w*|renam\\w*|reorgani[sz]\\w*"
                    + "|clean(ed|s|ing)?[ -]?up|cleanup|swagger|javadoc|documentation|typos?|reformat\\w*|formatting"
                    + "|licen[sc]e\\w*|upgrad\\w*|bump\\w*|updated? (the )?(libs?|librar\\w*|dependenc\\w*|versions?))\\b",
            Pattern.CASE_INSENSITIVE);

    /** Words of a commit subject that keep it a change of what services do, whatever else it says it does. */
    public static final Pattern FUNCTIONAL_COMMIT = Pattern.compile(
            "\\b(fix\\w*|bug\\w*|feat\\w*)\\b", Pattern.CASE_INSENSITIVE);

    // Signs 6 and 7: precision

    /**
     * Sign 7: a commit changing 2+ services makes the <i>same edit in each</i> (a log line, an annotation, a setting, a
     * package renamed, a framework's API followed) when what it changes in each service is this alike, in percent: the
     * Jaccard similarity of their changes (lines added or removed, the same or nearly; the words a rewritten region
     * loses and gains; imports, package declarations, comments and blank lines left out), on average over the pairs of
     * services. Such a commit is technical, not one feature needing both: left out of the pairs and of the share, like
     * a dependency sweep. A functional change differs from service to service (a producer and its consumer change
     * differently).
     */
    public static final int SAME_EDIT_MIN_SIMILARITY_PERCENT = 50;

    /**
     * Sign 7: two lines, in two services' changes, are the same edit when this share of their words (punctuation
     * included), in percent, is the same: one log statement, or one annotation, naming each service's own types.
     */
    public static final int SAME_EDIT_NEAR_LINE_PERCENT = 70;

    /** Sign 7: the lines of a file compared, at most, to tell a same edit (vendored or generated files stay cheap). */
    public static final int SAME_EDIT_MAX_FILE_LINES = 2000;

    /** Sign 7: beyond this many lines changed differently in each of two services, no near lines are looked for. */
    public static final int SAME_EDIT_MAX_NEAR_LINES = 300;

    private Rules() {
    }

    static String sharedDatabaseRule() {
        return "present when " + SHARED_DATABASE_MIN_SERVICES + "+ services use the same database (host, port, name); "
                + "a warning when their databases are apart but one login (the same user on one server) reaches "
                + "them; clear when each service has its own or none";
    }

    static String sharedLibraryRule() {
        return "a module of the build used by " + SHARED_LIBRARY_MIN_SERVICES + "+ services is domain when >= "
                + DOMAIN_SHARE_PERCENT + "% of its types name business nouns: present; technical ones are allowed "
                + "(a few domain-looking types: warning); a service's own API module in Java (order-service-api): warning";
    }

    static String coordinatedDeploymentsRule() {
        return "present when a service cannot start before another service (depends_on, waits-for, an init "
                + "container, a chart dependency) or when service image tags changed together in more than "
                + COORDINATED_RELEASES_PERCENT + "% of " + COORDINATED_RELEASES_MIN + "+ releases; warning when all "
                + "service images carry one explicit release tag (not latest, not a -SNAPSHOT) or a chart deploys "
                + "services as one unit; waiting for "
                + "infrastructure is fine, one Maven version for all modules is not counted";
    }

    static String releaseCouplingRule() {
        return "Code Maat's change coupling of two services (" + COUPLING_MIN_REVISIONS + "+ commits each, "
                + COUPLING_MIN_SHARED + "+ shared, degree = shared / average commits >= " + COUPLING_MIN_DEGREE_PERCENT
                + "%): warning, >= " + COUPLING_PRESENT_DEGREE_PERCENT + "%: present; commits changing 2+ services: >= "
                + MULTI_SERVICE_WARNING_PERCENT + "% warning, >= " + MULTI_SERVICE_PRESENT_PERCENT + "% present; "
                + "a commit changing more than " + SWEEPING_SERVICES_PERCENT + "% of the services, or the builds of "
                + "2+, is a sweep: in the share, not in the pairs";
    }
}
