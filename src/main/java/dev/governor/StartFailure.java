package dev.governor;

/**
 * StartFailure is why the service cannot start, in one line an operator can act on (the port is
 * in use, another server holds the database); the command line prints it without a stack trace.
 */
public final class StartFailure extends RuntimeException {

    public StartFailure(String message) {
        super(message);
    }
}
