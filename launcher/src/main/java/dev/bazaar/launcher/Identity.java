package dev.bazaar.launcher;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The launcher's side of the identity component: the secrets it starts with (the staff account's first password, the
 * operator's and the browser clients' secrets, generated once and kept with the platform's other secrets), the
 * browser clients' registration (the console, the storefront), and access tokens for scripts and tests, got as a browser would get them: the
 * authorization code flow with PKCE of the public client {@code bazaar-cli}, through the sign-in form.
 */
public final class Identity {

    /** The component, as topology.yaml names it. */
    static final String COMPONENT = "identity";
    public static final String STAFF_EMAIL = "staff@bazaar.local";
    private static final String CLIENT = "bazaar-cli";
    private static final String REDIRECT = "http://127.0.0.1/bazaar-cli/callback";
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String STAFF_PASSWORD = "identity.staff.password";
    private static final String OPERATOR_SECRET = "identity.operator.secret";
    private static final String SIGNING_KEYS_SECRET = "identity.signing-keys.secret";
    /** Where identity sends a browser client's codes: Spring Security's OAuth2 login, for the registration {@code identity}. */
    private static final String BROWSER_CLIENT_CALLBACK = "/login/oauth2/code/identity";

    private final Secrets secrets;
    private String operatorToken;
    private Instant operatorTokenRenewal = Instant.EPOCH;

    Identity(Secrets secrets) {
        this.secrets = secrets;
    }

    /** Whether the staff password is still to be made: it is printed once, when it is. */
    boolean staffPasswordIsNew() {
        return secrets.existing(STAFF_PASSWORD).isEmpty();
    }

    String staffPassword() {
        return secrets.secret(STAFF_PASSWORD);
    }

    /** A browser client's secret as identity's client of that id ({@code console}, {@code storefront}). */
    String clientSecret(String client) {
        return secrets.secret("identity." + client + ".secret");
    }

    /**
     * What identity is started with, besides its port, database and Kafka; each browser client of the map (by client
     * id, with its address) registered, its codes and signed-out browsers sent back only to it.
     */
    Map<String, String> environment(URI issuer, Map<String, URI> browserClients) {
        Map<String, String> env = new LinkedHashMap<>();
        // The gateway's address: one issuer however many instances of identity run, and wherever they listen.
        env.put("IDENTITY_ISSUER", issuer.toString().replaceAll("/$", ""));
        env.put("IDENTITY_STAFF_EMAIL", STAFF_EMAIL);
        env.put("IDENTITY_STAFF_PASSWORD", staffPassword());
        env.put("IDENTITY_OPERATOR_SECRET", secrets.secret(OPERATOR_SECRET));
        // Outside the database, so that the database alone cannot sign tokens.
        env.put("IDENTITY_SIGNINGKEYS_SECRET", secrets.secret(SIGNING_KEYS_SECRET));
        browserClients.forEach((client, address) -> {
            String prefix = "IDENTITY_BROWSERCLIENTS_" + client.toUpperCase(Locale.ROOT) + "_";
            String home = address.toString().replaceAll("/$", "");
            env.put(prefix + "SECRET", clientSecret(client));
            // It is opened as 127.0.0.1 or as localhost; its code must come back to the same origin, its session's.
            env.put(prefix + "REDIRECTURIS", bothNames(home + BROWSER_CLIENT_CALLBACK));
            env.put(prefix + "POSTLOGOUTREDIRECTURIS", bothNames(home + "/"));
        });
        return env;
    }

    private static String bothNames(String url) {
        return url + "," + url.replace("://127.0.0.1:", "://localhost:");
    }

    /**
     * The operator's access token (client credentials, the launcher's service account), kept until a minute before it
     * expires; none when identity cannot be reached or refuses (the platform is down, or not this one's).
     */
    synchronized Optional<String> operatorToken(URI issuer) {
        if (operatorToken != null && Instant.now().isBefore(operatorTokenRenewal)) {
            return Optional.of(operatorToken);
        }
        String base = issuer.toString().replaceAll("/$", "");
        String basic = Base64.getEncoder().encodeToString(("operator:" + secrets.secret(OPERATOR_SECRET)).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/oauth2/token")).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Basic " + basic).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build();
        try {
            HttpResponse<String> answer = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()
                    .send(request, HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                return Optional.empty();
            }
            JsonNode tokens = JSON.readTree(answer.body());
            operatorToken = tokens.path("access_token").asString();
            operatorTokenRenewal = Instant.now().plusSeconds(Math.max(0, tokens.path("expires_in").asLong() - 60));
            return Optional.of(operatorToken);
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /**
     * Signs in at the issuer with an e-mail address and password and returns the access token.
     *
     * @throws LauncherException when the address and password sign in nobody, or identity cannot be reached
     */
    public static String token(URI issuer, String email, String password) {
        String base = issuer.toString().replaceAll("/$", "");
        HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(2)).build();
        try {
            String verifier = random();
            String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(sha256(verifier));
            String authorize = base + "/oauth2/authorize?" + form(Map.of("response_type", "code", "client_id", CLIENT,
                    "redirect_uri", REDIRECT, "scope", "openid", "state", random(), "code_challenge", challenge,
                    "code_challenge_method", "S256"));
            String loginPage = send(http, get(location(base, send(http, get(authorize))))).body();
            Matcher csrf = CSRF.matcher(loginPage);
            if (!csrf.find()) {
                throw new LauncherException("identity's sign-in form at " + base + "/login has no CSRF token");
            }
            HttpResponse<String> signedIn = send(http, post(base + "/login", form(Map.of("username", email,
                    "password", password, "_csrf", csrf.group(1)))));
            String next = location(base, signedIn);
            if (next.contains("/login?error")) {
                throw new LauncherException("The address and password sign in nobody at " + base);
            }
            String callback = location(base, send(http, get(next)));
            String code = callback.replaceFirst(".*[?&]code=([^&]+).*", "$1");
            HttpResponse<String> tokens = send(http, post(base + "/oauth2/token", form(Map.of("grant_type", "authorization_code",
                    "code", code, "redirect_uri", REDIRECT, "client_id", CLIENT, "code_verifier", verifier))));
            if (tokens.statusCode() != 200) {
                throw new LauncherException("identity refused the code: " + tokens.statusCode() + " " + tokens.body());
            }
            JsonNode answer = JSON.readTree(tokens.body());
            return answer.path("access_token").asString();
        } catch (IOException e) {
            throw new ServiceUnreachableException(COMPONENT, "identity cannot be reached at " + base + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LauncherException("Interrupted while signing in");
        }
    }

    private static HttpRequest get(String url) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).header("Accept", "text/html").GET().build();
    }

    private static HttpRequest post(String url, String form) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build();
    }

    private static HttpResponse<String> send(HttpClient http, HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static String location(String base, HttpResponse<String> response) {
        String location = response.headers().firstValue("Location").orElseThrow(() -> new LauncherException(
                "identity answered " + response.uri() + " with " + response.statusCode() + ", not the expected redirect"));
        return location.startsWith("/") ? base + location : location;
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(field -> field.getKey() + "=" + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
