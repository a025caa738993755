package dev.bazaar.identity;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Identity's settings ({@code identity.*}).
 *
 * @param audience       the {@code aud} of every access token: what the gateway and the services expect
 * @param accessTokens   how long an access token is good for: short, as it cannot be taken back
 * @param refreshTokens  how long a refresh token is good for; each use gives a new one
 * @param browserClients the backends that sign people in with a browser, by client id ({@code storefront}, the shop's
 *                      pages; {@code console}, the operations console): each a confidential client, when given a secret
 * @param staff          the staff account made at first start
 * @param operator       the launcher's service account (client credentials), for audits, dead letters and rebuilds
 * @param signingKeys    how the keys tokens are signed with are kept
 */
@ConfigurationProperties("identity")
public record IdentityProperties(@DefaultValue("bazaar") String audience,
                                 @DefaultValue("10m") Duration accessTokens,
                                 @DefaultValue("8h") Duration refreshTokens,
                                 @DefaultValue Map<String, BrowserClient> browserClients,
                                 @DefaultValue Staff staff,
                                 @DefaultValue Operator operator,
                                 @DefaultValue SigningKeySettings signingKeys) {

    /**
     * @param email    its address
     * @param password its first password; none: no staff account is made
     */
    public record Staff(@DefaultValue("staff@bazaar.local") String email, String password) {
    }

    /**
     * @param secret       the client secret; none: there is no such client
     * @param redirectUris           where its authorization codes may be sent
     * @param postLogoutRedirectUris where identity may send a browser back after signing it out at the client's request
     */
    public record BrowserClient(String secret, @DefaultValue List<String> redirectUris,
                                @DefaultValue List<String> postLogoutRedirectUris) {
    }

    /** @param secret the client secret; none: there is no service account */
    public record Operator(String secret) {
    }

    /**
     * @param secret what the private keys are sealed with in the database (required: identity does not start without
     *               it); kept outside the database, by the launcher under {@code .bazaar/}
     */
    public record SigningKeySettings(String secret) {
    }
}
