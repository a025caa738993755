package dev.bazaar.identity.account.application;

import dev.bazaar.identity.account.EmailAddress;

/**
 * Mail to an account's owner. It waits in identity's database for whatever sends it: an SMTP relay in a real
 * deployment; locally, it can be read there.
 */
public interface Mail {

    void send(EmailAddress to, String subject, String body);
}
