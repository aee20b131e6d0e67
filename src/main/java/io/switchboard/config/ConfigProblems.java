package io.switchboard.config;

import java.util.Collection;
import java.util.List;

import io.smallrye.config.ConfigValidationException;
import io.smallrye.config.ConfigValidationException.Problem;

/**
 * The start-up failure of a configuration the gateway cannot run with. It is the exception the configuration's own
 * checks raise (an unknown key, a value of the wrong type), so that Quarkus reports both the same way: their
 * messages in one block, one line per bad key, no stack trace, and exit status 1.
 */
public final class ConfigProblems {

    private ConfigProblems() {
    }

    /** The failure naming each of {@code problems}, one line each ({@code <key>: <what is wrong>}). */
    public static ConfigValidationException of(Collection<String> problems) {
        return new ConfigValidationException(problems.stream().map(Problem::new).toArray(Problem[]::new));
    }

    /** The failure naming one {@code problem} ({@code <key>: <what is wrong>}). */
    public static ConfigValidationException of(String problem) {
        return of(List.of(problem));
    }
}
