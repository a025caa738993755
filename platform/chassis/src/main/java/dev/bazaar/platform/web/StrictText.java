package dev.bazaar.platform.web;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.module.SimpleModule;

/**
 * Text read from a request body never holds a NUL character: PostgreSQL refuses one in text, so it would fail as a 500
 * after the request was accepted. It is refused where it is read, as a 400 naming the field.
 */
final class StrictText extends StringDeserializer {

    static SimpleModule module() {
        return new SimpleModule("bazaar-strict-text").addDeserializer(String.class, new StrictText());
    }

    @Override
    public String deserialize(JsonParser parser, DeserializationContext context) {
        String text = super.deserialize(parser, context);
        if (text != null && text.indexOf('\u0000') >= 0) {
            throw new Refused(parser, "must not contain a NUL character");
        }
        return text;
    }

    /** A value refused by a rule of the chassis, whose message is written for the client. */
    static final class Refused extends MismatchedInputException {

        Refused(JsonParser parser, String reason) {
            super(parser, reason, String.class);
        }
    }
}
