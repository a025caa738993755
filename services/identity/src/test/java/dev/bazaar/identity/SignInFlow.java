package dev.bazaar.identity;

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
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A shopper signing in as a browser would, without one: the authorization code flow with PKCE of the public client
 * {@code bazaar-cli}, through the sign-in form, step by step.
 */
final class SignInFlow {

    static final String REDIRECT = "http://127.0.0.1/bazaar-cli/callback";
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String base;
    private HttpClient http = browser();

    SignInFlow(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    /** The token answer of {@code bazaar-cli}, or empty when the sign-in form refused the password. */
    Optional<JsonNode> signIn(String email, String password) throws IOException, InterruptedException {
        return signIn(email, password, "bazaar-cli", null, REDIRECT);
    }

    /**
     * Signs in as a fresh browser would (no session yet) for a client, confidential when given a secret; the token
     * answer (access, id and, for a confidential client, refresh token), or empty when the form refused the password. A
     * confidential client asks for the address too (scope {@code email}), as the storefront does.
     */
    Optional<JsonNode> signIn(String email, String password, String client, String secret, String redirect)
            throws IOException, InterruptedException {
        http = browser();
        String verifier = random();
        String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(sha256(verifier));
        String authorize = base + "/oauth2/authorize?" + form(Map.of("response_type", "code", "client_id", client,
                "redirect_uri", redirect, "scope", secret == null ? "openid" : "openid email", "state", "s1", "code_challenge", challenge,
                "code_challenge_method", "S256"));
        HttpResponse<String> toLogin = get(authorize);
        String loginPage = get(location(toLogin)).body();
        Matcher csrf = CSRF.matcher(loginPage);
        if (!csrf.find()) {
            throw new IllegalStateException("no CSRF token in the sign-in form: " + loginPage);
        }
        HttpResponse<String> signedIn = post(base + "/login", form(Map.of("username", email, "password", password,
                "_csrf", csrf.group(1))), null);
        String next = location(signedIn);
        if (next.contains("/login?error")) {
            return Optional.empty();
        }
        String callback = location(get(next));
        String code = callback.replaceFirst(".*[?&]code=([^&]+).*", "$1");
        return Optional.of(token(Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", redirect,
                "client_id", client, "code_verifier", verifier), basic(client, secret)));
    }

    JsonNode refresh(String refreshToken, String client, String secret) throws IOException, InterruptedException {
        return token(Map.of("grant_type", "refresh_token", "refresh_token", refreshToken), basic(client, secret));
    }

    HttpResponse<String> clientCredentials(String client, String secret) throws IOException, InterruptedException {
        return post(base + "/oauth2/token", form(Map.of("grant_type", "client_credentials")), basic(client, secret));
    }

    private static String basic(String client, String secret) {
        return secret == null ? null
                : "Basic " + Base64.getEncoder().encodeToString((client + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    private static HttpClient browser() {
        return HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    HttpResponse<String> get(String url) throws IOException, InterruptedException {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url.startsWith("/") ? base + url : url))
                    .header("Accept", "text/html").GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IOException("GET " + url + " failed", e);
        }
    }

    /** The claims of a JWT, read without checking it: the tests check what identity put in. */
    static JsonNode claims(String jwt) {
        return JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
    }

    static JsonNode header(String jwt) {
        return JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[0]));
    }

    private JsonNode token(Map<String, String> form, String authorization) throws IOException, InterruptedException {
        HttpResponse<String> answer = post(base + "/oauth2/token", form(form), authorization);
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("token endpoint answered " + answer.statusCode() + ": " + answer.body());
        }
        return JSON.readTree(answer.body());
    }

    private HttpResponse<String> post(String url, String form, String authorization) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String location(HttpResponse<String> response) {
        String location = response.headers().firstValue("Location")
                .orElseThrow(() -> new IllegalStateException("expected a redirect, got " + response.statusCode() + ": " + response.body()));
        return location.startsWith("/") ? base + location : location;
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream().map(field -> field.getKey() + "=" + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static String random() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
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
