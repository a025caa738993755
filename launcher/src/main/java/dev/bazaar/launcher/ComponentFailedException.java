package dev.bazaar.launcher;

import java.util.List;

/** A component that did not come up, with the end of its log to show why. */
public class ComponentFailedException extends LauncherException {

    private final String component;
    private final List<String> logTail;

    public ComponentFailedException(String component, String reason, List<String> logTail) {
        super(component + " " + reason);
        this.component = component;
        this.logTail = List.copyOf(logTail);
    }

    public String component() {
        return component;
    }

    /** The last lines of the component's log, oldest first. */
    public List<String> logTail() {
        return logTail;
    }

    /** What went wrong, without the component's name. */
    public String reason() {
        return getMessage().substring(component.length() + 1);
    }
}
